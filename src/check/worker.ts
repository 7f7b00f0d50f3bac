/** A worker thread of the parallel check (src/check/parallel.ts): judges each batch it is sent. */
import { parentPort } from 'node:worker_threads';
import { judgeBatch, type Job, type Reply } from './parallel.ts';
import { threadError } from './threadError.ts';

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
