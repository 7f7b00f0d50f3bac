/**
 * The open-data files written on a worker thread, beside the page rendering: the build hands the
 * site model over before the first page renders (src/integrations/openData.ts), and the thread
 * makes and writes every file (src/lib/openDataFiles.ts, src/lib/openDataWriter.ts) while the
 * main thread renders pages. On the main thread the text files took about as long as a third
 * of the pages (1,000 projects: 3.2 s of 2,316 JSON and CSV files after 7.7 s of pages), and
 * everything but Pagefind ran on one core.
 *
 * The input is plain data (regions, views, maps), copied to the thread once by postMessage.
 *
 * The thread starts when the build does (`startOpenDataThread`), before the input exists: Node's
 * start of a thread, its modules and the parts kept from the last build (about 1 s of the
 * thread's CPU on an edit at 10,000 projects) are then done while Vite bundles the pages and the
 * first page builds the site model, not after the input is handed over.
 */
import { Worker } from 'node:worker_threads';
import type { OpenDataInput } from './openDataFiles.ts';
import type { WriteOptions, WriteSummary } from './openDataWriter.ts';
import type { PartCounts } from './openDataParts.ts';
import type { ShelvedIds } from './siteContent.ts';

export interface OpenDataRun extends WriteOptions {
  /** The output folder the files go into. */
  outDir: string;
}

/** What the thread reports: the text files first (with the kept parts they reused), then the workbooks. */
export type OpenDataStage = WriteSummary & {
  seconds: number;
  /** CPU time of the thread in the stage (its wall time also counts what it waited for the other threads). */
  cpuSeconds?: number;
  parts?: PartCounts;
};

export type OpenDataMessage =
  | { stage: 'text' | 'workbooks'; summary: OpenDataStage }
  | { error: string }
  /** The thread could not compute the input from the content sync's shelves: the build posts the whole of it. */
  | { need: 'input' };

/**
 * What the build posts to the thread: the whole input; or the list of this build's entries, from
 * whose saved shelves the thread computes the input (src/lib/siteContent.ts), and later the date
 * of the last commit, the one part it cannot compute.
 */
export type OpenDataInbound = { input: OpenDataInput } | { entries: ShelvedIds } | { dataAsOf: string | null };

export interface OpenDataThread {
  /** The JSON and CSV files are written. */
  text: Promise<OpenDataStage>;
  /** Every file is written (the workbooks last) and the cache manifest is recorded. */
  done: Promise<OpenDataStage>;
}

/** A thread started before its input: it reads what it can, then waits for `write`. */
export interface PendingOpenDataThread {
  /** Hands the input over; the thread makes and writes every file and then ends by itself. */
  write(input: OpenDataInput): OpenDataThread;
  /** When the build starts: the thread computes the input from the shelves of these entries (src/lib/siteContent.ts). */
  prepare(entries: ShelvedIds): void;
  /**
   * After `prepare`: the date of the content's last commit completes the input, and the thread
   * writes as `write` does; `input` is asked for the whole input where the shelves would not do.
   */
  finish(dataAsOf: string | null, input: () => Promise<OpenDataInput>): OpenDataThread;
  /** Ends a thread that will get no input (the build failed before handing it over). */
  cancel(): void;
}

/** Starts the thread; it does nothing that needs the input before `write` hands it over. */
export function startOpenDataThread(run: OpenDataRun): PendingOpenDataThread {
  const worker = new Worker(new URL('./openDataThreadWorker.ts', import.meta.url), { workerData: { run } });
  // Until it has its input, the thread must not keep a failed build's process alive.
  worker.unref();
  let text!: { resolve: (s: OpenDataStage) => void; reject: (e: Error) => void };
  let done!: { resolve: (s: OpenDataStage) => void; reject: (e: Error) => void };
  const thread: OpenDataThread = {
    text: new Promise((resolve, reject) => (text = { resolve, reject })),
    done: new Promise((resolve, reject) => (done = { resolve, reject })),
  };
  const fail = (error: Error) => {
    text.reject(error);
    done.reject(error);
  };
  const post = (message: OpenDataInbound) => worker.postMessage(message);
  let wholeInput: (() => Promise<OpenDataInput>) | undefined;
  worker.on('message', (message: OpenDataMessage) => {
    if ('need' in message) {
      wholeInput?.().then(
        (input) => post({ input }),
        (error: Error) => fail(error),
      );
    } else if ('error' in message) fail(new Error(`公开数据文件没有写出：${message.error}`));
    else if (message.stage === 'text') text.resolve(message.summary);
    else done.resolve(message.summary);
  });
  worker.on('error', (error) => fail(new Error(`公开数据文件没有写出：${error.message}`)));
  worker.on('exit', (code) => fail(new Error(`公开数据文件没有写出：写出线程提前结束（退出码 ${code}）`)));
  // Until the build awaits them, a failure must not end the process unreported.
  thread.text.catch(() => {});
  thread.done.catch(() => {});
  return {
    write(input) {
      worker.ref();
      post({ input });
      return thread;
    },
    prepare(entries) {
      post({ entries });
    },
    finish(dataAsOf, input) {
      wholeInput = input;
      worker.ref();
      post({ dataAsOf });
      return thread;
    },
    cancel() {
      void worker.terminate();
    },
  };
}

/** Starts the thread over the input; it ends by itself once every file is written. */
export function writeOpenDataInThread(input: OpenDataInput, run: OpenDataRun): OpenDataThread {
  return startOpenDataThread(run).write(input);
}
