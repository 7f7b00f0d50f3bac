/**
 * The portal is kept between runs and only what the shards changed is copied into it: after an
 * edit of one shard, the portal holds exactly the shards' current files (a changed page is new,
 * a removed page is gone) and the files nobody changed are not copied again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { assemblePortal } from '../src/province/assemble.ts';
import { searchFields } from '../src/search/fields.ts';

const work = mkdtempSync(join(tmpdir(), 'gongkai-portal-'));
const portal = join(work, 'portal');
const site = new URL('https://budget.example.gov.cn/');

function put(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A shard output of one region with two project pages, as a shard build writes it. */
function shard(n: number, region: string) {
  const dir = join(work, `shard-${n}`);
  const projects = ['P1', 'P2'].map((p) => ({ url: `/${region}/2025/100/${region}${p}/`, name: `${region} 道路养护项目 ${p}` }));
  for (const p of projects) put(join(dir, p.url, 'index.html'), `<h1>${p.name}</h1>`);
  put(join(dir, 'regions', region, 'index.html'), `<h1>${region}</h1>`);
  put(join(dir, 'search', 'index.html'), '<h1>搜索</h1>');
  put(join(dir, '_astro', 'site.css'), 'body{}');
  put(join(dir, 'sitemap.xml'), '<urlset/>');
  const records = projects.map((p) => ({
    url: p.url,
    content: p.name,
    ...searchFields({ type: '项目', title: p.name, region, year: 2025, department: '交通运输局', amount: '1.00 万元', amountFen: 1000000n }),
  }));
  put(join(dir, 'shard', 'records.json'), JSON.stringify(records));
  put(join(dir, 'shard', 'summary.json'), JSON.stringify({ regions: [{ code: region, name: region, url: `/regions/${region}/`, years: [] }] }));
  return { dir, projects };
}

test('an edit of one shard copies only its changed file; a page it removed leaves the portal', async () => {
  const a = shard(1, '110101');
  const b = shard(2, '120101');
  const options = { cacheDir: join(work, 'portal-cache'), bundlePages: 3 };
  const first = await assemblePortal([a.dir, b.dir], portal, site, options);
  expect(first.bundles).toEqual({ count: 2, indexed: 2 });
  expect(first.files.copied).toBeGreaterThan(4);
  const untouched = join(portal, a.projects[0].url, 'index.html');
  const before = statSync(untouched, { bigint: true });

  // The edit: shard 2 rewrites one page and no longer has another.
  put(join(b.dir, b.projects[0].url, 'index.html'), '<h1>120101 道路养护项目 P1（调整）</h1>');
  rmSync(join(b.dir, b.projects[1].url), { recursive: true });
  const records = join(b.dir, 'shard', 'records.json');
  writeFileSync(records, readFileSync(records, 'utf8').replace('道路养护项目 P1', '道路养护项目 P1（调整）'));
  const again = await assemblePortal([a.dir, b.dir], portal, site, options);
  // Only the edited shard's region is indexed again; the other bundle comes from the cache.
  expect(again.bundles).toEqual({ count: 2, indexed: 1 });

  expect(again.files.copied).toBe(1);
  expect(again.files.pruned).toBe(1);
  expect(readFileSync(join(portal, b.projects[0].url, 'index.html'), 'utf8')).toContain('（调整）');
  expect(existsSync(join(portal, b.projects[1].url, 'index.html'))).toBe(false);
  const after = statSync(untouched, { bigint: true });
  expect(after.mtimeNs).toBe(before.mtimeNs);
  expect(after.ino).toBe(before.ino);
  expect(existsSync(join(portal, 'index.html'))).toBe(true);
  expect(existsSync(join(portal, 'pagefind', 'pagefind.js'))).toBe(true);
}, 120_000);

test('npm run province -- assemble runs as the CI job runs it, in Node itself', () => {
  const a = shard(3, '130101');
  const out = join(work, 'portal-cli');
  const run = spawnSync(process.execPath, ['scripts/province.ts', 'assemble', '--out', out, '--cache', join(work, 'cli-cache'), a.dir], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('门户：1 个分片，1 个地区，检索索引 2 条');
  expect(existsSync(join(out, a.projects[0].url, 'index.html'))).toBe(true);
}, 120_000);

test('with link, the portal takes the shards’ files as hard links and never writes through one', async () => {
  const a = shard(4, '140101');
  const out = join(work, 'portal-linked');
  const options = { cacheDir: join(work, 'linked-cache'), bundlePages: 10, link: true };
  const first = await assemblePortal([a.dir], out, site, options);
  const page = (dir: string) => join(dir, a.projects[0].url, 'index.html');
  expect(first.files.linked).toBe(first.files.copied);
  expect(statSync(page(out)).ino).toBe(statSync(page(a.dir)).ino);

  // The next run's shard folder holds new files (a CI job downloads them afresh); the last run's
  // file, still a second name of the portal's page, must keep its bytes.
  const lastRun = join(work, 'last-run.html');
  linkSync(page(a.dir), lastRun);
  rmSync(page(a.dir));
  put(page(a.dir), '<h1>140101 道路养护项目 P1（调整）</h1>');
  const again = await assemblePortal([a.dir], out, site, options);
  expect(again.files).toMatchObject({ copied: 1, linked: 1 });
  expect(readFileSync(page(out), 'utf8')).toContain('（调整）');
  expect(readFileSync(lastRun, 'utf8')).toBe(`<h1>${a.projects[0].name}</h1>`);
}, 120_000);
