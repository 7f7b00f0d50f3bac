/** The TypeScript of src/, scripts/ and tests/ type-checks: types come from the schemas. */
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';

test('tsc --noEmit reports no errors', () => {
  const run = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json'], { encoding: 'utf8' });
  expect(run.stdout + run.stderr).toBe('');
  expect(run.status).toBe(0);
}, 120_000);
