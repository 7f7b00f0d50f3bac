/** The editors' check on a thread of its own (src/build/check.ts): runs it once and posts the outcome. */
import { parentPort, workerData } from 'node:worker_threads';
import { threadError } from '../check/threadError.ts';
import { cacheCompiledModules } from './compileCache.ts';
import type { ThreadJob, ThreadReply } from './check.ts';

const { options, projectRoot } = workerData as ThreadJob;
// The check's modules (reader, schemas, YAML, remark) are imported after the cache is on.
cacheCompiledModules(projectRoot);
let reply: ThreadReply;
try {
  const { runCheck } = await import('../check/run.ts');
  const { result, report } = await runCheck(options);
  reply = { report, errors: result.errors, warnings: result.warnings };
} catch (error) {
  reply = { error: threadError(error) };
}
parentPort!.postMessage(reply);
