/**
 * The worker thread of {@link startIndexer}: each bundle asked for is indexed by a Pagefind
 * process of its own (`writeIndex`), closed once its files are written, and its files given
 * short names and its order by amount (src/search/bundleFiles.ts).
 */
import { parentPort } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { writeIndex, type IndexingMessage, type IndexingRequest } from './indexing.ts';
import { finishBundleFiles } from './bundleFiles.ts';

/**
 * Time for the last Pagefind process to end once told to, before the thread ends: its exit is
 * seen by this thread's event loop, and a thread that ended at once would leave the process a
 * zombie until the build ends (and its CPU time out of the build's).
 */
const REAP_MS = 200;

// One bundle after another: a request waits for the one before.
let queue = Promise.resolve();
parentPort!.on('message', (request: IndexingRequest) => {
  queue = queue.then(async () => {
    if ('close' in request) {
      await new Promise((resolve) => setTimeout(resolve, REAP_MS));
      parentPort!.close();
      return;
    }
    const post = (message: IndexingMessage) => parentPort!.postMessage(message);
    try {
      const summary = await writeIndex(request.records, request.outputPath);
      // Closed before the files are finished: its memory is freed while Node renames them.
      await pagefind.close();
      await finishBundleFiles(request.records, request.outputPath);
      post({ id: request.id, summary });
    } catch (error) {
      await pagefind.close();
      post({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
