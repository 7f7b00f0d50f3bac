/**
 * `npm run bench` starts the build without npm, with the Node options of package.json's "build"
 * script (src/build/nodeOptions.ts): the figures it prints are those of the command editors run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { buildScriptArgs } from '../src/build/nodeOptions.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-node-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function packageWith(build: string | undefined): URL {
  const file = join(dir, `package-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ scripts: build === undefined ? {} : { build } }));
  return pathToFileURL(file);
}

test.each([
  ['node scripts/build.ts', ['scripts/build.ts']],
  ['node --max-semi-space-size=32 scripts/build.ts', ['--max-semi-space-size=32', 'scripts/build.ts']],
  ['  node  --max-semi-space-size=64 --v8-pool-size=2 scripts/build.ts ', ['--max-semi-space-size=64', '--v8-pool-size=2', 'scripts/build.ts']],
])('"%s" starts Node with %j', (script, args) => {
  expect(buildScriptArgs(packageWith(script))).toEqual(args);
});

test.each([
  ['a shell variable', 'NODE_OPTIONS=--max-semi-space-size=32 node scripts/build.ts'],
  ['another program', 'tsx scripts/build.ts'],
  ['two commands', 'node scripts/check.ts && node scripts/build.ts'],
  ['no script', undefined],
])('a "build" script with %s is refused with the form it should take', (_, script) => {
  expect(() => buildScriptArgs(packageWith(script))).toThrow(/package\.json: scripts\.build should read "node \[Node options\] scripts\/build\.ts"/);
});

test('the live package.json starts scripts/build.ts', () => {
  expect(buildScriptArgs().at(-1)).toBe('scripts/build.ts');
});
