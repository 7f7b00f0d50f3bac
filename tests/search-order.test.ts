/**
 * The order by amount of a bundle's pages (src/search/order.ts): a file beside the index, loaded
 * only when a reader sorts by amount, by which the search page orders each bundle's results.
 */
import { describe, expect, test } from 'vitest';
import { GROUP, shortName } from '../src/search/names.ts';
import { amountOrder, byRank, rankOf, type OrderedPage } from '../src/search/order.ts';

const page = (url: string, amountFen: bigint): OrderedPage => ({ url, amountFen });
const ids = (pairs: Record<string, string>) => new Map(Object.entries(pairs));

describe('amountOrder', () => {
  test.each([
    ['smallest amount first, the common prefix written once',
      [page('/a/', 300n), page('/b/', 100n), page('/c/', 200n)], { '/a/': 'zh-cn_aa1', '/b/': 'zh-cn_bb2', '/c/': 'zh-cn_cc3' },
      { prefix: 'zh-cn_', pages: ['bb2', 'cc3', 'aa1'] }],
    ['equal amounts keep the page order',
      [page('/a/', 5n), page('/b/', 5n), page('/c/', 1n)], { '/a/': 'zh-cn_x', '/b/': 'zh-cn_y', '/c/': 'zh-cn_z' },
      { prefix: 'zh-cn_', pages: ['z', 'x', 'y'] }],
    ['amounts compare exactly beyond a float’s integers',
      [page('/a/', 9007199254740993n), page('/b/', 9007199254740992n)], { '/a/': 'p1', '/b/': 'p2' },
      { prefix: 'p', pages: ['2', '1'] }],
    ['a page Pagefind did not write is left out',
      [page('/a/', 2n), page('/gone/', 1n)], { '/a/': 'zh-cn_a' },
      { prefix: 'zh-cn_a', pages: [''] }],
    ['no pages, no order', [], {}, { prefix: '', pages: [] }],
  ])('%s', (_, pages, idByUrl, expected) => {
    expect(amountOrder(pages, ids(idByUrl))).toEqual(expected);
  });

  describe('a bundle with short page names is listed by position', () => {
    const generations = ['g0', 'g1'];
    // Page i is at /p<i>/, with the amount 1000 - i: the last page is the smallest.
    const count = GROUP + 3;
    const pages = Array.from({ length: count }, (_, i) => page(`/p${i}/`, BigInt(1000 - i)));
    const idByUrl = new Map(pages.map((p, i) => [p.url, shortName(generations, i)]));

    test('positions from the smallest amount up, and the ranks read back by name', () => {
      const order = amountOrder(pages, idByUrl, generations);
      expect(order).toEqual({ generations, positions: Array.from({ length: count }, (_, i) => count - 1 - i) });
      const rank = rankOf(order);
      expect(rank.get('g1_' + (GROUP + 2).toString(36))).toBe(0);
      expect(rank.get('g0_0')).toBe(count - 1);
    });

    test('ids that are not short names keep the list of ids', () => {
      const mixed = new Map(idByUrl).set('/p1/', 'zh-cn_abc1234');
      expect(amountOrder(pages, mixed, generations)).toMatchObject({ prefix: '' });
      expect(rankOf(amountOrder(pages, mixed, generations)).get('zh-cn_abc1234')).toBe(count - 2);
    });
  });

  test('the ranks read back are the pages’ order by amount', () => {
    const pages = [page('/a/', 30n), page('/b/', 10n), page('/c/', 20n)];
    const rank = rankOf(amountOrder(pages, ids({ '/a/': 'zh-cn_1', '/b/': 'zh-cn_2', '/c/': 'zh-cn_3' })));
    expect([...rank]).toEqual([['zh-cn_2', 0], ['zh-cn_3', 1], ['zh-cn_1', 2]]);
  });
});

describe('byRank', () => {
  const rank = new Map([['b', 0], ['c', 1], ['a', 2]]);
  const results = ['a', 'x', 'b', 'c', 'y'].map((id) => ({ id }));
  test.each([
    ['asc', ['b', 'c', 'a', 'x', 'y']],
    ['desc', ['a', 'c', 'b', 'x', 'y']],
  ] as const)('%s: ranked results in order, unknown ones last as they came', (direction, expected) => {
    expect(byRank(results, rank, direction).map((r) => r.id)).toEqual(expected);
  });

  test('the results are not changed in place', () => {
    const copy = [...results];
    byRank(results, rank, 'asc');
    expect(results).toEqual(copy);
  });
});
