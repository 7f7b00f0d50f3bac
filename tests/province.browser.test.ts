/**
 * A province built as shards: two shard builds of a tiny generated corpus (three regions), joined
 * into a portal whose search index, in bundles, spans both shards. Searched in a real browser.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeCorpus } from '../src/bench/generate.ts';
import { assemblePortal } from '../src/province/assemble.ts';
import { shardJob, type ShardJob } from '../src/province/shard.ts';
import { projectUrl } from '../src/lib/site.ts';
import type { Project } from '../src/schemas/project.ts';
import { launch, serveDist } from './helpers/browser.ts';
import { loadProjects } from './helpers/content.ts';

// Inside the checkout like the suite's other fixture sites: Astro keeps a build's server chunks
// beside an out-dir within the working folder, and in one shared .astro/ for any other.
mkdirSync('.cache', { recursive: true });
const work = mkdtempSync(resolve('.cache', 'province-'));
const content = join(work, 'content');
const portal = join(work, 'portal');
let jobs: ShardJob[];
let projects: Project[];
let server: Server;
let origin: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  writeCorpus(content, { projects: 36, regions: 3, seed: 11 });
  projects = loadProjects(content);
  jobs = [0, 1].map((i) => shardJob(content, i, 2, join(work, 'shards'), join(work, 'cache')));
  for (const job of jobs) {
    const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { encoding: 'utf8', env: { ...process.env, ...job.env } });
    if (run.status !== 0) throw new Error(`shard ${job.index + 1} failed:\n${run.stdout}\n${run.stderr}`);
  }
  // Small bundles, so that the portal's search merges several, as a province's does.
  await assemblePortal(jobs.map((j) => j.outDir), portal, new URL('https://budget.example.gov.cn/'), { cacheDir: join(work, 'portal-cache'), bundlePages: 15 });
  ({ server, origin } = await serveDist(portal));
  browser = await launch();
  page = await browser.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function search(q: string, extra: Record<string, string> = {}) {
  await page.goto(`${origin}/search/?${new URLSearchParams({ q, ...extra })}`);
  await page.waitForSelector('body[data-search-done]');
  return page.$$eval('#results li h2 a', (links) => links.map((a) => a.getAttribute('href')!));
}

test('each shard builds only its own regions', () => {
  expect(jobs.map((j) => j.regions.length)).toEqual([2, 1]);
  for (const job of jobs) {
    const own = projects.filter((p) => job.regions.includes(p.region));
    const other = projects.find((p) => !job.regions.includes(p.region))!;
    expect(existsSync(join(job.outDir, projectUrl(own[0]), 'index.html'))).toBe(true);
    expect(existsSync(join(job.outDir, projectUrl(other), 'index.html'))).toBe(false);
  }
});

test.each([0, 1])('the portal search finds a project of shard %i by its code, and the link opens its page', async (shard) => {
  const project = projects.find((p) => jobs[shard].regions.includes(p.region))!;
  const hrefs = await search(project.code!);
  expect(hrefs[0]).toBe(projectUrl(project));
  await page.click('#results li h2 a');
  // Playwright's wait, not expect.poll's one second: on a loaded CI runner the page takes longer.
  await page.waitForURL((url) => url.pathname === projectUrl(project));
  expect(await page.textContent('h1')).toBe(project.name);
});

test('one query returns projects of regions in both shards', async () => {
  // A department kind every region has: the first department of each region-year is 委老干部局.
  const hrefs = await search('老干部局');
  const regions = new Set(hrefs.map((h) => h.split('/')[1]));
  expect([...regions].some((r) => jobs[0].regions.includes(r))).toBe(true);
  expect([...regions].some((r) => jobs[1].regions.includes(r))).toBe(true);
});

test('the 地区 filter lists every region of the province and narrows to one', async () => {
  await search('');
  // The choices load from the index when a reader reaches for a filter.
  await page.focus('#region');
  await page.waitForSelector('body[data-choices-loaded]');
  const values = (await page.$$eval('#region option', (os) => os.map((o) => o.getAttribute('value') ?? ''))).filter(Boolean);
  expect(values).toHaveLength(3);
  const hrefs = await search('老干部局', { region: values[2] });
  expect(hrefs.length).toBeGreaterThan(0);
  expect(new Set(hrefs.map((h) => h.split('/')[1])).size).toBe(1);
});

test('the portal index comes in several bundles, one region each here', () => {
  const manifest = JSON.parse(readFileSync(join(portal, 'pagefind', 'bundles.json'), 'utf8')) as { bundles: Array<{ regions: string[] }> };
  expect(manifest.bundles.length).toBe(3);
});

test('the home page lists every region and /sitemap.xml indexes each shard sitemap', () => {
  const home = readFileSync(join(portal, 'index.html'), 'utf8');
  for (const job of jobs) for (const code of job.regions) expect(home).toContain(`href="/regions/${code}/"`);
  const sitemap = readFileSync(join(portal, 'sitemap.xml'), 'utf8');
  expect(sitemap).toContain('<sitemapindex');
  const parts = [...sitemap.matchAll(/<loc>https:\/\/budget\.example\.gov\.cn(\/sitemaps\/[^<]+)<\/loc>/g)].map((m) => m[1]);
  expect(parts).toHaveLength(2);
  for (const part of parts) expect(existsSync(join(portal, part))).toBe(true);
});
