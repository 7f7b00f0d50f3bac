/**
 * The check's per-file store: a run that takes files from it prints exactly what a full run
 * prints, an edit re-reads only the edited file, and a store that is corrupt, from other code
 * or bypassed with --no-cache cannot change what the editor is told.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent, type CheckResult } from '../src/check/index.ts';
import { CACHE_FILE, CheckCache, codeVersion } from '../src/check/cache.ts';
import { buildEntry } from '../src/check/loader.ts';
import type { Kind } from '../src/check/reader.ts';
import { CHECK_CASES, everything, treeFor } from './helpers/fixtures.ts';

const VERSION = codeVersion();

/** One run of the check with the store in `folder`: the full output an editor or a tool sees, and the store's counts. */
function run(root: string, folder: string | null, version = VERSION) {
  const cache = folder ? CheckCache.open(folder, version) : undefined;
  const result = checkContent(root, undefined, cache);
  cache?.save();
  return { output: everything(result), result, hits: cache?.hits ?? 0, misses: cache?.misses ?? 0 };
}

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function seedTree(): string {
  const root = tmp('gongkai-cache-tree-');
  cpSync('content', join(root, 'content'), { recursive: true });
  return root;
}

describe('a warm run prints exactly what a cold run and a run without the store print', () => {
  test.each(CHECK_CASES)('%s', async (name) => {
    const root = await treeFor(`check/${name}`);
    const folder = tmp('gongkai-cache-');
    const without = run(root, null);
    const cold = run(root, folder);
    const warm = run(root, folder);
    expect(cold.output).toBe(without.output);
    expect(warm.output).toBe(without.output);
    expect(cold.hits).toBe(0);
    // Every file in the layout came from the store the second time (files outside it are not parsed at all).
    expect(warm.misses).toBe(0);
    expect(warm.hits).toBe(cold.misses);
  });
});

test('editing one file re-reads that file only, and changes that file’s messages only', () => {
  const root = seedTree();
  const folder = tmp('gongkai-cache-');
  const before = run(root, folder);
  const edited = readdirSync(join(root, 'content/projects'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort()[0];
  const file = `content/projects/${edited}`;
  writeFileSync(join(root, file), `${readFileSync(join(root, file), 'utf8')}\n<b>粗体</b>\n`);

  const after = run(root, folder);
  expect(after.misses).toBe(1);
  expect(after.hits).toBe(before.misses - 1);
  expect(after.output).toBe(run(root, null).output);
  const of = (r: CheckResult, mine: boolean) => r.problems.filter((p) => (p.file === file) === mine);
  expect(of(after.result, false)).toEqual(of(before.result, false));
  expect(of(after.result, true)).not.toEqual(of(before.result, true));
  expect(of(after.result, true).map((p) => p.code)).toContain('raw-html');
});

test('a corrupt store is ignored without a word, and replaced', () => {
  const root = seedTree();
  const folder = tmp('gongkai-cache-');
  const clean = run(root, null);
  for (const garbage of [Buffer.from('not a store'), Buffer.alloc(0), Buffer.from([0xff, 0x0d, 0x6f, 0x22, 0x02])]) {
    writeFileSync(join(folder, CACHE_FILE), garbage);
    const after = run(root, folder);
    expect(after.output).toBe(clean.output);
    expect(after.hits).toBe(0);
  }
  expect(run(root, folder).misses).toBe(0);
});

test('a store written by other code is not used', () => {
  const root = seedTree();
  const folder = tmp('gongkai-cache-');
  run(root, folder, 'older code');
  const now = run(root, folder);
  expect(now.hits).toBe(0);
  expect(now.output).toBe(run(root, null).output);
});

test('the code version follows imports: a change in an imported module changes it, an unrelated file does not', () => {
  const dir = tmp('gongkai-cache-code-');
  writeFileSync(join(dir, 'entry.ts'), "import { rule } from './lib/rule.ts';\nexport const x = rule;\n");
  cpSync(join(dir, 'entry.ts'), join(dir, 'unrelated.ts'));
  writeFileSync(join(dir, 'lock.json'), '{"zod":"4.0.0"}');
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'rule.ts'), "export const rule = 'a';\n");
  const version = () => codeVersion([join(dir, 'entry.ts')], [join(dir, 'lock.json')]);
  const first = version();
  expect(version()).toBe(first);
  writeFileSync(join(dir, 'unrelated.ts'), 'export const y = 2;\n');
  expect(version()).toBe(first);
  writeFileSync(join(dir, 'lib', 'rule.ts'), "export const rule = 'b';\n");
  const second = version();
  expect(second).not.toBe(first);
  writeFileSync(join(dir, 'lock.json'), '{"zod":"4.0.1"}');
  expect(version()).not.toBe(second);
});

test('npm run check keeps its store in GONGKAI_CACHE, and --no-cache reads every file again', async () => {
  const root = await treeFor('check/plan-goes-down');
  const folder = tmp('gongkai-cache-');
  const script = resolve('scripts/check.ts');
  const check = (...args: string[]) => spawnSync(process.execPath, [script, '--root', root, ...args], { encoding: 'utf8', env: { ...process.env, GONGKAI_CACHE: folder } });
  const first = check();
  expect(first.status).toBe(1);
  expect(readdirSync(folder)).toEqual([CACHE_FILE]);
  const second = check();
  expect([second.status, second.stdout, second.stderr]).toEqual([first.status, first.stdout, first.stderr]);

  // A store that says every file is clean is believed by a normal run, and not by --no-cache.
  const planted = CheckCache.empty(folder);
  for (const file of readdirSync(join(root, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))) {
    planted.outcome(`content/${file}`, readFileSync(join(root, 'content', file)), () => ({ problems: [] }));
  }
  planted.save();
  expect(check().status).toBe(0);
  const full = check('--no-cache');
  expect([full.status, full.stdout, full.stderr]).toEqual([first.status, first.stdout, first.stderr]);
});

describe('the build’s content loader takes what the check just parsed', () => {
  const render = async (body: string) => ({ html: `<p>${body.length}</p>` });
  const files = (root: string) => readdirSync(join(root, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort();
  const kindOf = (file: string) => file.split('/')[0] as Kind;

  test('every file the check accepted gives the loader the same entry as reading it again', async () => {
    const root = seedTree();
    const folder = tmp('gongkai-cache-');
    run(root, folder);
    const store = CheckCache.open(folder);
    for (const file of files(root)) {
      const bytes = readFileSync(join(root, 'content', file));
      const checked = store.parsedEntry(`content/${file}`, bytes);
      expect(checked, file).toBeDefined();
      const fresh = await buildEntry(kindOf(file), `content/${file}`, bytes, render);
      expect(await buildEntry(kindOf(file), `content/${file}`, bytes, render, checked)).toEqual(fresh);
    }
  });

  test('a file changed since the check, or refused by it, is read again', async () => {
    const root = await treeFor('check/plan-goes-down');
    const folder = tmp('gongkai-cache-');
    run(root, folder);
    const refused = run(root, null).result.problems.find((p) => p.severity === 'error')!.file;
    const store = CheckCache.open(folder);
    expect(store.parsedEntry(refused, readFileSync(join(root, refused)))).toBeUndefined();
    const accepted = files(root).map((f) => `content/${f}`).find((f) => f !== refused)!;
    const edited = Buffer.from(`${readFileSync(join(root, accepted), 'utf8')}\n<b>粗体</b>\n`);
    expect(store.parsedEntry(accepted, edited)).toBeUndefined();
    expect(await buildEntry(kindOf(accepted.slice('content/'.length)), accepted, edited, render)).toHaveProperty('refused');
  });
});
