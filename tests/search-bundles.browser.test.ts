/**
 * A site whose search index comes in several Pagefind bundles (src/search/bundles.ts), searched
 * in chromium beside the same content built as one index. The search page merges the bundles'
 * results itself (src/search/client.ts): an exact code comes first, the amount sort is global,
 * filters and best bets reach every bundle, and 显示更多结果 continues the merged order.
 */
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeCorpus } from '../src/bench/generate.ts';
import { toFen } from '../src/lib/money.ts';
import { projectUrl } from '../src/lib/site.ts';
import type { BundleManifest } from '../src/search/manifest.ts';
import type { Project } from '../src/schemas/project.ts';
import { launch, serveDist } from './helpers/browser.ts';
import { loadDepartments, loadProjects } from './helpers/content.ts';

mkdirSync('.cache', { recursive: true });
const work = mkdtempSync(resolve('.cache', 'search-bundles-'));
const content = join(work, 'content');

/** Builds the corpus with at most `pages` records per bundle. */
function build(name: string, pages: number): string {
  const out = join(work, name);
  const env = { ...process.env, GONGKAI_CONTENT: content, GONGKAI_OUT: out, GONGKAI_CACHE: join(work, `${name}-cache`), GONGKAI_SEARCH_BUNDLE_PAGES: String(pages) };
  const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`astro build failed:\n${run.stdout}\n${run.stderr}`);
  return out;
}

let projects: Project[];
let manifest: BundleManifest;
let browser: Browser;
let page: Page;
const sites: Record<'one' | 'split', { server: Server; origin: string }> = {} as never;

beforeAll(async () => {
  // Three regions of about 35 pages: with 40 pages a bundle, each region is a bundle.
  writeCorpus(content, { projects: 96, regions: 3, years: 2, seed: 11 });
  projects = loadProjects(content);
  const one = build('one', 100_000);
  const split = build('split', 40);
  manifest = JSON.parse(readFileSync(join(split, 'pagefind', 'bundles.json'), 'utf8')) as BundleManifest;
  sites.one = await serveDist(one);
  sites.split = await serveDist(split);
  browser = await launch();
  page = await browser.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) s.server.close();
  rmSync(work, { recursive: true, force: true });
});

interface Hit {
  href: string;
  meta: string;
}

const hitsOf = () => page.$$eval('#best-bets-list:not([hidden]) li, #results li', (items) => items.map((li) => ({ href: li.querySelector('h2 a')!.getAttribute('href')!, meta: li.querySelector('.result-meta')!.textContent! })));

async function search(site: 'one' | 'split', params: Record<string, string>): Promise<{ status: string; hits: Hit[] }> {
  await page.goto(`${sites[site].origin}/search/?${new URLSearchParams(params)}`);
  await page.waitForSelector('body[data-search-done]');
  return { status: (await page.textContent('#status')) ?? '', hits: await hitsOf() };
}

/** Clicks 显示更多结果 until every result is shown; returns them all in order. */
async function searchAll(site: 'one' | 'split', params: Record<string, string>): Promise<Hit[]> {
  await search(site, params);
  while (await page.isVisible('#more')) {
    const shown = await page.$$eval('#results li', (items) => items.length);
    await page.click('#more');
    await page.waitForFunction((n) => document.querySelectorAll('#results li').length > n, shown);
  }
  return hitsOf();
}

const fen = (h: Hit) => {
  const m = /预算 ([\d,.]+) (万元|元)/.exec(h.meta)!;
  return toFen(m[1].replace(/,/g, ''), m[2] as '元' | '万元')!;
};
const regionOf = (href: string) => href.split('/')[1];

test('the split site has one bundle per region, each in its own folder; one index stays in /pagefind/', () => {
  expect(manifest.bundles.length).toBe(3);
  for (const b of manifest.bundles) expect(existsSync(join(work, 'split', b.path, 'pagefind-entry.json'))).toBe(true);
  const single = JSON.parse(readFileSync(join(work, 'one', 'pagefind', 'bundles.json'), 'utf8')) as BundleManifest;
  expect(single.bundles.map((b) => b.path)).toEqual(['/pagefind/']);
  expect(existsSync(join(work, 'one', 'pagefind', 'pagefind-entry.json'))).toBe(true);
});

test('an exact project code finds its project first, whichever bundle holds it', async () => {
  const regions = [...new Set(projects.map((p) => p.region))];
  for (const region of regions) {
    const p = projects.filter((x) => x.region === region && x.code).at(-1)!;
    const { hits } = await search('split', { q: p.code! });
    expect(hits[0]?.href, p.code).toBe(projectUrl(p));
  }
});

test('sorting by amount orders every bundle together, as one index does, across 显示更多结果', async () => {
  for (const params of [{ type: '项目', sort: 'amount-desc' }, { q: '经费', sort: 'amount-asc' }] as Array<Record<string, string>>) {
    const split = await searchAll('split', params);
    const one = await searchAll('one', params);
    expect(split.length).toBeGreaterThan(20);
    expect(new Set(split.map((h) => regionOf(h.href))).size).toBe(3);
    // The same pages, in the same order of amounts (pages of equal amounts may trade places).
    expect(split.map(fen)).toEqual(one.map(fen));
    expect(new Set(split.map((h) => h.href))).toEqual(new Set(one.map((h) => h.href)));
  }
});

test('a first search fetches no amount order; sorting by amount fetches each bundle’s once', async () => {
  for (const site of ['split', 'one'] as const) {
    // A fresh context: nothing of the earlier searches in its cache.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const orders: string[] = [];
    fresh.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('/amount-order.json')) orders.push(path);
    });
    const open = async (params: Record<string, string>) => {
      await fresh.goto(`${sites[site].origin}/search/?${new URLSearchParams(params)}`);
      await fresh.waitForSelector('body[data-search-done]');
    };
    await open({ q: '经费' });
    expect(orders).toEqual([]);
    await open({ q: '经费', sort: 'amount-asc' });
    const paths = site === 'split' ? manifest.bundles.map((b) => b.path) : ['/pagefind/'];
    expect(orders.sort()).toEqual(paths.map((p) => `${p}amount-order.json`).sort());
    await context.close();
  }
});

test('显示更多结果 continues the merged order: no page twice, none skipped, amounts keep falling', async () => {
  const first = await search('split', { q: '经费', sort: 'amount-desc' });
  const total = Number(/找到 (\d+) 个结果/.exec(first.status)?.[1]);
  expect(first.hits).toHaveLength(10);
  await page.click('#more');
  await page.waitForFunction(() => document.querySelectorAll('#results li').length > 10);
  const two = await hitsOf();
  expect(two.slice(0, 10)).toEqual(first.hits);
  expect(new Set(two.map((h) => h.href)).size).toBe(two.length);
  for (let i = 1; i < two.length; i++) expect(fen(two[i]) <= fen(two[i - 1])).toBe(true);
  const one = await search('one', { q: '经费', sort: 'amount-desc' });
  expect(total).toBe(Number(/找到 (\d+) 个结果/.exec(one.status)?.[1]));
});

test('a filter reaches every bundle: a year lists the same pages as one index, from every region', async () => {
  const year = String(projects[0].year);
  const split = await searchAll('split', { year, type: '项目' });
  const one = await searchAll('one', { year, type: '项目' });
  expect(split.length).toBe(projects.filter((p) => String(p.year) === year).length);
  expect(new Set(split.map((h) => h.href))).toEqual(new Set(one.map((h) => h.href)));
  expect(new Set(split.map((h) => regionOf(h.href))).size).toBe(3);
  // The filter choices are every bundle's.
  await page.focus('#region');
  await page.waitForSelector('body[data-choices-loaded]');
  const offered = await page.$$eval('#region option', (o) => o.map((x) => (x as HTMLOptionElement).value).filter(Boolean));
  expect(offered.sort()).toEqual(manifest.bundles.flatMap((b) => b.regions).sort());
});

test('best bets find a department by name in any bundle', async () => {
  const departments = loadDepartments(content);
  for (const region of [...new Set(departments.map((d) => d.region))]) {
    const d = departments.filter((x) => x.region === region).at(-1)!;
    const { hits } = await search('split', { q: d.unitName });
    const bets = await page.$$eval('#best-bets-list:not([hidden]) li h2 a', (links) => links.map((a) => a.textContent));
    expect(bets.some((t) => t?.startsWith(d.unitName)), d.unitName).toBe(true);
    expect(hits[0].href.split('/')[1]).toBe(region);
  }
});

test('searching the bundles logs no errors', async () => {
  const errors: string[] = [];
  const onConsole = (m: { type: () => string; text: () => string }) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  };
  page.on('console', onConsole);
  await search('split', { q: '经费', sort: 'amount-desc' });
  page.off('console', onConsole);
  expect(errors).toEqual([]);
});
