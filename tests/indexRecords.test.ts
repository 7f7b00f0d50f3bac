/**
 * How records go to Pagefind (src/search/indexing.ts `indexRecords`), against a stand-in for
 * Pagefind's index: every record arrives once and in order, Pagefind is never sent more than
 * two batches ahead (the records are made while the pages render), and a record Pagefind
 * refuses fails indexing with its URL, whichever batch it is in.
 */
import type { PagefindIndex } from 'pagefind';
import { describe, expect, test } from 'vitest';
import type { SearchRecord } from '../src/lib/searchRecords.ts';
import { indexRecords } from '../src/search/indexing.ts';
import { searchFields } from '../src/search/fields.ts';

function* records(n: number): Generator<SearchRecord> {
  for (let i = 0; i < n; i++) {
    yield {
      url: `/130229/2025/287001/P${i}/`,
      content: `项目 ${i}`,
      ...searchFields({ type: '项目', title: `项目 ${i}`, region: '河北省唐山市玉田县', year: 2025, department: '区委老干局', amount: '1.00 元', amountFen: 100n }),
    };
  }
}

/** A Pagefind index that answers after a tick, refusing the URLs in `refuse`. */
function fakeIndex(refuse = new Set<string>()) {
  const seen: string[] = [];
  let pending = 0;
  let maxPending = 0;
  const index = {
    addCustomRecord: async (r: { url: string; language?: string }) => {
      seen.push(r.url);
      pending++;
      maxPending = Math.max(maxPending, pending);
      await new Promise((resolve) => setTimeout(resolve, 1));
      pending--;
      expect(r.language).toBe('zh-cn');
      return { errors: refuse.has(r.url) ? ['the record has no content'] : [], file: { uniqueWords: 2, url: r.url, meta: {} } };
    },
  };
  return { index: index as unknown as PagefindIndex, seen, maxPending: () => maxPending };
}

describe('records reach Pagefind', () => {
  test.each([0, 1, 255, 256, 257, 1000])('%i records: each once, in order, at most two batches ahead', async (n) => {
    const fake = fakeIndex();
    expect(await indexRecords(fake.index, records(n))).toBe(n);
    expect(fake.seen).toEqual([...records(n)].map((r) => r.url));
    expect(fake.maxPending()).toBeLessThanOrEqual(2 * 256);
  });
});

describe('a record Pagefind refuses fails indexing with its URL', () => {
  test.each([
    ['in the first batch', 3],
    ['in the batch still in flight when an earlier one is awaited', 300],
    ['in the last, short batch', 999],
  ])('%s', async (_where, i) => {
    const url = `/130229/2025/287001/P${i}/`;
    await expect(indexRecords(fakeIndex(new Set([url])).index, records(1000))).rejects.toThrow(`Pagefind 索引 ${url} 出错：the record has no content`);
  });
});

test('an error while making the records fails indexing with it, though a batch still in flight fails too', async () => {
  function* broken() {
    yield* records(300);
    throw new Error('记录无法生成');
  }
  const fake = fakeIndex(new Set(['/130229/2025/287001/P100/']));
  await expect(indexRecords(fake.index, broken())).rejects.toThrow('记录无法生成');
  // The refused batch settles after indexing has failed; its failure must not escape as an unhandled rejection.
  await new Promise((resolve) => setTimeout(resolve, 50));
});
