/**
 * Builds the seed site once for the whole suite, exactly as `npm run build` does (check, then
 * astro build with the Pagefind integration), so the HTML and browser tests read real output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup() {
  const run = spawnSync(process.execPath, ['scripts/check.ts', '--count-warnings'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run check failed on the seed content:\n${run.stdout}\n${run.stderr}`);
  const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { encoding: 'utf8' });
  if (build.status !== 0 || !existsSync('dist/index.html')) {
    throw new Error(`astro build failed:\n${build.stdout}\n${build.stderr}`);
  }
}
