/**
 * The check on several threads (src/check/parallel.ts) tells the editor exactly what the check in
 * one thread tells: the same problems in the same order, the same counts and placeholders, the
 * same store for the build's loader, the same output and exit code of `npm run check`.
 * Batches of one or a few files spread even a small fixture over both threads.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkFiles, contentFiles } from '../src/check/index.ts';
import { CACHE_FILE, CheckCache } from '../src/check/cache.ts';
import { CheckWorkers, threadsFor } from '../src/check/parallel.ts';
import { ProblemCollector } from '../src/problems.ts';
import { writeCorpus } from '../src/bench/generate.ts';
import { PLACEHOLDER } from '../src/lib/skeleton.ts';
import { CHECK_CASES, everything, treeFor } from './helpers/fixtures.ts';

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

let workers: CheckWorkers;
beforeAll(() => {
  workers = new CheckWorkers(1);
});
afterAll(() => workers.close());

/** What a run leaves: everything the editor sees, and the store's entries as the loader reads them. */
function stored(folder: string) {
  return (deserialize(readFileSync(join(folder, CACHE_FILE))) as { entries: Map<string, unknown> }).entries;
}

/** One run in this thread and one on both threads, each with a fresh store; then a warm run on both threads. */
async function bothWays(root: string, batch: number) {
  const files = contentFiles(root);
  const one = { folder: tmp('gongkai-one-') };
  const two = { folder: tmp('gongkai-two-') };
  const oneCache = CheckCache.empty(one.folder);
  const oneResult = checkFiles(root, files, new ProblemCollector(), oneCache);
  oneCache.save();
  const twoCache = CheckCache.empty(two.folder);
  const twoResult = await workers.check(root, files, new ProblemCollector(), twoCache, batch);
  twoCache.save();
  const warmCache = CheckCache.open(two.folder);
  const warm = await workers.check(root, files, new ProblemCollector(), warmCache, batch);
  const withoutStore = await workers.check(root, files, new ProblemCollector(), undefined, batch);
  return { oneResult, twoResult, warm, withoutStore, stores: [stored(one.folder), stored(two.folder)], counts: [oneCache.misses, twoCache.misses, warmCache.hits, warmCache.misses] };
}

describe('each bad-input fixture gives the same report, store and counts on two threads', () => {
  test.each(CHECK_CASES)('%s', async (name) => {
    const root = await treeFor(`check/${name}`);
    const { oneResult, twoResult, warm, withoutStore, stores, counts } = await bothWays(root, 1);
    expect(everything(twoResult)).toBe(everything(oneResult));
    expect(everything(warm)).toBe(everything(oneResult));
    expect(everything(withoutStore)).toBe(everything(oneResult));
    expect(stores[1]).toStrictEqual(stores[0]);
    const [oneMisses, twoMisses, warmHits, warmMisses] = counts;
    expect([twoMisses, warmHits, warmMisses]).toEqual([oneMisses, oneMisses, 0]);
  });
});

/** A generated corpus with several kinds of bad file planted among its good ones, spread over many batches. */
async function plantedCorpus(): Promise<string> {
  const root = tmp('gongkai-planted-');
  const content = join(root, 'content');
  writeCorpus(content, { projects: 140, regions: 2, seed: 5 });
  const projects = readdirSync(join(content, 'projects'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(content, 'projects', f));
  const at = (share: number) => projects[Math.floor(projects.length * share)];
  appendFileSync(at(0.1), '\n<b>粗体</b>\n');
  writeFileSync(at(0.3), readFileSync(at(0.3), 'utf8').replace(/\nid: .*\n/, '\nid: [\n'));
  rmSync(at(0.5));
  const moved = at(0.7).replace(/\/\d{4}\//, '/2099/');
  mkdirSync(dirname(moved), { recursive: true });
  cpSync(at(0.7), moved);
  appendFileSync(at(0.9), Buffer.from([0xff, 0xfe]));
  writeFileSync(join(content, 'notes.md'), `${PLACEHOLDER}\n`);
  return root;
}

describe('a generated corpus with planted errors gives the same report, store and counts', () => {
  let root: string;
  beforeAll(async () => {
    root = await plantedCorpus();
  });

  test.each([1, 7, 64])('in batches of %i files', async (batch) => {
    const { oneResult, twoResult, warm, withoutStore, stores, counts } = await bothWays(root, batch);
    expect([...new Set(oneResult.problems.map((p) => p.code))]).toEqual(
      expect.arrayContaining(['raw-html', 'yaml-syntax', 'listed-project-missing', 'project-file-location', 'duplicate-project-id', 'invalid-utf8', 'file-outside-layout', 'value-without-number']),
    );
    expect(oneResult.placeholders).toContain('content/notes.md');
    expect(everything(twoResult)).toBe(everything(oneResult));
    expect(everything(warm)).toBe(everything(oneResult));
    expect(everything(withoutStore)).toBe(everything(oneResult));
    expect(stores[1]).toStrictEqual(stores[0]);
    expect([...stores[1].keys()]).toEqual([...stores[0].keys()]);
    expect(counts[1]).toBe(counts[0]);
    expect(counts.slice(2)).toEqual([counts[0], 0]);
  });
});

describe('npm run check prints the same and exits the same on one thread and on two', () => {
  const script = resolve('scripts/check.ts');
  const run = (root: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [script, '--root', root, '--no-cache', ...args], { encoding: 'utf8', env: { ...process.env, GONGKAI_CACHE: tmp('gongkai-cache-') } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test.each([
    ['a corpus with planted errors, every warning shown', plantedCorpus, ['--verbose'], 1],
    ['the valid base', () => treeFor(), [], 0],
    [
      'a file that cannot be read',
      async () => {
        const root = await plantedCorpus();
        symlinkSync(join(root, 'nowhere.md'), join(root, 'content', 'projects', 'dangling.md'));
        return root;
      },
      [],
      1,
    ],
  ] as const)('%s', async (_, make, args, status) => {
    const root = await make();
    const one = run(root, '--threads', '1', ...args);
    expect(one.status).toBe(status);
    expect(run(root, '--threads', '2', ...args)).toEqual(one);
    expect(one.stdout + one.stderr).not.toMatch(/\n\s+at /);
    // Two check processes over the corpus with --no-cache: 34 s once on the shared 2-core machine at load 15.
  }, 90_000);
});

describe('workers start only when many files are to be parsed', () => {
  const files = Array.from({ length: 10 }, (_, i) => `content/projects/130101/2024/P${i}.md`);
  /** A store that holds an outcome for the first `count` files. */
  const storeWith = (count: number) => {
    const folder = tmp('gongkai-threads-');
    const store = CheckCache.empty(folder);
    for (const file of files.slice(0, count)) store.outcome(file, Buffer.from(file), () => ({ problems: [] }));
    store.save();
    return CheckCache.open(folder);
  };

  test.each([
    ['no store: every file is parsed', 0, 2, 10, 2],
    ['no store, fewer files than worth a worker', 0, 2, 11, 1],
    ['a store for 8 of 10 files (after an edit)', 8, 2, 5, 1],
    ['a store for 3 of 10 files', 3, 2, 5, 2],
    ['one thread asked for', 0, 1, 1, 1],
  ])('%s', (_, stored, threads, from, expected) => {
    expect(threadsFor([...files, 'content/notes.md'], stored ? storeWith(stored) : undefined, { threads, from })).toBe(expected);
  });
});
