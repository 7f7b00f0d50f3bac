/**
 * What a bundle's folder gets once Pagefind has written its index: short names for its files
 * (src/search/shortNames.ts) and its order by amount (src/search/order.ts). Done on the bundle's
 * indexing thread (src/search/indexingThread.ts): on the main thread these reads and writes of
 * about 1,500 files waited behind the pages rendering there, and the index of an edit was
 * complete that much later.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { SearchRecord } from '../lib/searchRecords.ts';
import { AMOUNT_ORDER_FILE, amountOrder } from './order.ts';
import { shortName } from './names.ts';
import { shortenNames, SIGNATURE } from './shortNames.ts';

/** The URL of each page a fragment file holds, by page id (a file of grouped fragments holds several). */
async function fragmentUrls(dir: string, name: string): Promise<Array<[id: string, url: string]>> {
  const text = gunzipSync(await readFile(join(dir, 'fragment', name))).toString('utf8');
  const json = JSON.parse(text.startsWith(SIGNATURE) ? text.slice(SIGNATURE.length) : text) as Record<string, unknown>;
  const id = name.slice(0, -'.pf_fragment'.length);
  if (typeof json.url === 'string') return [[id, json.url]];
  return Object.entries(json).flatMap(([key, fragment]) => (typeof (fragment as { url?: unknown })?.url === 'string' ? [[key, (fragment as { url: string }).url] as [string, string]] : []));
}

/**
 * URL → Pagefind page id of a bundle Pagefind wrote: a page's fragment file is named by its id
 * and holds its URL (a file of grouped fragments holds several, under their ids).
 */
export async function fragmentIds(bundleDir: string): Promise<Map<string, string>> {
  const names = (await readdir(join(bundleDir, 'fragment'))).filter((name) => name.endsWith('.pf_fragment'));
  return new Map((await Promise.all(names.map((name) => fragmentUrls(bundleDir, name)))).flat().map(([id, url]) => [url, id]));
}

/**
 * URL → page id of the bundle's records as Pagefind wrote them in `dir`, once their files have
 * short names. Pagefind numbers the pages in the order they were added (its service handles one
 * message after another) and the short name of page i follows from i (src/search/names.ts), so
 * the ids are known without reading the 1,100 fragments of a bundle (0.3–0.8 s of an edit). When
 * there is a fragment per record and the first, middle and last hold their record's URL, the
 * order is taken as Pagefind's; otherwise every fragment is read.
 */
export async function pageIds(records: readonly SearchRecord[], dir: string, generations: readonly string[] | null): Promise<Map<string, string>> {
  if (generations && records.length > 0) {
    const files = (await readdir(join(dir, 'fragment'))).filter((name) => name.endsWith('.pf_fragment'));
    if (files.length === records.length) {
      const probes = [...new Set([0, records.length >> 1, records.length - 1])];
      const read = await Promise.all(probes.map((i) => fragmentUrls(dir, `${shortName(generations, i)}.pf_fragment`).catch(() => [])));
      if (read.every((pages, k) => pages.length === 1 && pages[0][1] === records[probes[k]].url)) {
        return new Map(records.map((r, i) => [r.url, shortName(generations, i)]));
      }
    }
  }
  return fragmentIds(dir);
}

/**
 * Gives the index Pagefind wrote in `dir` from `records` (in the order it was given them) short
 * names, and writes their order by amount beside it.
 */
export async function finishBundleFiles(records: readonly SearchRecord[], dir: string): Promise<void> {
  const generations = await shortenNames(dir);
  const pages = records.map((r) => ({ url: r.url, amountFen: BigInt(r.sort.amount) }));
  await writeFile(join(dir, AMOUNT_ORDER_FILE), JSON.stringify(amountOrder(pages, await pageIds(records, dir, generations), generations ?? undefined)));
}
