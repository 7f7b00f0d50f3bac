/**
 * An edit republished with its search (src/search/siteBundles.ts, src/search/bundles.ts): after a
 * project is renamed, a reader searching in chromium finds it by its new name and no longer by its
 * old one, the bundles of the regions the edit did not touch are the same files, byte for byte,
 * and the edited site's index is the one a clean build of the same content makes.
 */
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeCorpus } from '../src/bench/generate.ts';
import { projectPath } from '../src/lib/contentLayout.ts';
import { projectUrl } from '../src/lib/site.ts';
import type { BundleManifest } from '../src/search/manifest.ts';
import type { Project } from '../src/schemas/project.ts';
import { launch, serveDist } from './helpers/browser.ts';
import { loadProjects } from './helpers/content.ts';

mkdirSync('.cache', { recursive: true });
const work = mkdtempSync(resolve('.cache', 'search-edit-'));
const content = join(work, 'content');
const out = join(work, 'dist');

/** Builds the corpus into `dir` with at most 40 records a bundle (a region a bundle); returns the log. */
function build(dir = out, cache = join(work, 'cache')): string {
  const env = { ...process.env, GONGKAI_CONTENT: content, GONGKAI_OUT: dir, GONGKAI_CACHE: cache, GONGKAI_SEARCH_BUNDLE_PAGES: '40' };
  const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`astro build failed:\n${run.stdout}\n${run.stderr}`);
  return `${run.stdout}${run.stderr}`;
}

/** Every file of a folder with its bytes, by path relative to it. */
function files(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => [join(f.parentPath, f.name).slice(dir.length + 1), readFileSync(join(f.parentPath, f.name))] as [string, Buffer])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

// Words the generated corpus never uses, so that a search for either name can only find this project.
const OLD_NAME = '候鸟湿地巡护站';
const NEW_NAME = '古桥石刻修缮';

const rename = (p: Project, name: string) => {
  const file = projectPath(content, p.region, p.year, p.id);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: ${name}`));
};

let edited: Project;
let manifest: BundleManifest;
let before: Map<string, Buffer>;
let editLog: string;
let browser: Browser;
let server: Server;
let origin: string;

/** The pages a search in a fresh browser context finds (every result, after 显示更多结果). */
async function found(q: string): Promise<Array<{ href: string; title: string }>> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/search/?${new URLSearchParams({ q })}`);
  await page.waitForSelector('body[data-search-done]');
  while (await page.isVisible('#more')) {
    const shown = await page.$$eval('#results li', (items) => items.length);
    await page.click('#more');
    await page.waitForFunction((n) => document.querySelectorAll('#results li').length > n, shown);
  }
  const hits = await page.$$eval('#best-bets-list:not([hidden]) li, #results li', (items) =>
    items.map((li) => ({ href: li.querySelector('h2 a')!.getAttribute('href')!, title: li.querySelector('h2 a')!.textContent!.trim() })),
  );
  await context.close();
  return hits;
}

let foundBefore: Array<{ href: string; title: string }>;

beforeAll(async () => {
  writeCorpus(content, { projects: 96, regions: 3, years: 2, seed: 11 });
  const projects = loadProjects(content);
  edited = projects[Math.floor(projects.length / 2)];
  rename(edited, OLD_NAME);
  build();
  manifest = JSON.parse(readFileSync(join(out, 'pagefind', 'bundles.json'), 'utf8')) as BundleManifest;
  before = files(join(out, 'pagefind'));
  ({ server, origin } = await serveDist(out));
  browser = await launch();
  foundBefore = await found(OLD_NAME);
  rename(edited, NEW_NAME);
  editLog = build();
  // The same content built from nothing.
  build(join(work, 'clean'), join(work, 'clean-cache'));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('before the edit, the old name finds the project', () => {
  expect(foundBefore[0]).toEqual({ href: projectUrl(edited), title: OLD_NAME });
});

test('after the edit, the new name finds the project under its new name, and the old name finds nothing', async () => {
  expect((await found(NEW_NAME))[0]).toEqual({ href: projectUrl(edited), title: NEW_NAME });
  expect(await found(OLD_NAME)).toEqual([]);
});

test('only the edited region’s bundle was indexed again; the others are the same files', () => {
  expect(manifest.bundles).toHaveLength(3);
  expect(editLog).toMatch(/分 3 个分卷，2 个未变/);
  const after = files(join(out, 'pagefind'));
  // A region a bundle, named by its code.
  const home = manifest.bundles.find((b) => b.name === edited.region)!;
  for (const b of manifest.bundles.filter((x) => x !== home)) {
    const inBundle = (map: Map<string, Buffer>) => [...map].filter(([path]) => path.startsWith(`${b.name}/`));
    expect(inBundle(after).length).toBeGreaterThan(0);
    expect(inBundle(after)).toEqual(inBundle(before));
  }
  expect([...after].filter(([path]) => path.startsWith(`${home.name}/`))).not.toEqual([...before].filter(([path]) => path.startsWith(`${home.name}/`)));
});

test('the edited site’s search index is the one a clean build makes: same files, same bytes', () => {
  const [edit, clean] = [files(join(out, 'pagefind')), files(join(work, 'clean', 'pagefind'))];
  expect([...edit.keys()]).toEqual([...clean.keys()]);
  expect([...edit.keys()].filter((path) => !edit.get(path)!.equals(clean.get(path)!))).toEqual([]);
});
