/**
 * The site's search index in several Pagefind bundles, so that no Pagefind process holds the
 * whole index and an edit indexes again only the bundle it touches.
 *
 * - **Partition** (`partitionPlaces`, `partitionRecords`): a page goes to a bundle by where it
 *   lives, never by what it says. Regions in code order fill a bundle up to `maxPages` records; a
 *   region larger than that is split by year. Editing a page never moves a page to another bundle;
 *   adding pages moves a region only when its bundle passes the cap.
 * - **Writing** (`startBundles`): the bundles are indexed one after another on one indexing thread,
 *   each by a Pagefind process of its own, closed once its files are written (src/search/indexing.ts),
 *   so Pagefind's memory is one bundle's (about 250 MiB per 1,100 records) instead of the site's.
 *   The site's bundles start from the content store as soon as the content sync has loaded it
 *   (src/search/siteBundles.ts); the province portal's from its records.
 * - **Reuse**: a bundle's files are kept in `<cacheDir>/search-bundles/<digest>/`, the digest made
 *   from its records and the code. A bundle whose digest is unchanged is put into the output from there
 *   (as hard links), not indexed; one
 *   whose inputs (its files' digests and the code) the cache knows is found before its records
 *   are made.
 * - **Short names**: a bundle's index files are renamed `<generation>_<number>` once Pagefind has
 *   written them (src/search/shortNames.ts), which takes a third off the metadata every first
 *   search downloads from every bundle.
 * - **Manifest**: `/pagefind/bundles.json` lists the bundles; the search page merges their
 *   results itself (src/search/client.ts), since Pagefind's own merge sorts every bundle's results
 *   by that bundle's score. A site of one bundle writes it to /pagefind/ exactly as one index.
 */
import { createHash } from 'node:crypto';
import { copyFile, cp, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { minifySync } from 'vite';
import type { SearchRecord } from '../lib/searchRecords.ts';
import { startIndexer, type BundleIndexer } from './indexing.ts';
import { SEARCH_FILTERS } from './fields.ts';
import { MANIFEST_PATH, type BundleEntry, type BundleManifest } from './manifest.ts';
import { AMOUNT_ORDER_FILE } from './order.ts';
import { walkTree } from '../lib/pruneTree.ts';

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
export function place(url: string): { region: string; year: string } {
  const [region = '', year = ''] = url.split('/').filter(Boolean);
  return { region, year };
}

/** Pages that stay together in a bundle: a region's, or one year's of a region that alone passes the cap. */
export interface PlaceGroup {
  region: string;
  /** The year, when the region is split by year. */
  year?: string;
}

/** A bundle before its records: its name and its groups, in order. */
export interface BundlePlan {
  name: string;
  groups: PlaceGroup[];
}

/**
 * Groups the regions and years of a site, given how many pages each holds, into bundles of at
 * most `maxPages` (a region-year larger than that stays one bundle): regions in code order, a
 * region larger than the cap split by year.
 */
export function partitionPlaces(pages: ReadonlyMap<string, ReadonlyMap<string, number>>, maxPages = BUNDLE_PAGES): BundlePlan[] {
  const groups: Array<PlaceGroup & { key: string; size: number }> = [];
  for (const region of [...pages.keys()].sort()) {
    const years = pages.get(region)!;
    const size = [...years.values()].reduce((n, c) => n + c, 0);
    if (size <= maxPages) groups.push({ key: region, region, size });
    else for (const year of [...years.keys()].sort()) groups.push({ key: `${region}-${year}`, region, year, size: years.get(year)! });
  }
  const plans: BundlePlan[] = [];
  let current: (BundlePlan & { size: number }) | null = null;
  for (const { key, size, ...group } of groups) {
    if (!current || current.size + size > maxPages) {
      current = { name: key, groups: [], size: 0 };
      plans.push(current);
    }
    current.groups.push(group);
    current.size += size;
  }
  return plans.map(({ name, groups }) => ({ name, groups }));
}

/** Records by region, then year (in the order the records bring them), each list in the records' order. */
function byPlace(records: Iterable<SearchRecord>): Map<string, Map<string, SearchRecord[]>> {
  const out = new Map<string, Map<string, SearchRecord[]>>();
  for (const r of records) {
    const { region, year } = place(r.url);
    let years = out.get(region);
    if (!years) out.set(region, (years = new Map()));
    let list = years.get(year);
    if (!list) years.set(year, (list = []));
    list.push(r);
  }
  return out;
}

/** The records of a planned bundle, group after group, and the region filter values they carry. */
function fill(plan: BundlePlan, placed: Map<string, Map<string, SearchRecord[]>>): Bundle {
  const records = plan.groups.flatMap((g) => {
    const years = placed.get(g.region);
    if (!years) return [];
    return g.year === undefined ? [...years.values()].flat() : (years.get(g.year) ?? []);
  });
  return { name: plan.name, records, regions: regionsOf(records) };
}

/** The 地区 filter values of some records, for the manifest. */
export function regionsOf(records: readonly SearchRecord[]): string[] {
  return [...new Set(records.flatMap((r) => r.filters[REGION_KEY] ?? []))].sort();
}

/**
 * Groups the records into bundles of at most `maxPages` (a region-year larger than that stays
 * one bundle). Records keep their order within a bundle, so that its digest depends only on
 * its pages.
 */
export function partitionRecords(records: Iterable<SearchRecord>, maxPages = BUNDLE_PAGES): Bundle[] {
  const placed = byPlace(records);
  const pages = new Map([...placed].map(([region, years]) => [region, new Map([...years].map(([year, list]) => [year, list.length]))]));
  return partitionPlaces(pages, maxPages).map((plan) => fill(plan, placed));
}

/** The records of one planned bundle among records that may hold others' too (those are left out). */
export function bundleOf(plan: BundlePlan, records: Iterable<SearchRecord>): Bundle {
  return fill(plan, byPlace(records));
}

/**
 * The digest of a bundle: the code that indexes it and every record, in order. A record's words
 * are hashed as they are (they are most of its bytes), its fields as JSON.
 */
export function bundleDigest(bundle: Bundle, code: string): string {
  const hash = createHash('sha1').update(code).update('\0').update(bundle.name);
  for (const { content, ...fields } of bundle.records) hash.update('\0').update(JSON.stringify(fields)).update('\0').update(content);
  return hash.digest('base64url');
}

/** Files of a Pagefind output that hold a bundle's index rather than the search code. */
const INDEX_FILE = /^(pagefind-entry\.json|.*\.pf_meta|wasm\..*\.pagefind|index|fragment|filter|amount-order\.json)$/;

export interface BundleOptions {
  /** Astro's cache folder; null keeps nothing between builds. */
  cacheDir: string | null;
  /** Digest of the code that makes the records (see openData's codeDigest). */
  code: string;
  maxPages?: number;
  /** Called on this thread as Pagefind starts on a bundle, with how many it has started in this build (1, 2, …). */
  onIndexStart?: (nth: number) => void;
}

export interface WriteSummary {
  bundles: number;
  records: number;
  /** Bundles indexed by Pagefind in this build. */
  indexed: number;
  /** Bundles taken from the cache. */
  reused: number;
  /** Bundles the output kept from the last build already held, left where they are. */
  inPlace: number;
  /** Index files put into the output, linked to the cache (a changed bundle's files that the output already holds stay). */
  copied: number;
  /**
   * Seconds spent making the records, their bundles and digests; indexing (beside the
   * rendering); and putting the bundles into the output (beside the rendering, as each is ready).
   */
  seconds: { records: number; index: number; copy: number };
  /** When the output was complete (performance.now()). */
  finished: number;
}

export interface SiteBundles {
  /**
   * Puts each bundle into `<outDir>/pagefind/` as soon as it is ready (while the next is
   * indexed), then the manifest. A bundle already there from the last build is left in place and its
   * files named to `keep` (so that the output's pruning leaves them).
   */
  write(outDir: string, keep?: (path: string) => void): Promise<WriteSummary>;
}

/**
 * Word-list chunk size of a bundle's index, in Pagefind's unit (word positions). A first search
 * fetches, from every bundle, the chunk holding each word of the query and the bundle's list of
 * chunks: Pagefind's default (20,000) makes chunks of about 18 KiB, so ten bundles cost ten such
 * chunks per word. At 2,000 a chunk is about 3 KiB and the lists grow by about 4 KiB per bundle
 * of 1,100 pages (measured on the bench's corpus: 1,000 and 4,000 fetch more). A site of one
 * bundle gains the same: at 1,000 projects "老年大学" fetched two chunks of 19 KiB.
 */
export const BUNDLE_CHUNK_SIZE = 2_000;

const CHUNK_ENV = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';

/** Pagefind's environment: it reads its chunk size from there. */
const indexingEnv = () => ({ ...process.env, [CHUNK_ENV]: String(BUNDLE_CHUNK_SIZE) });

/**
 * Minifies Pagefind's search code (pagefind.js) where Pagefind wrote it. It comes whitespace-
 * stripped but with its long names, 46 KiB that every first search downloads: minified with
 * Vite's own minifier (Oxc) it is about 31 KiB (11 KiB gzip instead of 13).
 */
async function minifySearchCode(dir: string): Promise<void> {
  const path = join(dir, 'pagefind.js');
  const { code, errors } = minifySync('pagefind.js', await readFile(path, 'utf8'), { module: true });
  // Pagefind's code as it came is still right: a minifier that fails costs bytes, not the search.
  if (errors.length === 0) await writeFile(path, code);
}

/**
 * A bundle of the cache that no build used for this long is deleted. Not at once: another build
 * with the same cache folder (another checkout, another corpus) may be about to copy it.
 */
const CACHE_KEEP_MS = 60 * 60 * 1000;

/** Deletes the cached bundles (and half-written ones) that neither this build nor a recent one used. */
async function pruneCache(cache: string, used: Set<string>): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(cache)) {
    if (used.has(name)) continue;
    const path = join(cache, name);
    const age = now - (await stat(path).catch(() => ({ mtimeMs: now }))).mtimeMs;
    if (age > CACHE_KEEP_MS) await rm(path, { recursive: true, force: true });
  }
}

/** Folders of a Pagefind output whose files are named by their content (a hash). */
const CONTENT_NAMED = /^(fragment|index|filter)$/;

/**
 * Puts the cached file `src` at `to` as a second name of the same bytes (a hard link), else, across
 * file systems or where links are refused, as a copy. A link makes no second file: a bundle's
 * 1,500 files were written once by Pagefind and once more by the copy, and creating a file
 * (an inode) is most of what the kernel does in a build.
 *
 * A link is safe because nothing writes into a bundle's file in place once it is in the cache:
 * Pagefind, the short names, the order by amount and the minified search code are all written
 * in the bundle's temporary folder before it is renamed into the cache, and a file of the output
 * is only ever replaced, never rewritten: a file already at `to` (`present`; perhaps a second
 * name of another cached bundle) is removed before the new one is put there, here and where the
 * search code is put (`write`), and the province's portal deletes its /pagefind/ before writing
 * it. A cached bundle is deleted (its names removed) only when no build used it for an hour.
 */
async function placeFile(src: string, to: string, present: boolean): Promise<void> {
  if (present) await rm(to, { force: true });
  try {
    await link(src, to);
  } catch {
    await copyFile(src, to);
  }
}

/**
 * Makes `dir` hold exactly the files of the bundle in `from` that `wanted` takes (by path
 * relative to `from`): a file named by its content that `dir` already holds with the same size
 * is left there; the others are put there (`placeFile`), and files `from` lacks are deleted.
 * Every file left or put is named to `keep`: a linked file carries the modification time of the
 * build that indexed the bundle. A bundle's names change with any of its content
 * (src/search/shortNames.ts), so an edit puts the whole of the bundle it touches: about 1,500
 * small files, side by side (one after another they took 0.7 s, side by side 0.1 s). Returns
 * how many files it put.
 */
export async function mirrorBundle(from: string, dir: string, wanted: (rel: string) => boolean, keep?: (path: string) => void): Promise<number> {
  const files = (root: string) => (existsSync(root) ? walkTree(root).files : []);
  const source = new Set(files(from).filter(wanted));
  const present = new Set(files(dir));
  await Promise.all([...present].filter((rel) => !source.has(rel)).map((rel) => rm(join(dir, rel), { force: true })));
  await Promise.all([...new Set([...source].map((rel) => dirname(join(dir, rel))))].map((folder) => mkdir(folder, { recursive: true })));
  const copied = await Promise.all(
    [...source].map(async (rel) => {
      const [src, to] = [join(from, rel), join(dir, rel)];
      if (present.has(rel) && CONTENT_NAMED.test(rel.split(sep)[0])) {
        const [a, b] = await Promise.all([stat(src), stat(to)]);
        if (b.size === a.size) {
          keep?.(to);
          return 0;
        }
      }
      await placeFile(src, to, present.has(rel));
      keep?.(to);
      return 1;
    }),
  );
  return copied.reduce<number>((n, c) => n + c, 0);
}

/**
 * Whether `dir` holds the bundle in `from`: its entry names the digest of its whole index, and
 * the order by amount, which is not Pagefind's, is the same file (other code writes it otherwise).
 */
export async function sameBundle(from: string, dir: string): Promise<boolean> {
  for (const name of ['pagefind-entry.json', AMOUNT_ORDER_FILE]) {
    const read = (d: string) => readFile(join(d, name), 'utf8').catch(() => null);
    const [a, b] = await Promise.all([read(from), read(dir)]);
    if (a === null || a !== b) return false;
  }
  return true;
}

const since = (t: number) => Math.round(performance.now() - t) / 1000;

/** A bundle to write: its name, and how its records are made. */
export interface BundleSource {
  name: string;
  /**
   * A digest of everything the bundle's records are made from (the content files and the code),
   * known before they are made: a bundle the cache holds under it is taken without making its
   * records. Absent where only the records can tell.
   */
  inputs?: string;
  /** Makes the bundle's records; called at most once, and not for a bundle found by `inputs`. */
  records(): Bundle;
}

/** What the cache keeps of a bundle found by its inputs: the digest of its records, and its manifest entry's facts. */
interface KnownInputs {
  digest: string;
  regions: string[];
  pages: number;
}

const inputsFile = (inputs: string) => `inputs-${inputs}.json`;

function readKnown(cache: string, inputs: string): KnownInputs | null {
  try {
    const known = JSON.parse(readFileSync(join(cache, inputsFile(inputs)), 'utf8')) as KnownInputs;
    return typeof known.digest === 'string' && Array.isArray(known.regions) && typeof known.pages === 'number' ? known : null;
  } catch {
    return null;
  }
}

/** Marks a file or folder of the cache as used now, so that pruneCache keeps it. */
const touch = (path: string) => utimesSync(path, new Date(), new Date());

interface MadeBundle extends KnownInputs {
  name: string;
  dir: string;
  reused: boolean;
  inputs?: string;
  /** The records, while the bundle still has to be indexed. */
  bundle?: Bundle;
}

/**
 * Starts indexing the records' bundles, one after another, as soon as the records exist (while
 * the pages render). A bundle whose digest is in the cache is not indexed; a new one is written
 * to the cache (or, without one, to a temporary folder), from where `write` copies it.
 */
export function startSearchBundles(records: Iterable<SearchRecord>, options: BundleOptions): SiteBundles {
  return startBundles(() => {
    const maxPages = options.maxPages ?? (Number(process.env.GONGKAI_SEARCH_BUNDLE_PAGES) || BUNDLE_PAGES);
    return partitionRecords(records, maxPages).map((bundle) => ({ name: bundle.name, records: () => bundle }));
  }, options);
}

/**
 * Starts writing the bundles of `sources` (made when called), one after another. A bundle the
 * cache knows by its inputs, or by the digest of its records, is not indexed again. The next
 * bundle's records are made while Pagefind indexes one.
 */
export function startBundles(sources: () => BundleSource[], options: BundleOptions): SiteBundles {
  // The bundles ready so far, in order, for `write` to put into the output while the next are indexed.
  const made: MadeBundle[] = [];
  let wake = () => {};
  let grown = new Promise<void>((resolve) => (wake = resolve));
  let settled = false;
  let single = false;
  const prepared = (async () => {
    // Synchronously up to the first bundle to index, which so starts as soon as it can.
    let making = 0;
    const timed = <T>(make: () => T): T => {
      const t = performance.now();
      try {
        return make();
      } finally {
        making += performance.now() - t;
      }
    };
    const list = timed(sources);
    single = list.length <= 1;
    const code = `${options.code}:${BUNDLE_CHUNK_SIZE}`;
    const cache = options.cacheDir ? join(options.cacheDir, 'search-bundles') : mkdtempSync(join(tmpdir(), 'gongkai-search-'));
    mkdirSync(cache, { recursive: true });
    const resolve = (source: BundleSource): MadeBundle =>
      timed(() => {
        const known = source.inputs === undefined ? null : readKnown(cache, source.inputs);
        if (known && existsSync(join(cache, known.digest))) {
          touch(join(cache, known.digest));
          touch(join(cache, inputsFile(source.inputs!)));
          return { ...known, name: source.name, dir: join(cache, known.digest), reused: true, inputs: source.inputs };
        }
        const bundle = source.records();
        const digest = bundleDigest(bundle, code);
        const dir = join(cache, digest);
        const reused = existsSync(dir);
        if (reused) touch(dir);
        return { name: source.name, digest, dir, reused, inputs: source.inputs, regions: bundle.regions, pages: bundle.records.length, bundle: reused ? undefined : bundle };
      });
    const resolving: Array<Promise<MadeBundle>> = [];
    const next = (i: number) => (resolving[i] ??= new Promise<MadeBundle>((done) => done(resolve(list[i]))));
    const started = performance.now();
    // Started for the first bundle to index, and ended once the last is written.
    let indexer: BundleIndexer | null = null;
    let indexing = 0;
    try {
      for (let i = 0; i < list.length; i++) {
        const m = await next(i);
        // Made between Pagefind's batches, so that the next bundle is ready when this one is written.
        if (i + 1 < list.length) setImmediate(() => next(i + 1).catch(() => {}));
        if (m.bundle) {
          // Under a temporary name, then renamed: a build stopped half-way leaves no half bundle.
          const partial = `${m.dir}.${process.pid}.partial`;
          rmSync(partial, { recursive: true, force: true });
          // Pagefind's index, its short names and its order by amount, all on the indexing thread.
          indexer ??= startIndexer(indexingEnv());
          options.onIndexStart?.(++indexing);
          await indexer.index(m.bundle.records, partial);
          await minifySearchCode(partial);
          // Another build with this cache may have written the same bundle meanwhile: either copy will do.
          await rename(partial, m.dir).catch(async (e: unknown) => {
            if (!existsSync(m.dir)) throw e;
            await rm(partial, { recursive: true, force: true });
          });
          m.bundle = undefined;
        }
        if (m.inputs !== undefined && !(m.reused && existsSync(join(cache, inputsFile(m.inputs))))) {
          const known: KnownInputs = { digest: m.digest, regions: m.regions, pages: m.pages };
          await writeFile(join(cache, inputsFile(m.inputs)), JSON.stringify(known));
        }
        made.push(m);
        wake();
        grown = new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      settled = true;
      // Not waited for: the index is complete, the thread ends on its own.
      indexer?.close().catch(() => {});
    }
    return { cache, recordSeconds: Math.round(making) / 1000, indexSeconds: since(started), temporary: !options.cacheDir };
  })();
  // Kept for `write`: a rejection before then must not end the build as an unhandled one.
  prepared.catch(() => {});
  return {
    async write(outDir, keep) {
      const root = join(outDir, 'pagefind');
      const entries: BundleEntry[] = [];
      let inPlace = 0;
      let copied = 0;
      let copyMs = 0;
      // Each bundle goes into the output as soon as it is ready, while the next is indexed: at
      // 10,000 projects the bundles' 15,000 files were put there after the last was indexed,
      // when nothing else was left to do.
      for (let i = 0; ; ) {
        if (i === made.length) {
          if (settled) break;
          await Promise.race([grown, prepared]);
          continue;
        }
        const m = made[i++];
        const putting = performance.now();
        const dir = single ? root : join(root, m.name);
        if (await sameBundle(m.dir, dir)) {
          // The output kept from the last build already holds this bundle (src/integrations/freshOutDir.ts).
          for (const rel of walkTree(dir).files) keep?.(join(dir, rel));
          inPlace++;
        } else {
          // Of several bundles, each folder holds only its index; Pagefind's search code is served once, below.
          copied += await mirrorBundle(m.dir, dir, (rel) => single || INDEX_FILE.test(rel.split(sep)[0]), keep);
        }
        entries.push({ name: m.name, path: single ? '/pagefind/' : `/pagefind/${m.name}/`, regions: m.regions, pages: m.pages });
        copyMs += performance.now() - putting;
      }
      const { cache, recordSeconds, indexSeconds, temporary } = await prepared;
      const finishing = performance.now();
      if (!single) {
        const from = made[0].dir;
        for (const name of await readdir(from)) {
          if (INDEX_FILE.test(name)) continue;
          // Removed first, never written in place: after a build of one bundle it is a link into the cache.
          await rm(join(root, name), { recursive: true, force: true });
          await cp(join(from, name), join(root, name), { recursive: true });
        }
      }
      await mkdir(root, { recursive: true });
      const manifest: BundleManifest = { bundles: entries };
      await writeFile(join(outDir, MANIFEST_PATH), JSON.stringify(manifest));
      if (temporary) await rm(cache, { recursive: true, force: true });
      else await pruneCache(cache, new Set(made.flatMap((m) => (m.inputs === undefined ? [m.digest] : [m.digest, inputsFile(m.inputs)]))));
      const reused = made.filter((m) => m.reused).length;
      return {
        bundles: made.length,
        records: made.reduce((n, m) => n + m.pages, 0),
        indexed: made.length - reused,
        reused,
        inPlace,
        copied,
        seconds: { records: recordSeconds, index: indexSeconds, copy: Math.round(copyMs + performance.now() - finishing) / 1000 },
        finished: performance.now(),
      };
    },
  };
}
