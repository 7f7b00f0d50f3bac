/**
 * The site's Pagefind bundles, indexed on one worker thread.
 *
 * Pagefind runs as its own process, fed from a worker thread whose event loop nothing the build
 * runs on the main thread can block: Pagefind's process waits for an answer to every message it
 * sends, and on the main thread those answers waited for the pages' data (about 6 s idle during
 * an edit at 10,000 projects). One thread serves every bundle of a build, one after another:
 * a thread per bundle cost about 0.3 CPU seconds each to load its modules, ten times at 10,000
 * projects. Each bundle still gets a Pagefind process of its own, closed once its files are
 * written: a process starts in 0.01 CPU s, and one that served several bundles kept about
 * 430 MiB after the first instead of 270 MiB for one bundle (its allocator keeps what a deleted
 * index freed). An error while indexing fails that bundle with Pagefind's message.
 */
import { Worker } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import type { PagefindIndex } from 'pagefind';
// Only the type: the thread must not load the site model's modules (zod, the schemas), 0.3 CPU s.
import type { SearchRecord } from '../lib/searchRecords.ts';

export interface IndexSummary {
  records: number;
  /** Seconds Pagefind took to take the records in. */
  indexing: number;
  /** Seconds Pagefind took to build and write the index files. */
  writing: number;
}

/** Records go to Pagefind's service in batches, so its indexing is not held up by one round trip each. */
const RECORD_BATCH = 256;
/** Batches sent before the first is answered: Pagefind always has the next one while Node makes more. */
const BATCHES_IN_FLIGHT = 2;

/**
 * Adds records to a Pagefind index; returns how many. A record Pagefind refuses fails with its URL.
 */
export async function indexRecords(index: PagefindIndex, records: Iterable<SearchRecord>): Promise<number> {
  let count = 0;
  const inFlight: Array<Promise<void>> = [];
  const send = (batch: SearchRecord[]) => {
    // Without the sort: the amount order is a file of its own, loaded only to sort (src/search/order.ts).
    const sent = Promise.all(batch.map(({ sort: _sort, ...r }) => index.addCustomRecord({ ...r, language: 'zh-cn' }))).then((added) => {
      const failed = added.findIndex((a) => a.errors.length);
      if (failed >= 0) throw new Error(`Pagefind 索引 ${batch[failed].url} 出错：${added[failed].errors.join('; ')}`);
      count += batch.length;
    });
    // Awaited below, maybe after a later batch has failed: the failure waits for it, handled.
    sent.catch(() => {});
    return sent;
  };
  let batch: SearchRecord[] = [];
  for (const r of records) {
    batch.push(r);
    if (batch.length < RECORD_BATCH) continue;
    inFlight.push(send(batch));
    batch = [];
    if (inFlight.length === BATCHES_IN_FLIGHT) await inFlight.shift();
  }
  if (batch.length) inFlight.push(send(batch));
  await Promise.all(inFlight);
  return count;
}

const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * Indexes `records` into `outputPath` with this thread's Pagefind service, which stays open:
 * `pagefind.close()` ends it.
 */
export async function writeIndex(records: Iterable<SearchRecord>, outputPath: string): Promise<IndexSummary> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind 无法建立索引：${errors.join('; ')}`);
  const count = await indexRecords(index, records);
  const indexed = performance.now();
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new Error(`Pagefind 写入索引出错：${written.errors.join('; ')}`);
  return { records: count, indexing: seconds(indexed - started), writing: seconds(performance.now() - indexed) };
}

/** What the main thread asks of the indexing thread (src/search/indexingThread.ts). */
export type IndexingRequest = { id: number; records: SearchRecord[]; outputPath: string } | { close: true };

/** What the indexing thread answers. */
export type IndexingMessage = { id: number; summary: IndexSummary } | { id: number; error: string };

export interface BundleIndexer {
  /**
   * Indexes `records` into `outputPath`, gives the files short names and writes the order by
   * amount (src/search/bundleFiles.ts). Bundles are indexed in the order they are asked for.
   */
  index(records: SearchRecord[], outputPath: string): Promise<IndexSummary>;
  /** Ends the thread (after the bundles asked for). */
  close(): Promise<void>;
}

/** Starts the indexing thread, with `env` as Pagefind's environment. */
export function startIndexer(env: NodeJS.ProcessEnv): BundleIndexer {
  const worker = new Worker(new URL('./indexingThread.ts', import.meta.url), { env });
  const pending = new Map<number, { resolve: (s: IndexSummary) => void; reject: (e: Error) => void }>();
  let next = 0;
  let ended: Error | null = null;
  const fail = (error: Error) => {
    ended ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (message: IndexingMessage) => {
    const p = pending.get(message.id);
    pending.delete(message.id);
    if ('error' in message) p?.reject(new Error(message.error));
    else p?.resolve(message.summary);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`Pagefind 索引线程提前结束（退出码 ${code}）`)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    index(records, outputPath) {
      if (ended) return Promise.reject(ended);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, records, outputPath } satisfies IndexingRequest);
      });
    },
    async close() {
      if (ended) return;
      ended = new Error('Pagefind 索引线程已关闭');
      worker.postMessage({ close: true } satisfies IndexingRequest);
      await exited;
    },
  };
}
