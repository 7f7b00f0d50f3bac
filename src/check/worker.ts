/** A worker thread of the parallel check (src/check/parallel.ts): judges each batch it is sent. */
import { parentPort } from 'node:worker_threads';
import { judgeBatch, type Job, type Reply } from './parallel.ts';

const port = parentPort!;
port.on('message', (job: Job) => {
  let reply: Reply;
  try {
    reply = { id: job.id, judged: judgeBatch(job) };
  } catch (error) {
    const e = error as Error & { code?: string; path?: string };
    reply = { id: job.id, error: { name: e.name, message: e.message, code: e.code, path: e.path, stack: e.stack } };
  }
  port.postMessage(reply);
});
