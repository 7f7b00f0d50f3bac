/** A worker thread of the parallel check (src/check/parallel.ts): judges each batch it is sent. */
import { parentPort } from 'node:worker_threads';
import { cacheCompiledModules } from '../build/compileCache.ts';
import type { Job, Reply } from './parallel.ts';

// A worker starts without its parent's compiled-code cache and type-stripping hooks (as the
// check's own thread does, src/build/checkThread.ts): without them it compiled the reader, the
// schemas, YAML and remark again on every run, and stripped our modules' types again.
cacheCompiledModules();
const { judgeBatch } = await import('./parallel.ts');
const { threadError } = await import('./threadError.ts');

const port = parentPort!;
port.on('message', (job: Job) => {
  let reply: Reply;
  try {
    reply = { id: job.id, judged: judgeBatch(job) };
  } catch (error) {
    reply = { id: job.id, error: threadError(error) };
  }
  port.postMessage(reply);
});
