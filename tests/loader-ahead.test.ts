/**
 * The content loader beside `npm run build`'s check (src/check/loader.ts, src/build/gate.ts): it
 * renders bodies while the check has not given its verdict, and what it stores is exactly what it
 * stores without a check beside it; a refused tree still stores nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import type { LoaderContext } from 'astro/loaders';
import { contentLoader } from '../src/check/loader.ts';
import { CheckRefused, checkPending, holdContentFor, type Verdict } from '../src/build/gate.ts';
import { EntryShelf } from '../src/lib/storedEntry.ts';

/** The project's own content: its department documents have narrative bodies. */
const ROOT = resolve('.');
const folders: string[] = [];

afterEach(() => {
  holdContentFor(Promise.resolve({ passed: true }));
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A loader context as Astro's content layer gives it, with a renderer that records what it is given. */
function fakeContext(rendered: string[]) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'gongkai-loader-'));
  folders.push(cacheDir);
  const entries = new Map<string, { id: string; digest?: string }>();
  const context = {
    store: {
      keys: () => [...entries.keys()],
      get: (id: string) => entries.get(id),
      set: (entry: { id: string; digest?: string }) => entries.set(entry.id, entry),
      delete: (id: string) => entries.delete(id),
    },
    config: { root: pathToFileURL(`${ROOT}/`), cacheDir: pathToFileURL(`${cacheDir}/`) },
    generateDigest: (data: string) => createHash('sha256').update(data).digest('hex'),
    renderMarkdown: async (source: string) => {
      rendered.push(source);
      return { html: `<p>${createHash('sha256').update(source).digest('hex')}</p>`, metadata: {} };
    },
    logger: { error() {}, info() {}, warn() {} },
  };
  return { context: context as unknown as LoaderContext, cacheDir, entries };
}

const load = (context: LoaderContext) => contentLoader('departments', './content').load(context);

test('bodies are rendered while the check runs, once each, and the loader stores what it stores without a check beside it', async () => {
  holdContentFor(Promise.resolve({ passed: true }));
  await Promise.resolve();
  expect(checkPending()).toBe(false);
  const alone: string[] = [];
  const without = fakeContext(alone);
  await load(without.context);
  expect(alone.length).toBeGreaterThan(0);

  let decide!: (v: Verdict) => void;
  holdContentFor(new Promise((r) => (decide = r)));
  expect(checkPending()).toBe(true);
  const beside: string[] = [];
  const withCheck = fakeContext(beside);
  const loading = load(withCheck.context);
  // Every body is rendered before the verdict; nothing is stored until it comes.
  for (let i = 0; i < 200 && beside.length < alone.length; i++) await new Promise((r) => setTimeout(r, 5));
  expect([...beside].sort()).toEqual([...alone].sort());
  expect(withCheck.entries.size).toBe(0);
  decide({ passed: true });
  await loading;
  expect(checkPending()).toBe(false);
  expect(beside.length).toBe(alone.length);
  expect([...withCheck.entries.values()].map((e) => [e.id, e.digest])).toEqual([...without.entries.values()].map((e) => [e.id, e.digest]));
  const shelved = (dir: string) => EntryShelf.open(dir, 'departments').values();
  expect(shelved(withCheck.cacheDir)).toEqual(shelved(without.cacheDir));
});

test('a tree the check refuses stops the loader after its bodies were rendered, with nothing stored or written', async () => {
  let decide!: (v: Verdict) => void;
  holdContentFor(new Promise((r) => (decide = r)));
  const rendered: string[] = [];
  const { context, cacheDir, entries } = fakeContext(rendered);
  const loading = load(context).catch((e: unknown) => e);
  for (let i = 0; i < 200 && rendered.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  decide({ passed: false });
  expect(await loading).toBeInstanceOf(CheckRefused);
  expect(rendered.length).toBeGreaterThan(0);
  expect(entries.size).toBe(0);
  expect(readdirSync(cacheDir)).toEqual([]);
});
