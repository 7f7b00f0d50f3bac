/**
 * The site's Pagefind index, filled while the pages render and written once they are.
 *
 * Pagefind runs as its own process: the records go to it as soon as the site model exists, and
 * it indexes them on the second core while Node renders pages on the first. Only writing the
 * files waits for the end of the build. An error while indexing is kept and fails `write`.
 */
import { Worker } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { indexRecords, type SearchRecord } from '../lib/searchRecords.ts';

export interface IndexSummary {
  records: number;
  /** Seconds `write` waited for Pagefind to index the last records (0 when it kept up with the pages). */
  waited: number;
  /** Seconds Pagefind took to write the index files. */
  writing: number;
}

export interface SiteIndexing {
  /** Waits for every record to be indexed, writes the index to `outputPath` and closes Pagefind. */
  write(outputPath: string): Promise<IndexSummary>;
}

const seconds = (ms: number) => Math.round(ms) / 1000;

export function startIndexing(records: Iterable<SearchRecord>): SiteIndexing {
  const indexed = (async () => {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind 无法建立索引：${errors.join('; ')}`);
    return { index, count: await indexRecords(index, records) };
  })();
  // Kept for `write`: a rejection before then must not end the build as an unhandled one.
  indexed.catch(() => {});
  return {
    async write(outputPath) {
      try {
        const called = performance.now();
        const { index, count } = await indexed;
        const started = performance.now();
        const written = await index.writeFiles({ outputPath });
        if (written.errors.length) throw new Error(`Pagefind 写入索引出错：${written.errors.join('; ')}`);
        return { records: count, waited: seconds(started - called), writing: seconds(performance.now() - started) };
      } finally {
        await pagefind.close();
      }
    },
  };
}

/**
 * Indexes `records` into `outputPath` as startIndexing does, on a worker thread, with `env` as
 * Pagefind's environment, and gives the files short names and the order by amount
 * (src/search/bundleFiles.ts). Pagefind's process waits for an answer to every message it sends, and
 * on the main thread those answers wait for whatever the build runs there: during an edit at
 * 10,000 projects its process sat idle for about 6 s while the pages' data was computed, and the
 * index was complete seconds after the last page. A thread's event loop is never blocked by them.
 */
export function indexInThread(records: SearchRecord[], outputPath: string, env: NodeJS.ProcessEnv): Promise<IndexSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./indexingThread.ts', import.meta.url), { workerData: { records, outputPath }, env });
    let settled = false;
    worker.on('message', (message: IndexingMessage) => {
      settled = true;
      if ('error' in message) reject(new Error(message.error));
      else resolve(message.summary);
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`Pagefind 索引线程提前结束（退出码 ${code}）`));
    });
  });
}

/** What the indexing thread reports. */
export type IndexingMessage = { summary: IndexSummary } | { error: string };
