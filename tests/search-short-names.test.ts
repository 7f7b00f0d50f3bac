/**
 * A bundle's index files renamed to short names (src/search/shortNames.ts): the metadata that
 * every first search downloads gets smaller, every name it lists is a file, and a name never
 * means two contents, since deploy/ lets browsers and CDNs keep these files for ever.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { close } from 'pagefind';
import { afterAll, describe, expect, test } from 'vitest';
import type { SearchRecord } from '../src/lib/searchRecords.ts';
import { writeIndex } from '../src/search/indexing.ts';
import { GROUP, shortName } from '../src/search/names.ts';
import { decodeCbor, encodeCbor, shortenNames, SIGNATURE } from '../src/search/shortNames.ts';

const work = mkdtempSync(join(tmpdir(), 'gongkai-short-names-'));
afterAll(async () => {
  await close();
  rmSync(work, { recursive: true, force: true });
});

const WORDS = ['老年大学', '关心下一代', '驻村工作队', '残疾人保障', '村干部报酬', '健康体检', '党员教育', '帮扶资金'];

/** Pages of a county, enough for several word-list chunks and filter values. */
function records(pages: number, edited?: number): SearchRecord[] {
  return Array.from({ length: pages }, (_, n) => ({
    url: `/130229/2025/287001/P${n}/`,
    content: `${WORDS[n % WORDS.length]}经费 项目${n} ${WORDS[(n * 3) % WORDS.length]}${n === edited ? ' 调整后的绩效目标' : ''}`,
    meta: { title: `项目 ${n}`, type: n % 10 ? '项目' : '部门' },
    filters: { 类型: [n % 10 ? '项目' : '部门'], 年度: [String(2020 + (n % 5))] },
    sort: { amount: String(n) },
  }));
}

/** Indexes the records with Pagefind into a folder of `work`; returns the folder. */
async function index(name: string, list: SearchRecord[]): Promise<string> {
  const dir = join(work, name);
  await writeIndex(list, dir);
  return dir;
}

/** Every index file of a bundle (not its entry, fetched afresh each time), by path relative to it, with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const folder of ['fragment', 'index', 'filter', '.']) {
    for (const name of readdirSync(join(dir, folder))) {
      const path = join(dir, folder, name);
      if (folder !== '.' || name.endsWith('.pf_meta')) out.set(join(folder, name), readFileSync(path));
    }
  }
  return out;
}

function meta(dir: string): { path: string; lists: unknown[] } {
  const entry = JSON.parse(readFileSync(join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
  const path = join(dir, `pagefind.${entry.languages['zh-cn'].hash}.pf_meta`);
  const lists = decodeCbor(gunzipSync(readFileSync(path)).subarray(SIGNATURE.length)) as unknown[];
  return { path, lists };
}

describe('CBOR as Pagefind writes it', () => {
  test.each([
    ['a small number', 23],
    ['numbers of one, two and four bytes', [24, 255, 256, 65_535, 65_536, 4_000_000_000]],
    ['text of any length, in UTF-8', ['', '老年大学', 'x'.repeat(300)]],
    ['nested lists', ['1.6.0', [['zh-cn_3f26114', 446, ''], ['zh-cn_e391963', 378, '']], []]],
  ])('%s reads back byte for byte', (_, value) => {
    const bytes = encodeCbor(value);
    expect(decodeCbor(bytes)).toEqual(value);
    expect(encodeCbor(decodeCbor(bytes)!)).toEqual(bytes);
  });

  test.each([
    ['a map', Uint8Array.of(0xa1, 0x01, 0x02)],
    ['a trailing byte', Uint8Array.of(0x01, 0x02)],
    ['a cut-off text', Uint8Array.of(0x63, 0x61)],
  ])('%s is not read', (_, bytes) => {
    expect(decodeCbor(bytes)).toBeNull();
  });
});

describe('a Pagefind bundle with short names', () => {
  test('its metadata is smaller, and every name it lists is a file of the bundle', async () => {
    const dir = await index('one', records(60));
    const before = statSync(meta(dir).path).size;
    const generations = await shortenNames(dir);
    expect(generations).not.toBeNull();
    const { path, lists } = meta(dir);
    expect(statSync(path).size).toBeLessThan(before);
    const [, pages, chunks, filters] = lists as Array<Array<string[]>>;
    const named = [...pages.map((p) => `fragment/${p[0]}.pf_fragment`), ...chunks.map((c) => `index/${c[2]}.pf_index`), ...filters.map((f) => `filter/${f[1]}.pf_filter`)];
    expect(new Set(named).size).toBe(named.length);
    // The names it returns the generations of, which the order by amount lists by position.
    expect(pages.map((p) => p[0])).toEqual(pages.map((_, i) => shortName(generations!, i)));
    expect(chunks.length).toBeGreaterThan(0);
    expect(filters.length).toBe(2);
    // Exactly the listed files, and no file left under Pagefind's long name.
    expect(new Set([...files(dir).keys()].filter((f) => !f.endsWith('.pf_meta')))).toEqual(new Set(named));
    // Each page's fragment is that page's.
    for (const [i, p] of pages.entries()) {
      const fragment = JSON.parse(gunzipSync(readFileSync(join(dir, 'fragment', `${p[0]}.pf_fragment`))).subarray(SIGNATURE.length).toString()) as { url: string };
      expect(fragment.url).toBe(`/130229/2025/287001/P${i}/`);
    }
  }, 60_000);

  test('the same pages get the same files; a changed page renames its group of files, and no name changes what it holds', async () => {
    const pages = 3 * GROUP;
    const [a, again, edited] = [await index('a', records(pages)), await index('again', records(pages)), await index('edited', records(pages, GROUP + 7))];
    for (const dir of [a, again, edited]) expect(await shortenNames(dir)).not.toBeNull();
    expect(files(again)).toEqual(files(a));
    const [before, after] = [files(a), files(edited)];
    const fragments = [...after.keys()].filter((f) => f.startsWith('fragment'));
    for (const f of fragments.filter((f) => before.has(f))) expect(after.get(f), f).toEqual(before.get(f));
    // The edited page's group is renamed; the groups before and after it keep their names.
    expect(fragments.filter((f) => !before.has(f))).toHaveLength(GROUP);
    expect(fragments.filter((f) => before.has(f))).toHaveLength(pages - GROUP);
    for (const [f, bytes] of after) if (before.has(f)) expect(bytes, f).toEqual(before.get(f));
  }, 60_000);
});
