/**
 * Joins the outputs of a province's shard builds into one portal site. Each shard is a
 * complete build of its regions (GONGKAI_SHARD); the portal keeps every shard's region pages,
 * gives the province one search index of light records (src/lib/searchRecords.ts) so that a
 * search spans all shards, lists the regions on its home page, and makes /sitemap.xml a
 * sitemap index of the shards' sitemaps. It schedules nothing: CI runs the shards.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { indexRecords, type SearchRecord, type ShardSummary } from '../lib/searchRecords.ts';
import { sitemapIndexXml } from '../lib/sitemap.ts';

/** Top-level paths of a shard that describe only its own regions and are kept as they are. */
const REGION_DIR = /^\d{6}$/;

/**
 * Whole-site pages that a shard can only show for its own regions; the portal writes its own
 * home page and sitemap and leaves these out rather than publish one shard's totals as the province's.
 */
const WHOLE_SITE = new Set(['index.html', 'sitemap.xml', 'sitemaps', 'feed.xml', 'changes', 'corrections', 'years', 'quality', 'data', 'shard', 'pagefind']);

export interface AssembleResult {
  shards: number;
  regions: number;
  records: number;
  seconds: { copy: number; index: number };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Copies a shard: its region pages always, the generic pages (search, 404, assets) from the first. */
function copyShard(shardDir: string, out: string, first: boolean) {
  for (const name of readdirSync(shardDir)) {
    const from = join(shardDir, name);
    if (REGION_DIR.test(name)) cpSync(from, join(out, name), { recursive: true });
    else if (name === 'regions') {
      for (const code of readdirSync(from)) if (REGION_DIR.test(code)) cpSync(join(from, code), join(out, 'regions', code), { recursive: true });
    } else if (name === '_astro') cpSync(from, join(out, name), { recursive: true, force: false, errorOnExist: false });
    else if (first && !WHOLE_SITE.has(name)) cpSync(from, join(out, name), { recursive: true });
  }
  if (existsSync(join(shardDir, 'data'))) {
    for (const code of readdirSync(join(shardDir, 'data'))) if (REGION_DIR.test(code)) cpSync(join(shardDir, 'data', code), join(out, 'data', code), { recursive: true });
  }
}

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
export async function assemblePortal(shardDirs: string[], out: string, site: URL): Promise<AssembleResult> {
  const copyStart = performance.now();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'sitemaps'), { recursive: true });
  const summaries: ShardSummary[] = [];
  shardDirs.forEach((dir, i) => {
    const shard = join(dir, 'shard');
    if (!existsSync(join(shard, 'records.json'))) throw new Error(`${dir} 不是分片构建的输出（缺少 shard/records.json）：用 GONGKAI_SHARD=<地区代码> 构建`);
    copyShard(dir, out, i === 0);
    summaries.push(JSON.parse(readFileSync(join(shard, 'summary.json'), 'utf8')) as ShardSummary);
    copyFileSync(join(dir, 'sitemap.xml'), join(out, 'sitemaps', `shard-${i + 1}.xml`));
  });
  writeFileSync(join(out, 'index.html'), homePage(summaries));
  writeFileSync(join(out, 'sitemap.xml'), await sitemapIndexXml(shardDirs.map((_, i) => `/sitemaps/shard-${i + 1}.xml`), site));
  const copySeconds = (performance.now() - copyStart) / 1000;

  // One province-wide index of light records: one WebAssembly and one small index to fetch.
  const indexStart = performance.now();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind 无法建立索引：${errors.join('; ')}`);
  let records = 0;
  // One shard's records at a time: the portal never holds the province in memory.
  for (const dir of shardDirs) records += await indexRecords(index, JSON.parse(readFileSync(join(dir, 'shard', 'records.json'), 'utf8')) as SearchRecord[]);
  const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
  if (written.errors.length) throw new Error(`Pagefind 写入索引出错：${written.errors.join('; ')}`);
  await pagefind.close();
  return {
    shards: shardDirs.length,
    regions: summaries.reduce((n, s) => n + s.regions.length, 0),
    records,
    seconds: { copy: copySeconds, index: (performance.now() - indexStart) / 1000 },
  };
}
