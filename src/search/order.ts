/**
 * The "by amount" order of a bundle's pages, in a file of its own that the search page loads only
 * when a reader sorts by amount.
 *
 * Pagefind keeps a sort in its metadata file (pf_meta), which every first search downloads from
 * every bundle: the amount sort cost about 2.2 KiB of each bundle's 16 KiB pf_meta (22 KiB of a
 * first search at 10,000 projects) although only a search sorted by amount reads it. So the index
 * holds no sort, and each bundle has `amount-order.json`: its pages' Pagefind ids (the names of
 * their fragment files) from the smallest amount to the largest. The search page orders each
 * bundle's results by it and merges the bundles by amount (src/search/client.ts). The build writes
 * it (src/search/bundles.ts); the pieces here run in the browser too. A bundle whose files have
 * short names (src/search/names.ts) lists its pages by position instead: a page's name follows
 * from its position and its group's generation, and 1,100 positions take 5 KB where 1,100 names
 * took 15.
 */
import { shortName } from './names.ts';

/** The order file, in a bundle's folder beside its pagefind-entry.json. */
export const AMOUNT_ORDER_FILE = 'amount-order.json';

export type AmountOrder =
  | {
      /** What every page id begins with (Pagefind's `zh-cn_`), written once. */
      prefix: string;
      /** The rest of each page id, from the smallest amount to the largest. */
      pages: string[];
    }
  | {
      /** The generations of the bundle's page names (src/search/names.ts). */
      generations: string[];
      /** Each page's position in the bundle, from the smallest amount to the largest. */
      positions: number[];
    };

/** A page of a bundle as the order needs it: its URL and its amount in 分. */
export interface OrderedPage {
  url: string;
  amountFen: bigint;
}

/**
 * The order file of a bundle: its pages by amount, smallest first; equal amounts keep the
 * bundle's page order. A page Pagefind did not write (no id for its URL) is left out. Given the
 * generations of the bundle's short page names, pages whose ids are all such names are listed by
 * position.
 */
export function amountOrder(pages: readonly OrderedPage[], idByUrl: ReadonlyMap<string, string>, generations?: readonly string[]): AmountOrder {
  const ranked = pages
    .map((p, i) => ({ id: idByUrl.get(p.url), amount: p.amountFen, i }))
    .filter((p): p is { id: string; amount: bigint; i: number } => p.id !== undefined)
    .sort((a, b) => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : a.i - b.i));
  const ids = ranked.map((p) => p.id);
  if (generations) {
    const position = new Map(Array.from({ length: idByUrl.size }, (_, i) => [shortName(generations, i), i]));
    if (ids.every((id) => position.has(id))) return { generations: [...generations], positions: ids.map((id) => position.get(id)!) };
  }
  const prefix = commonPrefix(ids);
  return { prefix, pages: ids.map((id) => id.slice(prefix.length)) };
}

function commonPrefix(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  let prefix = ids[0];
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Page id → rank (0 = smallest amount), from an order file. */
export function rankOf(order: AmountOrder): Map<string, number> {
  if ('positions' in order) return new Map(order.positions.map((p, i) => [shortName(order.generations, p), i]));
  return new Map(order.pages.map((p, i) => [order.prefix + p, i]));
}

/**
 * A bundle's results in amount order (`desc`: largest first). Results the order does not know
 * (an index older than its order file) go last, in the order they came.
 */
export function byRank<T extends { id: string }>(results: readonly T[], rank: ReadonlyMap<string, number>, direction: 'asc' | 'desc'): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  const key = (r: T) => rank.get(r.id);
  return results
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => {
      if (a.k === undefined || b.k === undefined) return a.k === b.k ? a.i - b.i : a.k === undefined ? 1 : -1;
      return sign * (a.k - b.k) || a.i - b.i;
    })
    .map((e) => e.r);
}
