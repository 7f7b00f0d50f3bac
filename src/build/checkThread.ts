/** The editors' check on a thread of its own (src/build/check.ts): runs it once and posts the outcome. */
import { parentPort, workerData } from 'node:worker_threads';
import { runCheck, type CheckRunOptions } from '../check/run.ts';
import { threadError } from '../check/threadError.ts';
import type { ThreadReply } from './check.ts';

let reply: ThreadReply;
try {
  const { result, report } = await runCheck(workerData as CheckRunOptions);
  reply = { report, errors: result.errors, warnings: result.warnings };
} catch (error) {
  reply = { error: threadError(error) };
}
parentPort!.postMessage(reply);
