/**
 * The compiled-code cache of `npm run build` (src/build/compileCache.ts) keeps our TypeScript
 * modules with their types stripped, so that no thread strips them again on the next build. A
 * kept copy must never stand in for a module whose text changed, and a module loaded from it must
 * behave as Node's own stripping makes it behave (same lines in a stack trace, no warning printed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';

const cacheModule = pathToFileURL(join(import.meta.dirname, '../src/build/compileCache.ts')).href;
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'gongkai-compile-cache-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Runs a fresh Node that turns the cache on (kept under `root`) and imports `module.ts`; returns what it printed. */
function load(): { stdout: string; stderr: string } {
  const script = [
    `import { cacheCompiledModules } from ${JSON.stringify(cacheModule)};`,
    `cacheCompiledModules(${JSON.stringify(root)});`,
    `const m = await import(${JSON.stringify(pathToFileURL(join(root, 'module.ts')).href)});`,
    `console.log(m.value);`,
    `try { m.fail(); } catch (e) { console.log(e.stack.split('\\n')[1]); }`,
  ].join('\n');
  writeFileSync(join(root, 'main.mjs'), script);
  const run = spawnSync(process.execPath, [join(root, 'main.mjs')], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return { stdout: run.stdout, stderr: run.stderr };
}

/** A module with types to strip; `fail` throws on line 6. */
const moduleText = (value: number) =>
  [
    `interface Box { value: number }`,
    `const box: Box = { value: ${value} };`,
    `export const value: number = box.value;`,
    ``,
    `export function fail(): never {`,
    `  throw new Error('from line 6');`,
    `}`,
  ].join('\n');

const kept = () => readdirSync(join(root, 'node_modules/.cache/gongkai-compile/stripped-ts')).filter((f) => f.endsWith('.js'));

test('a module is kept stripped after its first load and read from the cache by the next process', () => {
  writeFileSync(join(root, 'module.ts'), moduleText(1));
  const first = load();
  expect(first.stdout.split('\n')[0]).toBe('1');
  expect(kept()).toHaveLength(1);
  const second = load();
  expect(second.stdout).toBe(first.stdout);
  expect(kept()).toHaveLength(1);
});

test('a module whose text changed is stripped again, never taken from the kept copy of its old text', () => {
  writeFileSync(join(root, 'module.ts'), moduleText(1));
  expect(load().stdout.split('\n')[0]).toBe('1');
  writeFileSync(join(root, 'module.ts'), moduleText(2));
  expect(load().stdout.split('\n')[0]).toBe('2');
  expect(kept()).toHaveLength(2);
});

test('a stack trace from a kept module names the line of the TypeScript source', () => {
  writeFileSync(join(root, 'module.ts'), moduleText(1));
  load();
  const frame = load().stdout.split('\n')[1];
  expect(frame).toContain('module.ts:6:');
});

test('stripping a module for the cache prints nothing (Node strips silently when it loads one itself)', () => {
  writeFileSync(join(root, 'module.ts'), moduleText(1));
  const { stderr } = load();
  expect(kept()).toHaveLength(1);
  expect(stderr).toBe('');
});
