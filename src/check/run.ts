/**
 * One run of the editors' check as `npm run check` and `npm run build` make it: every file read
 * (from the store when its bytes are unchanged, src/check/cache.ts), the store refreshed for the
 * next run and for the build's content loader, placeholders explained, and the report formatted.
 */
import { CheckCache, cacheFolder } from './cache.ts';
import { formatProblems, type CheckResult } from './index.ts';
import { checkContentInParallel } from './parallel.ts';
import { withSince } from './since.ts';
import { ProblemCollector } from '../problems.ts';
import { withPlaceholders } from '../lib/skeleton.ts';

export interface CheckRunOptions {
  /** The folder holding content/. */
  root: string;
  /** Every warning in full instead of one line per rule. */
  verbose: boolean;
  /** Parse every file, ignoring what earlier runs stored (the store is still refreshed). */
  noCache?: boolean;
  /** Threads that read and parse; undefined: one per core for a corpus large enough to gain. */
  threads?: number;
  /** A git ref: published numbers changed since then need a correction entry. */
  since?: string;
  /** The folder of the check's store; default: the one the build of `root` uses (cacheFolder). */
  cacheDir?: string;
}

export interface CheckRun {
  result: CheckResult;
  /** The report as the editor reads it: errors in full, warnings as asked, the totals last. */
  report: string;
}

export async function runCheck(o: CheckRunOptions): Promise<CheckRun> {
  const folder = o.cacheDir ?? cacheFolder(o.root);
  const cache = o.noCache ? CheckCache.empty(folder) : CheckCache.open(folder);
  const checked = await checkContentInParallel(o.root, new ProblemCollector(), cache, { threads: o.threads, from: o.threads === undefined ? undefined : 0 });
  // Saved before the result is handed on: the build's loader reads the parsed entries from it.
  cache.save();
  const result = await withPlaceholders(o.since ? withSince(checked, o.root, o.since) : checked, o.root);
  return { result, report: formatProblems(result, o.verbose) };
}
