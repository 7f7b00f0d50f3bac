/**
 * The worker thread of {@link startIndexer}: each bundle asked for is indexed by this thread's
 * Pagefind service (`writeIndex`), and its files given short names and its order by amount
 * (src/search/bundleFiles.ts). The service stays open for the next bundle.
 */
import { parentPort } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { writeIndex, type IndexingMessage, type IndexingRequest } from './indexing.ts';
import { finishBundleFiles } from './bundleFiles.ts';

// One bundle after another: a request waits for the one before.
let queue = Promise.resolve();
parentPort!.on('message', (request: IndexingRequest) => {
  queue = queue.then(async () => {
    if ('close' in request) {
      await pagefind.close();
      parentPort!.close();
      return;
    }
    const post = (message: IndexingMessage) => parentPort!.postMessage(message);
    try {
      const summary = await writeIndex(request.records, request.outputPath);
      await finishBundleFiles(request.records, request.outputPath);
      post({ id: request.id, summary });
    } catch (error) {
      // A service in an unknown state is not trusted with the next bundle, which starts its own.
      await pagefind.close();
      post({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
