/**
 * Builds the seed site once for the whole suite, exactly as `npm run build` does (scripts/build.ts:
 * the check beside Astro's build with the Pagefind integration), so the HTML and browser tests read
 * real output, and the build-script test reads what it printed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

export default function setup(project: TestProject) {
  project.provide('seedBuildOutput', buildSite());
}
