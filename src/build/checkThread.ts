/** The editors' check on a thread of its own (src/build/check.ts): runs it once and posts the outcome. */
import { parentPort, workerData } from 'node:worker_threads';
import { threadError } from '../check/threadError.ts';
import { cacheCompiledModules } from './compileCache.ts';
import type { ThreadJob, ThreadReply } from './check.ts';

const { options, projectRoot } = workerData as ThreadJob;
// The check's modules (reader, schemas, YAML, remark) are imported after the cache is on.
cacheCompiledModules(projectRoot);
try {
  const { runCheck } = await import('../check/run.ts');
  const { result, report, unsaved } = await runCheck({ ...options, handOver: true });
  const reply: ThreadReply = { report, errors: result.errors, warnings: result.warnings };
  if (!unsaved || result.errors > 0) {
    // A refused tree's store is written before the answer: the process ends right after the report.
    unsaved?.save();
    parentPort!.postMessage(reply);
  } else {
    // The content loader takes the store from here instead of reading the file, and the file is
    // written while the build goes on (at 10,000 projects: a 52 MB file written, then read back,
    // between the check's end and the loader's start). The loader gets its own copy.
    const store = new Uint8Array(unsaved.bytes);
    parentPort!.postMessage({ ...reply, store } satisfies ThreadReply, [store.buffer]);
    unsaved.save();
  }
} catch (error) {
  parentPort!.postMessage({ error: threadError(error) } satisfies ThreadReply);
}
