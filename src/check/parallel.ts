/**
 * The check on every core. Reading and parsing a file depends on that file alone, so this thread
 * and worker threads (src/check/worker.ts) each read and parse batches of files, while this
 * thread also keeps the store (src/check/cache.ts) and takes each file's problems and facts in
 * reading order, exactly as checkContent does in one thread; the rules that span files then run
 * here over the facts. The report, its order, the counts and the store are the same either way.
 *
 * Only a few batches are out at a time, so memory holds the facts of every file (as in one
 * thread) and the parsed entries of a few hundred files, whatever the corpus's size.
 * A worker costs its own start-up (loading the reader, schemas and Markdown parser, and warming
 * up), so a small corpus is checked in this thread alone.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ProblemCollector } from '../problems.ts';
import { CheckCache, digestOf, storable, type StoredOutcome } from './cache.ts';
import { rethrown, type ThreadError } from './threadError.ts';
import { checkFile, checkFiles, contentFiles, Gathering, kindOf, readContentFile, type CheckResult, type FileResult } from './index.ts';

/** Files per message to a worker: large enough that messages cost little, small enough to share the work evenly. */
const BATCH = 64;
/** Batches a worker holds at once: one being parsed and one waiting, so it never idles on a message. */
const DEPTH = 2;
/** Batches that may be parsed ahead of the first one not yet taken in: bounds the results waiting for their turn. */
const AHEAD = 16;

/**
 * From this many files on, the check uses worker threads. A worker costs about 1 s of CPU before
 * it is up to speed (loading the modules, then the JIT's warm-up), which on 2 cores does not pay
 * for itself below a couple of thousand files (measured: see the README's section on the check).
 */
export const PARALLEL_FROM = 2000;

export interface ParallelOptions {
  /** Threads that read and parse files, this one included; 1 checks in this thread alone. Default: one per core. */
  threads?: number;
  /** The fewest files worth starting workers for. */
  from?: number;
}

/** One batch as a worker gets it. */
export interface Job {
  id: number;
  root: string;
  /** Each file, with the digest of its stored outcome when the store has one. */
  files: Array<{ file: string; stored?: string }>;
  /** Whether the outcomes go to a store (then they carry their digest and their parsed entry as text). */
  keep: boolean;
}

/** What a worker found in one file of a batch. */
export interface Judged {
  placeholder: boolean;
  digest?: string;
  /** The bytes are those of the stored outcome: take it from the store. */
  hit?: true;
  outcome?: StoredOutcome;
}

export type Reply = { id: number; judged: Judged[] } | { id: number; error: ThreadError };

/** A worker's part: reads each file of the batch and parses it unless its bytes are the stored ones. */
export function judgeBatch(job: Job): Judged[] {
  return job.files.map(({ file, stored }) => {
    const { kind, placeholder, bytes } = readContentFile(job.root, file);
    if (!kind || !bytes) return { placeholder };
    if (!job.keep) {
      const { problems, facts } = checkFile(kind, file, bytes);
      return { placeholder, outcome: { problems, facts } };
    }
    const digest = digestOf(bytes);
    if (digest === stored) return { placeholder, digest, hit: true };
    return { placeholder, digest, outcome: storable(checkFile(kind, file, bytes)) };
  });
}


/** Worker threads that check files beside this thread, started once and used for one corpus or several. */
export class CheckWorkers {
  readonly #workers: Array<{ worker: Worker; out: number }>;
  /** The run under way: where replies and failures go. */
  #run: { reply(w: { out: number }, reply: Reply): void; fail(error: Error): void } | null = null;
  /** What stopped a worker: the run under way and every later one fail with it instead of waiting for that worker. */
  #broken: Error | null = null;
  #closing = false;

  /** Starts `count` workers; each loads the reader in its own thread while this one goes on. */
  constructor(count: number) {
    this.#workers = Array.from({ length: count }, () => {
      const entry = { worker: new Worker(new URL('./worker.ts', import.meta.url)), out: 0 };
      entry.worker.on('message', (reply: Reply) => this.#run?.reply(entry, reply));
      entry.worker.on('error', (error) => this.#fail(error));
      entry.worker.on('exit', (code) => this.#closing || this.#fail(new Error(`检查的工作线程意外退出（退出码 ${code}）`)));
      return entry;
    });
  }

  #fail(error: Error): void {
    this.#broken ??= error;
    this.#run?.fail(error);
  }

  /**
   * Checks `files` (from contentFiles) as checkFiles does in one thread, with the workers and
   * this thread each taking batches: the same result, problems in the same order, the same store.
   */
  async check(root: string, files: string[], collector: ProblemCollector, cache?: CheckCache, batch = BATCH): Promise<CheckResult> {
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += batch) batches.push(files.slice(i, i + batch));
    const gathering = new Gathering(collector);
    /** Batches judged (or the error that stopped one) and not yet taken in. */
    const done = new Map<number, Judged[] | Error>();
    let sent = 0;
    let taken = 0;
    let wake: (() => void) | null = null;
    const job = (id: number): Job => ({ id, root, keep: !!cache, files: batches[id].map((file) => ({ file, stored: cache?.storedDigest(file) })) });
    const canSend = () => sent < batches.length && sent < taken + AHEAD;

    this.#run = {
      reply: (w, reply) => {
        w.out--;
        done.set(reply.id, 'error' in reply ? rethrown(reply.error) : reply.judged);
        wake?.();
      },
      fail: () => wake?.(),
    };
    try {
      while (true) {
        if (this.#broken) throw this.#broken;
        // The workers first, so that they are busy while this thread judges a batch of its own.
        for (const w of this.#workers) {
          while (w.out < DEPTH && canSend()) {
            w.out++;
            w.worker.postMessage(job(sent++));
          }
        }
        // In reading order: a batch waits until every batch before it has been taken in, and an
        // error stops the check at the same file as in one thread.
        for (let next = done.get(taken); next !== undefined; next = done.get(taken)) {
          if (next instanceof Error) throw next;
          done.delete(taken);
          this.#take(batches[taken], next, gathering, cache);
          taken++;
        }
        if (taken === batches.length) break;
        if (canSend()) {
          const id = sent++;
          try {
            done.set(id, judgeBatch(job(id)));
          } catch (error) {
            done.set(id, error as Error);
          }
          // Lets the workers' replies in.
          await new Promise((resolve) => setImmediate(resolve));
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      }
    } finally {
      this.#run = null;
    }
    return gathering.finish();
  }

  /** One batch's files, taken into the report and the store in reading order. */
  #take(batch: string[], judged: Judged[], gathering: Gathering, cache?: CheckCache): void {
    batch.forEach((file, i) => {
      const { placeholder, digest, hit, outcome } = judged[i];
      const result: FileResult = { file, kind: kindOf(file), placeholder };
      if (result.kind) result.outcome = !cache ? outcome : hit ? cache.reuse(file) : cache.keep(file, digest!, outcome!);
      gathering.take(result);
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#run = null;
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }
}

/**
 * How many threads a run uses: one per core when it will likely parse at least `from` files,
 * else one. It will parse the files the store has nothing for: after an edit almost every file's
 * bytes are those of its stored outcome, and reading and comparing them is not worth a worker's
 * start-up; a first run, a run with --no-cache or after a change to the check's code parses all.
 */
export function threadsFor(files: string[], cache?: CheckCache, { threads = availableParallelism(), from = PARALLEL_FROM }: ParallelOptions = {}): number {
  if (threads < 2) return 1;
  let toParse = 0;
  for (const file of files) if (kindOf(file) && !cache?.storedDigest(file) && ++toParse >= from) return threads;
  return 1;
}

/**
 * checkContent on every core: the same result, problems in the same order, and the same store.
 * A run with fewer than `from` files to parse, or a single thread, is checked in this thread alone.
 */
export async function checkContentInParallel(root: string, collector: ProblemCollector, cache?: CheckCache, options: ParallelOptions = {}): Promise<CheckResult> {
  const files = contentFiles(root);
  const threads = threadsFor(files, cache, options);
  if (threads < 2) return checkFiles(root, files, collector, cache);
  // This thread judges batches too: one worker fewer than threads.
  const workers = new CheckWorkers(threads - 1);
  try {
    return await workers.check(root, files, collector, cache);
  } finally {
    await workers.close();
  }
}
