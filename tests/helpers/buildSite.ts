/**
 * Builds the seed site once for the whole suite, exactly as `npm run build` does (check, then
 * astro build with the Pagefind integration), so the HTML and browser tests read real output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** `npm run build` without npm: the check, then astro build; throws with the output on failure. */
export function buildSite(env: Record<string, string> = {}, { check = true } = {}) {
  const options = { encoding: 'utf8' as const, env: { ...process.env, ...env } };
  if (check) {
    const run = spawnSync(process.execPath, ['scripts/check.ts', '--count-warnings'], options);
    if (run.status !== 0) throw new Error(`npm run check failed:\n${run.stdout}\n${run.stderr}`);
  }
  const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], options);
  const outDir = env.GONGKAI_OUT ?? 'dist';
  if (build.status !== 0 || !existsSync(`${outDir}/index.html`)) {
    throw new Error(`astro build failed:\n${build.stdout}\n${build.stderr}`);
  }
}

export default function setup() {
  buildSite();
}
