/**
 * How the search records are split into Pagefind bundles (src/search/bundles.ts): by where a
 * page lives, so that an edit changes the records, and so the digest, of one bundle only.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Worker } from 'node:worker_threads';
import { bundleDigest, mirrorBundle, partitionRecords, sameBundle, startSearchBundles } from '../src/search/bundles.ts';
import type { SearchRecord } from '../src/lib/searchRecords.ts';

const record = (region: string, year: number, n: number, content = '经费'): SearchRecord => ({
  url: `/${region}/${year}/287001/${region}${year}P${n}/`,
  content,
  meta: { title: `项目 ${n}` },
  filters: { 地区: [`地区${region}`], 年度: [String(year)] },
  sort: { amount: String(n) },
});

/** `count` records of each region and year. */
function site(regions: Record<string, number>, years = [2024, 2025]): SearchRecord[] {
  return Object.entries(regions).flatMap(([region, count]) => years.flatMap((y) => Array.from({ length: count }, (_, i) => record(region, y, i))));
}

const shape = (records: SearchRecord[], max: number) => partitionRecords(records, max).map((b) => ({ name: b.name, pages: b.records.length, regions: b.regions }));

describe('partition', () => {
  test.each([
    ['a small site is one bundle', { '130229': 5, '500115': 5 }, 100, [{ name: '130229', pages: 20, regions: ['地区130229', '地区500115'] }]],
    ['regions in code order fill bundles up to the cap', { '500115': 5, '130229': 5, '130304': 5 }, 20, [
      { name: '130229', pages: 20, regions: ['地区130229', '地区130304'] },
      { name: '500115', pages: 10, regions: ['地区500115'] },
    ]],
    ['a region over the cap is split by year', { '130229': 15, '130304': 2 }, 20, [
      { name: '130229-2024', pages: 15, regions: ['地区130229'] },
      { name: '130229-2025', pages: 19, regions: ['地区130229', '地区130304'] },
    ]],
  ])('%s', (_, regions, max, expected) => {
    expect(shape(site(regions), max)).toEqual(expected);
  });

  test('every record is in exactly one bundle, in its original order', () => {
    const records = site({ '130229': 15, '130304': 7, '500115': 3 });
    const bundles = partitionRecords(records, 20);
    const seen = bundles.flatMap((b) => b.records);
    expect(new Set(seen)).toEqual(new Set(records));
    expect(seen).toHaveLength(records.length);
    for (const b of bundles) expect(b.records).toEqual(records.filter((r) => b.records.includes(r)));
  });
});

describe('an edit touches one bundle', () => {
  test('changing what one page says moves no page and changes only its bundle’s digest', () => {
    const before = site({ '130229': 10, '130304': 10, '500115': 10 });
    const after = before.map((r) => (r === before[25] ? { ...r, content: `${r.content}（调整）` } : r));
    const a = partitionRecords(before, 20);
    const b = partitionRecords(after, 20);
    expect(b.map((x) => x.records.map((r) => r.url))).toEqual(a.map((x) => x.records.map((r) => r.url)));
    const changed = a.map((x, i) => bundleDigest(x, 'code') !== bundleDigest(b[i], 'code'));
    expect(changed.filter(Boolean)).toHaveLength(1);
    expect(b[changed.indexOf(true)].records).toContain(after[25]);
  });

  test('other code makes every digest new', () => {
    const [bundle] = partitionRecords(site({ '130229': 2 }), 100);
    expect(bundleDigest(bundle, 'code-1')).not.toBe(bundleDigest(bundle, 'code-2'));
  });
});

describe('a changed bundle is copied into the output file by file', () => {
  const work = mkdtempSync(join(tmpdir(), 'gongkai-mirror-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const write = (root: string, files: Record<string, string>) => {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
  };
  const tree = (root: string): Record<string, string> =>
    Object.fromEntries(
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((f) => f.isFile())
        .map((f) => [join(f.parentPath, f.name).slice(root.length + 1), readFileSync(join(f.parentPath, f.name), 'utf8')])
        .sort(),
    );
  const bundle = { 'pagefind-entry.json': 'entry 2', 'fragment/a.pf_fragment': 'aaa', 'fragment/b.pf_fragment': 'bbb', 'index/c.pf_index': 'ccc', 'pagefind.js': 'code' };

  test.each([
    ['into an empty output, every file is copied', {}, 5, []],
    ['files named by their content that the output holds stay; the others are copied; stale ones go',
      { 'pagefind-entry.json': 'entry 1', 'fragment/a.pf_fragment': 'aaa', 'index/c.pf_index': 'ccc', 'fragment/old.pf_fragment': 'old' }, 3, ['fragment/a.pf_fragment', 'index/c.pf_index']],
    ['a file named by its content but of another size is copied again', { 'fragment/a.pf_fragment': 'a' }, 5, []],
  ])('%s', async (name, output, copied, kept) => {
    const from = join(work, `${name.length}-from`);
    const dir = join(work, `${name.length}-out`);
    write(from, bundle);
    write(dir, output);
    const named: string[] = [];
    expect(await mirrorBundle(from, dir, () => true, (path) => named.push(path.slice(dir.length + 1)))).toBe(copied);
    expect(tree(dir)).toEqual(tree(from));
    // Every file is named to be kept, left or linked: a linked file has the cached bundle's age.
    expect(named.sort()).toEqual(Object.keys(bundle).sort());
    for (const rel of kept) expect(statSync(join(dir, rel)).ino).not.toBe(statSync(join(from, rel)).ino);
  });

  test('a later build that puts a changed bundle where a linked one was leaves the cached one as it was', async () => {
    const [old, changed, dir] = ['linked-old', 'linked-new', 'linked-out'].map((n) => join(work, n));
    write(old, bundle);
    await mirrorBundle(old, dir, () => true);
    expect(tree(dir)).toEqual(bundle);
    // The new bundle changes files the output holds under the same names, named by content or not.
    const next = { ...bundle, 'pagefind-entry.json': 'entry 3', 'fragment/a.pf_fragment': 'a2', 'pagefind.js': 'code 2' };
    write(changed, next);
    await mirrorBundle(changed, dir, () => true);
    expect(tree(dir)).toEqual(tree(changed));
    expect(tree(old)).toEqual(bundle);
  });

  test.each([
    ['the same entry and order by amount', true, { 'pagefind-entry.json': 'entry 2', 'amount-order.json': 'order 2' }],
    ['the same entry and an order by amount that other code wrote', false, { 'pagefind-entry.json': 'entry 2', 'amount-order.json': 'order 1' }],
    ['another entry', false, { 'pagefind-entry.json': 'entry 1', 'amount-order.json': 'order 2' }],
    ['nothing', false, {}],
  ])('an output with %s holds the bundle already: %s', async (name, same, output) => {
    const from = join(work, `same-${name.length}-from`);
    const dir = join(work, `same-${name.length}-out`);
    write(from, { 'pagefind-entry.json': 'entry 2', 'amount-order.json': 'order 2' });
    write(dir, output);
    expect(await sameBundle(from, dir)).toBe(same);
  });

  test('files the bundle does not want are neither copied nor kept', async () => {
    const from = join(work, 'wanted-from');
    const dir = join(work, 'wanted-out');
    write(from, bundle);
    write(dir, { 'pagefind.js': 'old code' });
    await mirrorBundle(from, dir, (rel) => rel !== 'pagefind.js');
    expect(Object.keys(tree(dir))).toEqual(['fragment/a.pf_fragment', 'fragment/b.pf_fragment', 'index/c.pf_index', 'pagefind-entry.json']);
  });
});

describe('a build that indexes more than one bundle', () => {
  test('onIndexStart counts the bundles Pagefind indexes, and none that the cache holds', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'gongkai-index-start-'));
    try {
      const records = site({ '130229': 2, '500115': 2, '130304': 2 });
      const started: number[] = [];
      const run = async (out: string) => {
        await startSearchBundles(records, { cacheDir, code: 'test', maxPages: 4, onIndexStart: (nth) => started.push(nth) }).write(join(cacheDir, out));
      };
      await run('first');
      expect(started).toEqual([1, 2, 3]);
      started.length = 0;
      await run('again');
      expect(started).toEqual([]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);

  test.runIf(process.platform === 'linux')('from the second bundle on, the rendering thread yields to the index (nice 2), and no other thread does', async () => {
    // In a thread of its own: the test's thread keeps its priority.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const { getPriority } = require('node:os');
       const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
       import(${JSON.stringify(new URL('../src/integrations/pagefind.ts', import.meta.url).href)}).then(({ yieldToLongIndex }) => {
         yieldToLongIndex(1);
         const first = getPriority(tid);
         yieldToLongIndex(2);
         parentPort.postMessage([first, getPriority(tid), getPriority(process.pid)]);
       });`,
      { eval: true },
    );
    const [afterFirst, afterSecond, processNice] = await new Promise<number[]>((resolve, reject) => worker.once('message', resolve).once('error', reject));
    await worker.terminate();
    expect(afterFirst).toBe(0);
    expect(afterSecond).toBe(2);
    expect(processNice).toBe(0);
  }, 60_000);
});
