/**
 * The indexing thread (src/search/indexing.ts `startIndexer`): the bundles of a build go one
 * after another through one thread, each to a Pagefind process of its own. A bundle gets the same
 * files as when it is the only one the thread indexes; a bundle Pagefind refuses fails with
 * Pagefind's message and the record's field, and the bundles after it are still indexed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { SearchRecord } from '../src/lib/searchRecords.ts';
import { startIndexer } from '../src/search/indexing.ts';
import { AMOUNT_ORDER_FILE } from '../src/search/order.ts';
import { walkTree } from '../src/lib/pruneTree.ts';

const work = mkdtempSync(join(tmpdir(), 'gongkai-indexer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = { ...process.env, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE: '2000' };

/** The pages of a county, each with words of its own. */
function county(region: string, pages: number): SearchRecord[] {
  const words = ['老年大学', '关心下一代', '驻村工作队', '残疾人保障', '健康体检'];
  return Array.from({ length: pages }, (_, n) => ({
    url: `/${region}/2025/287001/P${n}/`,
    content: `${words[n % words.length]}经费 项目${n} ${region} ${words[(n * 3) % words.length]}`,
    meta: { title: `项目 ${n}`, type: '项目' },
    filters: { 类型: ['项目'], 年度: ['2025'] },
    sort: { amount: String(1000 - n) },
  }));
}

/** Every file of a bundle folder, by path relative to it, with its bytes. */
function files(dir: string): Map<string, string> {
  return new Map(walkTree(dir).files.map((rel) => [rel, readFileSync(join(dir, rel)).toString('base64')]));
}

describe('the bundles of a build on one indexing thread', () => {
  test('a bundle gets the files it gets alone, and one Pagefind refuses fails with its message while the next is indexed', async () => {
    const [a, b, c] = [county('130229', 60), county('130304', 90), county('130123', 40)];
    // A record whose meta is not text: Pagefind refuses the message that carries it.
    const refused = [...c.slice(0, 10), { ...c[10], meta: { title: 1 } as unknown as Record<string, string> }, ...c.slice(11)];

    const together = startIndexer(env);
    const first = await together.index(a, join(work, 'a'));
    await expect(together.index(refused, join(work, 'refused'))).rejects.toThrow(/Pagefind.*expected a string/s);
    const second = await together.index(b, join(work, 'b'));
    await together.close();
    await expect(together.index(c, join(work, 'late'))).rejects.toThrow('Pagefind 索引线程已关闭');

    const alone = startIndexer(env);
    await alone.index(b, join(work, 'b-alone'));
    await alone.close();

    expect([first.records, second.records]).toEqual([a.length, b.length]);
    const [sharing, own] = [files(join(work, 'b')), files(join(work, 'b-alone'))];
    expect([...sharing.keys()].filter((rel) => rel.startsWith('fragment')).length).toBe(b.length);
    expect(sharing.has(AMOUNT_ORDER_FILE)).toBe(true);
    expect(sharing).toEqual(own);
    // Not a copy of the bundle before it.
    expect(files(join(work, 'a'))).not.toEqual(own);
  }, 60_000);
});
