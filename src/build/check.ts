/**
 * The editors' check as the build runs it: on a worker thread, so that it uses the second core
 * while this thread starts Astro (config, Vite, integrations), instead of before it.
 */
import { Worker } from 'node:worker_threads';
import type { CheckRunOptions } from '../check/run.ts';
import { rethrown, type ThreadError } from '../check/threadError.ts';

export interface CheckOutcome {
  report: string;
  errors: number;
  warnings: number;
  /** Wall time from the start of the check to its outcome. */
  seconds: number;
}

export type ThreadReply = Omit<CheckOutcome, 'seconds'> | { error: ThreadError };

/** What the check's thread is given. */
export interface ThreadJob {
  options: CheckRunOptions;
  /** Where node_modules is, for the compiled-code cache. */
  projectRoot: string;
}

/**
 * Runs the check on its own thread and resolves with its report. (Run in the main thread instead,
 * it took the same CPU within the noise and held Astro's start-up back while it parsed.)
 */
export function checkBeside(options: CheckRunOptions, projectRoot: string): Promise<CheckOutcome> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./checkThread.ts', import.meta.url), { workerData: { options, projectRoot } satisfies ThreadJob });
    worker.once('message', (reply: ThreadReply) => ('error' in reply ? reject(rethrown(reply.error)) : resolve({ ...reply, seconds: (performance.now() - start) / 1000 })));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`内容检查的线程意外退出（退出码 ${code}）`)));
  });
}
