/** The editors' check on a thread of its own (src/build/check.ts): runs it once and posts the outcome. */
import { parentPort, workerData } from 'node:worker_threads';
import { threadError } from '../check/threadError.ts';
import { cacheCompiledModules } from './compileCache.ts';
import type { ThreadJob, ThreadReply } from './check.ts';

const { options, projectRoot } = workerData as ThreadJob;
// The check's modules (reader, schemas, YAML, remark) are imported after the cache is on.
cacheCompiledModules(projectRoot);
let reply: ThreadReply;
let store: { write(): void } | undefined;
try {
  const { runCheckUnsaved } = await import('../check/run.ts');
  const run = await runCheckUnsaved(options, { shared: true });
  store = run.store;
  reply = { report: run.report, errors: run.result.errors, warnings: run.result.warnings, parsed: run.store.parsed };
} catch (error) {
  reply = { error: threadError(error) };
}
parentPort!.postMessage(reply);
// The store is written after the verdict: the loader of this build has its parsed entries already
// (the reply's `parsed`), and the file is for the next run.
store?.write();
