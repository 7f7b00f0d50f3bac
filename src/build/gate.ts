/**
 * What `npm run build` (src/build/run.ts) hands to the parts of Astro's build that run in the same
 * process while the editors' check is still running beside them:
 * - the check's verdict, which the content loader waits for before it takes the parsed entries
 *   from the check's store (so no file is parsed twice, and nothing is built from a refused tree);
 * - a hold on Astro's log, so that an editor sees the check's report first, and on a refusal
 *   nothing but the report.
 * A module variable would be two variables (Astro loads the config and the loaders through its own
 * module runner), so both live in global slots. `astro build` on its own sets neither: the loader
 * then goes straight on and the log is written as it comes.
 */
import { globalSlot } from '../lib/globalSlot.ts';

export interface Verdict {
  /** The check found no error. */
  passed: boolean;
}

const verdictSlot = globalSlot<{ verdict: Promise<Verdict>; waitedMs: number; settled: boolean }>('checkVerdict');

/** Makes the content loader of this process wait for `verdict` before it reads the check's store. */
export function holdContentFor(verdict: Promise<Verdict>): void {
  const held = { verdict, waitedMs: 0, settled: false };
  verdict.then(
    () => (held.settled = true),
    () => (held.settled = true),
  );
  verdictSlot.put(held);
}

/**
 * Whether a check is running beside this build and has not given its verdict yet: the loader
 * may use the time for work that writes nothing (src/check/loader.ts renders bodies ahead).
 */
export const checkPending = (): boolean => verdictSlot.get()?.settled === false;

/** Thrown in the loader when the check refused the tree: its report is already on the screen. */
export class CheckRefused extends Error {
  constructor() {
    super('内容检查发现错误，网站没有构建');
    this.name = 'CheckRefused';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * In the content loader: returns when the check running beside the build has passed (at once
 * when there is none), throws CheckRefused when it found errors. The time spent waiting is kept
 * for the bench (contentWaitedMs).
 */
export async function awaitCheck(): Promise<void> {
  const held = verdictSlot.get();
  if (!held) return;
  const start = performance.now();
  const { passed } = await held.verdict;
  held.waitedMs = Math.max(held.waitedMs, performance.now() - start);
  if (!passed) throw new CheckRefused();
}

/** How long the content loader waited for the check (the longest of the collections' waits). */
export const contentWaitedMs = () => verdictSlot.get()?.waitedMs ?? 0;

type Write = () => void;

/** Astro's log lines, held back until the check's report is out. */
export class LogHold {
  #held: Write[] | null = [];

  /** Writes `write` now, or keeps it for release(). */
  write(write: Write): void {
    if (this.#held) this.#held.push(write);
    else write();
  }

  /** Writes what was held, in order; later lines go straight out. */
  release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const write of held) write();
  }

  /** Forgets what was held, and holds every later line too: the build is abandoned. */
  drop(): void {
    this.#held = [];
  }
}

export const logHold = globalSlot<LogHold>('logHold');
