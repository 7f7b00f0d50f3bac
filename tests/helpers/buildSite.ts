/**
 * Builds the seed site once for the whole suite, exactly as `npm run build` does (scripts/build.ts:
 * the check beside Astro's build with the Pagefind integration), so the HTML and browser tests read
 * real output, and the build-script test reads what it printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** What `npm run build` printed (stdout, then stderr) while building the seed site, without colour codes. */
    seedBuildOutput: string;
  }
}

/**
 * `npm run build` without npm (`check: false`: `astro build` alone, for fixtures that are meant to
 * be built whatever the check says); returns what it printed, throws with it on failure. Colour codes
 * are removed: Astro's log is coloured wherever `CI` or `FORCE_COLOR` is set, as on the CI runner.
 */
export function buildSite(env: Record<string, string> = {}, { check = true } = {}): string {
  const options = { encoding: 'utf8' as const, env: { ...process.env, ...env } };
  const build = spawnSync(process.execPath, check ? ['scripts/build.ts'] : ['node_modules/astro/bin/astro.mjs', 'build'], options);
  const output = stripVTControlCharacters(`${build.stdout}\n${build.stderr}`);
  const outDir = env.GONGKAI_OUT ?? 'dist';
  if (build.status !== 0 || !existsSync(`${outDir}/index.html`)) {
    throw new Error(`${check ? 'npm run build' : 'astro build'} failed:\n${output}`);
  }
  return output;
}

/**
 * The suite's own temporary folder, removed when it ends: the tests make about a thousand fixture
 * trees, builds and caches with `os.tmpdir()`, and each run used to leave them all behind (260 MB
 * after a few runs). Set before the test workers and builds start, so that they inherit it.
 */
function suiteTmpdir(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'gongkai-tests-'));
  process.env.TMPDIR = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}

export default function setup(project: TestProject) {
  const removeTmpdir = suiteTmpdir();
  try {
    project.provide('seedBuildOutput', buildSite());
  } catch (error) {
    removeTmpdir();
    throw error;
  }
  return removeTmpdir;
}
