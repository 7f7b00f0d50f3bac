/** A build sends nothing to a third party: Astro's usage telemetry is off under the project's config (astro.config.mjs). */
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

/** Whether Astro's telemetry would record, in a fresh Node that has loaded the project's config with `env`. */
function telemetryDisabled(env: NodeJS.ProcessEnv): boolean {
  const script = [
    `await import('./astro.config.mjs');`,
    `const { AstroTelemetry } = await import('@astrojs/telemetry');`,
    `console.log(new AstroTelemetry({ astroVersion: '0', viteVersion: '0' }).isDisabled);`,
  ].join('\n');
  const { ASTRO_TELEMETRY_DISABLED: _, TELEMETRY_DISABLED: __, ...rest } = process.env;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...rest, ...env } });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim() === 'true';
}

test('Astro’s telemetry is off for every build, dev server and preview of the project', () => {
  expect(telemetryDisabled({})).toBe(true);
});
