/**
 * The output folder is emptied by renaming it aside; nothing of the old output stays behind. Astro's
 * copies of the pages (`<cache>/dist`) are the output itself while it is kept, real copies where a
 * build found the cache without its output.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { completeOutDir, emptyOutDir, prepareOutDir, pruneOutDir } from '../src/integrations/freshOutDir.ts';
import { listTree } from '../src/lib/pruneTree.ts';

const isLink = (path: string) => lstatSync(path).isSymbolicLink();

async function gone(path: string) {
  for (let i = 0; i < 100 && existsSync(path); i++) await new Promise((r) => setTimeout(r, 50));
  return !existsSync(path);
}

test('an old output is renamed aside, emptied but for .git, and deleted in the background', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-out-'));
  const out = join(parent, 'dist');
  mkdirSync(join(out, 'a', 'b'), { recursive: true });
  writeFileSync(join(out, 'a', 'b', 'index.html'), 'old page');
  writeFileSync(join(out, 'stale.csv'), 'old file');
  mkdirSync(join(out, '.git'));
  writeFileSync(join(out, '.git', 'HEAD'), 'ref: refs/heads/gh-pages');
  expect(emptyOutDir(out)).toBe('renamed');
  expect(readdirSync(out)).toEqual(['.git']);
  expect(existsSync(join(out, '.git', 'HEAD'))).toBe(true);
  const aside = readdirSync(parent).filter((f) => f !== 'dist');
  expect(aside.every((f) => f.startsWith('.dist-previous-'))).toBe(true);
  for (const f of aside) expect(await gone(join(parent, f))).toBe(true);
});

test('no output yet: nothing to do; leftovers of a stopped build are deleted', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-out-'));
  const leftover = join(parent, '.dist-previous-1-2');
  mkdirSync(join(leftover, 'x'), { recursive: true });
  expect(emptyOutDir(join(parent, 'dist'))).toBe('none');
  expect(await gone(leftover)).toBe(true);
});

/** An output folder and a cache folder as a build leaves them, with one old page. */
function lastBuild() {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-out-'));
  const out = join(parent, 'dist');
  const cache = join(parent, 'cache');
  mkdirSync(join(out, 'p', 'old'), { recursive: true });
  writeFileSync(join(out, 'p', 'old', 'index.html'), 'old page');
  return { parent, out, cache };
}

test.each([
  ['the last build with this cache completed into this folder', 'kept', (out: string, cache: string) => completeOutDir(out, cache)],
  ['the last build stopped half-way', 'adopted', (out: string, cache: string) => prepareOutDir(out, cache)],
  ['the last complete build with this cache wrote another folder', 'renamed', (out: string, cache: string) => {
    mkdirSync(`${out}-other`);
    completeOutDir(`${out}-other`, cache);
  }],
  ['this cache never built', 'renamed', () => {}],
] as const)('%s: the output is %s', (_, how, before) => {
  const { out, cache } = lastBuild();
  before(out, cache);
  expect(prepareOutDir(out, cache).how).toBe(how);
  expect(existsSync(join(out, 'p', 'old', 'index.html'))).toBe(how === 'kept');
});

test('after a build, the files it did not produce are deleted, and the folders they leave empty', async () => {
  const { out, cache } = lastBuild();
  mkdirSync(join(out, 'p', 'same'), { recursive: true });
  writeFileSync(join(out, 'p', 'same', 'index.html'), 'page left in place by Astro');
  mkdirSync(join(out, '.git'));
  writeFileSync(join(out, '.git', 'HEAD'), 'ref: refs/heads/gh-pages');
  completeOutDir(out, cache);
  // File times have a coarse grain on some file systems: the build starts a moment later.
  await new Promise((r) => setTimeout(r, 20));
  const { how, since } = prepareOutDir(out, cache);
  expect(how).toBe('kept');
  mkdirSync(join(out, 'p', 'new'), { recursive: true });
  writeFileSync(join(out, 'p', 'new', 'index.html'), 'page rendered by this build');
  expect(pruneOutDir(out, new Set(['p/same/index.html']), since)).toBe(1);
  expect(readdirSync(join(out, 'p')).sort()).toEqual(['new', 'same']);
  expect(existsSync(join(out, '.git', 'HEAD'))).toBe(true);
});

test('pruned from the listing taken while the build ran: what the build made or left stays, what it did not produce goes', async () => {
  const { out, cache } = lastBuild();
  mkdirSync(join(out, 'p', 'same'), { recursive: true });
  writeFileSync(join(out, 'p', 'same', 'index.html'), 'page left in place by Astro');
  mkdirSync(join(out, 'p', 'gone'), { recursive: true });
  writeFileSync(join(out, 'p', 'gone', 'index.html'), 'a removed project: must not stay');
  writeFileSync(join(out, 'p', 'rewritten.json'), 'open data of the last build');
  writeFileSync(join(out, 'p', 'deleted.json'), 'a file the build deletes itself');
  completeOutDir(out, cache);
  await new Promise((r) => setTimeout(r, 20));
  const { how, since } = prepareOutDir(out, cache);
  expect(how).toBe('kept');
  const listed = await listTree(out);
  // After the listing: a new page, a file written again, a file the build deleted.
  mkdirSync(join(out, 'p', 'new'), { recursive: true });
  writeFileSync(join(out, 'p', 'new', 'index.html'), 'page rendered by this build');
  writeFileSync(join(out, 'p', 'rewritten.json'), 'open data of this build');
  rmSync(join(out, 'p', 'deleted.json'));
  // p/old/index.html (the last build's) and p/gone/index.html.
  expect(pruneOutDir(out, new Set(['p/same/index.html']), since, listed)).toBe(2);
  expect(readdirSync(join(out, 'p')).sort()).toEqual(['new', 'rewritten.json', 'same']);
});

test('a build with another cache emptied the folder since: the output is not kept', () => {
  const { out, cache } = lastBuild();
  completeOutDir(out, cache);
  // The other build's preparation renames the folder aside and starts a new one.
  expect(prepareOutDir(out, `${cache}-other`).how).toBe('renamed');
  writeFileSync(join(out, 'other.html'), 'written by the other build');
  expect(prepareOutDir(out, cache).how).toBe('renamed');
  expect(existsSync(join(out, 'other.html'))).toBe(false);
});

test("a fresh cache's page copies are the output itself: a page written to either is one file", () => {
  const { out, cache } = lastBuild();
  expect(prepareOutDir(out, cache).pages).toBe('output');
  expect(isLink(join(cache, 'dist'))).toBe(true);
  mkdirSync(join(out, 'p', 'new'), { recursive: true });
  writeFileSync(join(out, 'p', 'new', 'index.html'), 'page');
  writeFileSync(join(cache, 'dist', 'p', 'new', 'index.html'), 'page, its copy');
  expect(readFileSync(join(out, 'p', 'new', 'index.html'), 'utf8')).toBe('page, its copy');
});

test('a build that stopped half-way: its output becomes the copies Astro restores unchanged pages from', () => {
  const { out, cache } = lastBuild();
  prepareOutDir(out, cache);
  mkdirSync(join(out, 'p', 'same'), { recursive: true });
  writeFileSync(join(out, 'p', 'same', 'index.html'), 'page of the last complete build');
  writeFileSync(join(cache, 'incremental-build.json'), '{}');
  // The build stops here; the next one starts.
  const next = prepareOutDir(out, cache);
  expect(next).toMatchObject({ how: 'adopted', pages: 'copies' });
  expect(isLink(join(cache, 'dist'))).toBe(false);
  expect(readFileSync(join(cache, 'dist', 'p', 'same', 'index.html'), 'utf8')).toBe('page of the last complete build');
  expect(readdirSync(out)).toEqual([]);
});

test.each([
  ['the output was deleted (a CI job keeps only the cache)', (out: string) => rmSync(out, { recursive: true })],
  ['a build with another cache wrote the output since', (out: string, cache: string) => prepareOutDir(out, `${cache}-other`)],
])('%s: the next build keeps real copies of its pages, the one after that finds the output kept links them again', async (_, lose) => {
  const { out, cache } = lastBuild();
  prepareOutDir(out, cache);
  writeFileSync(join(cache, 'incremental-build.json'), '{}');
  completeOutDir(out, cache);
  lose(out, cache);
  expect(prepareOutDir(out, cache)).toMatchObject({ how: expect.not.stringMatching(/kept|adopted/), pages: 'copies' });
  expect(isLink(join(cache, 'dist'))).toBe(false);
  mkdirSync(join(cache, 'dist', 'p', 'same'), { recursive: true });
  writeFileSync(join(cache, 'dist', 'p', 'same', 'index.html'), 'copy');
  completeOutDir(out, cache);
  expect(prepareOutDir(out, cache)).toMatchObject({ how: 'kept', pages: 'output' });
  expect(realpathSync(join(cache, 'dist'))).toBe(realpathSync(out));
  // The real copies are deleted in the background.
  const parent = readdirSync(cache).filter((f) => f.startsWith('dist-previous-'));
  for (const f of parent) expect(await gone(join(cache, f))).toBe(true);
});

test('where the file system cannot link folders, Astro writes real copies', () => {
  const { out, cache } = lastBuild();
  const cannot = () => {
    throw Object.assign(new Error('EPERM: operation not permitted, symlink'), { code: 'EPERM' });
  };
  expect(prepareOutDir(out, cache, cannot).pages).toBe('copies');
  expect(lstatSync(join(cache, 'dist')).isDirectory()).toBe(true);
});

test.each([
  ['the output is the cache folder’s dist/', (parent: string) => ({ out: join(parent, 'cache', 'dist'), cache: join(parent, 'cache') })],
  ['the cache folder is inside the output', (parent: string) => ({ out: join(parent, 'dist'), cache: join(parent, 'dist', '.cache') })],
])('%s: no link is made, and the output stays', (_, folders) => {
  const { out, cache } = folders(mkdtempSync(join(tmpdir(), 'gongkai-out-')));
  expect(prepareOutDir(out, cache).pages).toBe('copies');
  expect(lstatSync(out).isDirectory()).toBe(true);
  expect(lstatSync(join(cache, 'dist'), { throwIfNoEntry: false })?.isSymbolicLink() ?? false).toBe(false);
});
