/** The worker thread of {@link indexInThread}: one bundle's records indexed by its own Pagefind process. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SearchRecord } from '../lib/searchRecords.ts';
import { startIndexing, type IndexingMessage } from './indexing.ts';

const { records, outputPath } = workerData as { records: SearchRecord[]; outputPath: string };
const post = (message: IndexingMessage) => parentPort!.postMessage(message);

try {
  post({ summary: await startIndexing(records).write(outputPath) });
} catch (error) {
  post({ error: error instanceof Error ? error.message : String(error) });
}
