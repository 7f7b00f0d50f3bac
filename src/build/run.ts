/**
 * `npm run build` in one process: the editors' check runs on a worker thread while this thread
 * starts Astro's build (config, integrations, Vite: about 2 s that used to come after the check).
 * The contract of the old `check && astro build` holds:
 * - the check's report is printed first; Astro's log is held back until then (gate.ts);
 * - on an error the report is all the editor sees: the build stops before its content loader
 *   reads anything, nothing is written to the output folder, and the exit code is 1;
 * - the content loader waits for the check's verdict and then takes the entries the check parsed
 *   from its store, so no file is parsed twice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheFolder } from '../check/cache.ts';
import type { AstroInlineConfig } from 'astro';
import type { CheckRunOptions } from '../check/run.ts';
import { checkBeside, type CheckOutcome } from './check.ts';
import { contentWaitedMs, holdContentFor, LogHold, logHold, type Verdict } from './gate.ts';

export interface BuildOptions {
  /** Every warning of the check, and every line of Astro's log (each page written). */
  verbose: boolean;
  /** The project: astro.config.mjs, src/, and by default content/ and dist/. */
  projectRoot?: string;
  env?: NodeJS.ProcessEnv;
  /** The check (default: on its own thread) and the build (default: Astro's programmatic build). */
  check?: (options: CheckRunOptions) => Promise<CheckOutcome>;
  build?: (config: AstroInlineConfig) => Promise<void>;
}

/** What the bench reads beside the build's phases (GONGKAI_PHASES) to time the check within one process. */
export interface CheckPhase {
  /** The check's own wall time, from the start of the process's work to its report. */
  check: number;
  /** How long the content loader waited for the check after Astro's start-up was done. */
  checkWait: number;
}

export type BuildEnd = { ok: true; check: CheckOutcome } | { ok: false; check: CheckOutcome };

/** The folder holding content/: GONGKAI_CONTENT's parent, as for the build's loader and `npm run dev`. */
export function contentRoot(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(projectRoot, env.GONGKAI_CONTENT ?? 'content', '..');
}

/** Adds the check's figures to the phases file the build wrote, for `npm run bench`. */
function recordCheck(phasesFile: string | undefined, figures: CheckPhase) {
  if (!phasesFile) return;
  const phases = JSON.parse(readFileSync(phasesFile, 'utf8')) as object;
  writeFileSync(phasesFile, JSON.stringify({ ...phases, ...figures }));
}

/**
 * Checks and builds. `print` receives the check's report as soon as it is known (before any line
 * of Astro's); when the check refuses the tree, the promise resolves at once with ok false and the
 * build under way must be abandoned by the caller (it is stopped at its content loader, having
 * written nothing).
 */
export async function checkAndBuild(o: BuildOptions, print: (check: CheckOutcome) => void): Promise<BuildEnd> {
  const env = o.env ?? process.env;
  const projectRoot = resolve(o.projectRoot ?? '.');
  const root = contentRoot(projectRoot, env);
  // The store the loader reads is in Astro's cache folder, wherever content/ is. One thread: beside
  // Astro's start on 2 cores, a second check thread only took CPU from this thread (at 10,000
  // projects 1.2 s more CPU for the same wall time, ab.py pairs); `npm run check` alone uses every core.
  const checking = (o.check ?? ((options) => checkBeside(options, projectRoot)))({ root, verbose: o.verbose, cacheDir: cacheFolder(projectRoot, env), threads: 1 });
  const verdict: Promise<Verdict> = checking.then(
    (c) => ({ passed: c.errors === 0 }),
    () => ({ passed: false }),
  );
  holdContentFor(verdict);
  const hold = new LogHold();
  logHold.put(hold);

  const build = o.build ?? (await import('astro')).build;
  // The project's own config, unchanged (its log destination is heldLog.ts): Astro's incremental
  // build keys its cache by the config, so `npm run build` and `astro build` share one cache.
  const building = build({ root: projectRoot, logLevel: o.verbose ? 'debug' : 'info' });
  // A build that fails while the check still runs is reported after the check's report.
  building.catch(() => {});

  const check = await checking;
  if (check.errors > 0) {
    hold.drop();
    print(check);
    return { ok: false, check };
  }
  print(check);
  hold.release();
  await building;
  recordCheck(env.GONGKAI_PHASES, { check: round(check.seconds), checkWait: round(contentWaitedMs() / 1000) });
  return { ok: true, check };
}

const round = (s: number) => Math.round(s * 1000) / 1000;
