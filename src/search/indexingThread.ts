/**
 * The worker thread of {@link indexInThread}: one bundle's records indexed by its own Pagefind
 * process, then its files given short names and its order by amount (src/search/bundleFiles.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SearchRecord } from '../lib/searchRecords.ts';
import { startIndexing, type IndexingMessage } from './indexing.ts';
import { finishBundleFiles } from './bundleFiles.ts';

const { records, outputPath } = workerData as { records: SearchRecord[]; outputPath: string };
const post = (message: IndexingMessage) => parentPort!.postMessage(message);

try {
  const summary = await startIndexing(records).write(outputPath);
  await finishBundleFiles(records, outputPath);
  post({ summary });
} catch (error) {
  post({ error: error instanceof Error ? error.message : String(error) });
}
