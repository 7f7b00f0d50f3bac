/**
 * The site's search index in several Pagefind bundles, so that no Pagefind process holds the
 * whole index and an edit indexes again only the bundle it touches.
 *
 * - **Partition** (`partitionRecords`): a page goes to a bundle by where it lives, never by what
 *   it says. Regions in code order fill a bundle up to `maxPages` records; a region larger than
 *   that is split by year. Editing a page never moves a page to another bundle; adding pages
 *   moves a region only when its bundle passes the cap.
 * - **Writing** (`writeSearchBundles`): each bundle is indexed by its own Pagefind service, which
 *   is closed before the next starts, so Pagefind's memory is one bundle's (about 250 MiB per
 *   1,100 records) instead of the site's.
 * - **Reuse**: a bundle's files are kept in `<cacheDir>/search-bundles/<digest>/`, the digest made
 *   from its records and the code. A bundle whose digest is unchanged is copied, not indexed.
 * - **Manifest**: `/pagefind/bundles.json` lists the bundles; the search page merges their
 *   results itself (src/search/client.ts), since Pagefind's own merge sorts every bundle's results
 *   by that bundle's score. A site of one bundle writes it to /pagefind/ exactly as one index.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { indexRecords, type SearchRecord } from '../lib/searchRecords.ts';
import { SEARCH_FILTERS } from './fields.ts';
import { MANIFEST_PATH, type BundleEntry, type BundleManifest } from './manifest.ts';

/**
 * Records per bundle. Pagefind's peak is about 200 KiB per record while it writes an index, and
 * an edit indexes one bundle again: about 1,500 records keeps both small, with a region of the
 * bench's corpus (about 1,100 records) to a bundle. `GONGKAI_SEARCH_BUNDLE_PAGES` overrides it.
 */
export const BUNDLE_PAGES = 1_500;

export interface Bundle {
  name: string;
  regions: string[];
  records: SearchRecord[];
}

const REGION_KEY = SEARCH_FILTERS.find((f) => f.param === 'region')!.key;

/** The region code and year of a page's URL, `/<region>/<year>/…`. */
function place(url: string): { region: string; year: string } {
  const [region = '', year = ''] = url.split('/').filter(Boolean);
  return { region, year };
}

/**
 * Groups the records into bundles of at most `maxPages` (a region-year larger than that stays
 * one bundle). Records keep their order within a bundle, so that its digest depends only on
 * its pages.
 */
export function partitionRecords(records: Iterable<SearchRecord>, maxPages = BUNDLE_PAGES): Bundle[] {
  const byRegion = new Map<string, Map<string, SearchRecord[]>>();
  for (const r of records) {
    const { region, year } = place(r.url);
    let years = byRegion.get(region);
    if (!years) byRegion.set(region, (years = new Map()));
    let list = years.get(year);
    if (!list) years.set(year, (list = []));
    list.push(r);
  }
  // Groups that stay together: a region, or its years when the region alone passes the cap.
  const groups: Array<{ key: string; records: SearchRecord[] }> = [];
  for (const region of [...byRegion.keys()].sort()) {
    const years = byRegion.get(region)!;
    const size = [...years.values()].reduce((n, l) => n + l.length, 0);
    if (size <= maxPages) groups.push({ key: region, records: [...years.values()].flat() });
    else for (const year of [...years.keys()].sort()) groups.push({ key: `${region}-${year}`, records: years.get(year)! });
  }
  const bundles: Bundle[] = [];
  let current: Bundle | null = null;
  for (const g of groups) {
    if (!current || current.records.length + g.records.length > maxPages) {
      current = { name: g.key, regions: [], records: [] };
      bundles.push(current);
    }
    current.records.push(...g.records);
  }
  for (const b of bundles) b.regions = [...new Set(b.records.flatMap((r) => r.filters[REGION_KEY] ?? []))].sort();
  return bundles;
}

/** The digest of a bundle: the code that indexes it and every record, in order. */
export function bundleDigest(bundle: Bundle, code: string): string {
  const hash = createHash('sha1').update(code).update('\0').update(bundle.name);
  for (const r of bundle.records) hash.update('\0').update(JSON.stringify(r));
  return hash.digest('base64url');
}

/** Files of a Pagefind output that hold a bundle's index rather than the search code. */
const INDEX_FILE = /^(pagefind-entry\.json|.*\.pf_meta|wasm\..*\.pagefind|index|fragment|filter)$/;

export interface WriteOptions {
  /** The site's output folder. */
  outDir: string;
  /** Astro's cache folder; null keeps nothing between builds. */
  cacheDir: string | null;
  /** Digest of the code that makes the records (see openData's codeDigest). */
  code: string;
  maxPages?: number;
}

export interface WriteSummary {
  bundles: number;
  records: number;
  /** Bundles indexed by Pagefind in this build. */
  indexed: number;
  /** Bundles copied from the cache. */
  reused: number;
  /** Seconds spent indexing, and copying bundles from and to the cache. */
  seconds: { index: number; copy: number };
}

/**
 * Word-list chunk size of a bundle's index, in Pagefind's unit (word positions), when the site
 * has several bundles. A first search fetches, from every bundle, the chunk holding each word of
 * the query and the bundle's list of chunks: Pagefind's default (20,000) makes chunks of about
 * 18 KiB, so ten bundles cost ten such chunks per word. At 2,000 a chunk is about 3 KiB and the
 * list grows by about 2.5 KiB per 1,100 pages (measured on the bench's corpus). One bundle keeps
 * Pagefind's default.
 */
export const BUNDLE_CHUNK_SIZE = 2_000;

/** Indexes one bundle with its own Pagefind service into `dir`. */
async function indexBundle(bundle: Bundle, dir: string, chunkSize: number | null): Promise<void> {
  // Pagefind reads its chunk size from its environment when its service starts.
  const saved = process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
  if (chunkSize) process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = String(chunkSize);
  else delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
  const created = await pagefind.createIndex({}).finally(() => {
    if (saved === undefined) delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
    else process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = saved;
  });
  const { index, errors } = created;
  if (!index) throw new Error(`Pagefind 无法建立索引：${errors.join('; ')}`);
  try {
    await indexRecords(index, bundle.records);
    const written = await index.writeFiles({ outputPath: dir });
    if (written.errors.length) throw new Error(`Pagefind 写入索引出错：${written.errors.join('; ')}`);
  } finally {
    // Ends the Pagefind process: the next bundle starts from nothing.
    await pagefind.close();
  }
}

/**
 * Writes the records' search index into `<outDir>/pagefind/`: one bundle there as Pagefind writes
 * it, or several in `/pagefind/<name>/` with Pagefind's search code once in /pagefind/, and the
 * manifest in either case.
 */
export async function writeSearchBundles(records: Iterable<SearchRecord> | AsyncIterable<SearchRecord>, options: WriteOptions): Promise<WriteSummary> {
  const all: SearchRecord[] = [];
  for await (const r of records) all.push(r);
  const maxPages = options.maxPages ?? (Number(process.env.GONGKAI_SEARCH_BUNDLE_PAGES) || BUNDLE_PAGES);
  const bundles = partitionRecords(all, maxPages);
  const root = join(options.outDir, 'pagefind');
  const single = bundles.length <= 1;
  const cache = options.cacheDir ? join(options.cacheDir, 'search-bundles') : null;
  if (cache) await mkdir(cache, { recursive: true });
  const kept = new Set<string>();
  const summary: WriteSummary = { bundles: bundles.length, records: all.length, indexed: 0, reused: 0, seconds: { index: 0, copy: 0 } };
  const since = (t: number) => (performance.now() - t) / 1000;
  const entries: BundleEntry[] = [];
  let searchCode: string | null = null;
  for (const bundle of bundles) {
    const digest = bundleDigest(bundle, `${options.code}:${single ? 'default' : BUNDLE_CHUNK_SIZE}`);
    const cached = cache ? join(cache, digest) : null;
    const dir = single ? root : join(root, bundle.name);
    if (cached && existsSync(cached)) {
      const t = performance.now();
      await cp(cached, dir, { recursive: true });
      summary.seconds.copy += since(t);
      summary.reused++;
    } else {
      let t = performance.now();
      await indexBundle(bundle, dir, single ? null : BUNDLE_CHUNK_SIZE);
      summary.seconds.index += since(t);
      summary.indexed++;
      if (cached) {
        t = performance.now();
        // Under a temporary name, then renamed: a build stopped half-way leaves no half bundle.
        const partial = `${cached}.${process.pid}.partial`;
        await cp(dir, partial, { recursive: true });
        await rm(cached, { recursive: true, force: true });
        await rename(partial, cached);
        summary.seconds.copy += since(t);
      }
    }
    if (cached) kept.add(digest);
    if (!single) {
      // Pagefind's search code is the same for every bundle: it is served once, from /pagefind/.
      for (const name of await readdir(dir)) {
        if (INDEX_FILE.test(name)) continue;
        if (!searchCode) await rename(join(dir, name), join(root, name));
        else await rm(join(dir, name), { recursive: true, force: true });
      }
      searchCode = root;
    }
    entries.push({ name: bundle.name, path: single ? '/pagefind/' : `/pagefind/${bundle.name}/`, regions: bundle.regions, pages: bundle.records.length });
  }
  await mkdir(root, { recursive: true });
  const manifest: BundleManifest = { bundles: entries };
  await writeFile(join(options.outDir, MANIFEST_PATH), JSON.stringify(manifest));
  // The cache keeps only this build's bundles: a corpus that changes often does not fill the disk.
  if (cache) {
    for (const name of await readdir(cache)) if (!kept.has(name)) await rm(join(cache, name), { recursive: true, force: true });
  }
  return summary;
}
