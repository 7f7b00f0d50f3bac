/**
 * Joins the outputs of a province's shard builds into one portal site. Each shard is a
 * complete build of its regions (GONGKAI_SHARD); the portal keeps every shard's region pages,
 * gives the province a search index of light records (src/lib/searchRecords.ts) in bundles that
 * the search page merges (src/search/bundles.ts, src/search/client.ts), so that a search spans
 * all shards, lists the regions on its home page, and makes /sitemap.xml a
 * sitemap index of the shards' sitemaps. It schedules nothing: CI runs the shards.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchRecord, ShardSummary } from '../lib/searchRecords.ts';
import { startSearchBundles } from '../search/bundles.ts';
import { codeDigest } from '../integrations/openData.ts';
import { sitemapIndexXml } from '../lib/sitemap.ts';
import { pruneTree, walkTree } from '../lib/pruneTree.ts';
import { text as escapeHtml } from '../lib/html.ts';

/** Top-level paths of a shard that describe only its own regions and are kept as they are. */
const REGION_DIR = /^\d{6}$/;

/**
 * Whole-site pages that a shard can only show for its own regions; the portal writes its own
 * home page and sitemap and leaves these out rather than publish one shard's totals as the province's.
 */
const WHOLE_SITE = new Set(['index.html', 'sitemap.xml', 'sitemaps', 'feed.xml', 'changes', 'corrections', 'years', 'quality', 'data', 'shard', 'pagefind']);

/**
 * Light records per bundle of the portal's index (src/search/bundles.ts). Pagefind holds about
 * 40 KiB per light record while it writes an index: one index of 110,000 records took the
 * portal job to 4 GB. Bundles of 10,000 keep it near 0.5 GB, and an edit indexes one again.
 */
export const PORTAL_BUNDLE_PAGES = 10_000;

export interface AssembleOptions {
  /** Folder kept between runs for the portal's search bundles; null keeps nothing. */
  cacheDir: string | null;
  /** Records per search bundle. */
  bundlePages?: number;
  /** Put the shards' files into the portal as hard links (`placeFile` says when that is safe). */
  link?: boolean;
}

/** The checkout the code runs from, whose sources make the bundles' code digest. */
const CHECKOUT = fileURLToPath(new URL('../..', import.meta.url));

export interface AssembleResult {
  shards: number;
  regions: number;
  records: number;
  /** Search bundles of the portal, and how many were indexed again (the rest came from the cache). */
  bundles: { count: number; indexed: number };
  /** Files copied from the shards (`linked` of them as hard links; the rest were current in the portal already), and files deleted. */
  files: { copied: number; linked: number; kept: number; pruned: number };
  seconds: { copy: number; index: number };
}

/**
 * Puts the shard's file `from` at `to`: with `link`, as a second name of the same bytes (a hard
 * link), else (or across file systems, or where links are refused) as a copy with the original's
 * times. At 100,000 projects the portal copied 341,072 files, 3.4 GB, in 80 s; a link writes no
 * bytes. A link is only for shard folders that nothing writes into again, such as the artifacts a
 * CI portal job downloads: a shard build rewrites a page in place, and would change a linked
 * portal page before the portal is assembled. A file already at `to` is removed first, never
 * written over, as it may be a second name of a shard's file; the portal's own files (its home
 * page, sitemaps and search index) are never taken from a shard.
 */
function placeFile(from: string, to: string, source: Stats, link: boolean): 'linked' | 'copied' {
  rmSync(to, { force: true });
  if (link) {
    try {
      linkSync(from, to);
      return 'linked';
    } catch {
      // Another file system, or links refused: a copy.
    }
  }
  copyFileSync(from, to);
  utimesSync(to, source.atime, source.mtime);
  return 'copied';
}

/**
 * Copies into the portal the files of the shards, keeping the portal between runs: a file whose
 * size and modification time are those of its copy is not copied again (the copy takes the
 * original's time), so after an edit only the files the edited shard rewrote are copied; a
 * shard build leaves its unchanged pages untouched (src/integrations/freshOutDir.ts). Every file
 * copied or found current is recorded, so that `prune` deletes what no shard has any more.
 */
class PortalCopy {
  readonly present = new Set<string>();
  readonly out: string;
  copied = 0;
  /** Of the files copied, those put there as hard links. */
  linked = 0;
  readonly link: boolean;
  constructor(out: string, link: boolean) {
    this.out = out;
    this.link = link;
  }

  /** Copies `from` (a file or folder) to `to` under the portal; with `keepFirst`, a file already recorded is left. */
  tree(from: string, to: string, keepFirst = false) {
    if (!existsSync(from)) return;
    if (statSync(from).isFile()) return this.file(from, to, keepFirst);
    for (const path of walkTree(from).files) this.file(join(from, path), join(to, path), keepFirst);
  }

  file(from: string, to: string, keepFirst = false) {
    const key = relative(this.out, to);
    if (keepFirst && this.present.has(key)) return;
    this.present.add(key);
    const source = statSync(from);
    let current = false;
    try {
      const copy = statSync(to);
      current = copy.size === source.size && Math.abs(copy.mtimeMs - source.mtimeMs) < 1;
    } catch {
      // Not in the portal yet.
    }
    if (current) return;
    mkdirSync(dirname(to), { recursive: true });
    if (placeFile(from, to, source, this.link) === 'linked') this.linked++;
    this.copied++;
  }

  /** Deletes the portal's files that were neither copied nor found current, but for `except`, and empty folders. */
  prune(except: (path: string) => boolean): number {
    return pruneTree(this.out, (path) => this.present.has(path) || except(path));
  }
}

/** Copies a shard: its region pages always, the generic pages (search, 404, assets) from the first. */
function copyShard(shardDir: string, copy: PortalCopy, first: boolean) {
  const out = copy.out;
  for (const name of readdirSync(shardDir)) {
    const from = join(shardDir, name);
    if (REGION_DIR.test(name)) copy.tree(from, join(out, name));
    else if (name === 'regions') {
      for (const code of readdirSync(from)) if (REGION_DIR.test(code)) copy.tree(join(from, code), join(out, 'regions', code));
    } else if (name === '_astro') copy.tree(from, join(out, name), true);
    else if (first && !WHOLE_SITE.has(name)) copy.tree(from, join(out, name));
  }
  if (existsSync(join(shardDir, 'data'))) {
    for (const code of readdirSync(join(shardDir, 'data'))) if (REGION_DIR.test(code)) copy.tree(join(shardDir, 'data', code), join(out, 'data', code));
  }
}

/** What the portal writes itself rather than copies from a shard. */
const PORTAL_OWN = (path: string) => path === 'index.html' || path === 'sitemap.xml' || path === 'sitemaps' || path.startsWith('sitemaps/') || path === 'pagefind' || path.startsWith('pagefind/');

function homePage(summaries: ShardSummary[]): string {
  const rows = summaries
    .flatMap((s) => s.regions)
    .sort((a, b) => a.code.localeCompare(b.code))
    .flatMap((r) => r.years.map((y) => `<tr><th scope="row"><a href="${r.url}">${escapeHtml(r.name)}</a></th><td class="num">${y.year}</td><td class="num">${y.departments}</td><td class="num">${y.projects}</td><td class="num">${escapeHtml(y.total)}</td></tr>`));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>公开 预算绩效目标</title>
<style>body{font:18px/1.6 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left}.num{text-align:right}</style></head>
<body><header><a href="/">公开 · 预算绩效目标</a></header><main id="main">
<h1>预算绩效目标公开</h1>
<form role="search" action="/search/" method="get"><label for="q">搜索全省项目和部门</label> <input id="q" name="q" type="search"> <button type="submit">搜索</button></form>
<table><caption>各地区、年度的部门文件、项目和预算合计</caption><thead><tr><th scope="col">地区</th><th scope="col">年度</th><th scope="col">部门文件</th><th scope="col">项目</th><th scope="col">预算合计</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></main></body></html>
`;
}

/** Builds the portal in `out` from the shard output folders, in the order given. */
export async function assemblePortal(shardDirs: string[], out: string, site: URL, options: AssembleOptions = { cacheDir: null }): Promise<AssembleResult> {
  const copyStart = performance.now();
  for (const dir of shardDirs) {
    if (!existsSync(join(dir, 'shard', 'records.json'))) throw new Error(`${dir} 不是分片构建的输出（缺少 shard/records.json）：用 GONGKAI_SHARD=<地区代码> 构建`);
  }
  // The portal's own files are written again; the shards' files are copied only when changed.
  for (const own of ['sitemaps', 'pagefind']) rmSync(join(out, own), { recursive: true, force: true });
  mkdirSync(join(out, 'sitemaps'), { recursive: true });
  const copy = new PortalCopy(out, options.link ?? false);
  const summaries: ShardSummary[] = [];
  shardDirs.forEach((dir, i) => {
    copyShard(dir, copy, i === 0);
    summaries.push(JSON.parse(readFileSync(join(dir, 'shard', 'summary.json'), 'utf8')) as ShardSummary);
    copyFileSync(join(dir, 'sitemap.xml'), join(out, 'sitemaps', `shard-${i + 1}.xml`));
  });
  const pruned = copy.prune(PORTAL_OWN);
  writeFileSync(join(out, 'index.html'), homePage(summaries));
  writeFileSync(join(out, 'sitemap.xml'), await sitemapIndexXml(shardDirs.map((_, i) => `/sitemaps/shard-${i + 1}.xml`), site));
  const copySeconds = (performance.now() - copyStart) / 1000;

  // The province's light records in bundles, merged by the search page (src/search/client.ts):
  // one shard's records read at a time, bundles indexed one after another, unchanged ones reused.
  const indexStart = performance.now();
  function* records(): Generator<SearchRecord> {
    for (const dir of shardDirs) yield* JSON.parse(readFileSync(join(dir, 'shard', 'records.json'), 'utf8')) as SearchRecord[];
  }
  const search = await startSearchBundles(records(), { cacheDir: options.cacheDir, code: codeDigest(CHECKOUT), maxPages: options.bundlePages ?? PORTAL_BUNDLE_PAGES }).write(out);
  return {
    shards: shardDirs.length,
    regions: summaries.reduce((n, s) => n + s.regions.length, 0),
    records: search.records,
    bundles: { count: search.bundles, indexed: search.indexed },
    files: { copied: copy.copied, linked: copy.linked, kept: copy.present.size - copy.copied, pruned },
    seconds: { copy: copySeconds, index: (performance.now() - indexStart) / 1000 },
  };
}
