/**
 * What `npm run screenshots` photographs: each page type at desktop and phone width, the
 * reader-facing pages with 大字 on a phone, and a project printed to A4.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TEXT_SIZE_KEY } from '../lib/pageScript.ts';
import { fileOf, samplePages, type PageType } from './pages.ts';

export const WIDTHS = [1280, 375] as const;
/** Pages a citizen reads, photographed again in large text. */
export const READER_TYPES: PageType[] = ['home', 'department', 'project', 'project-named', 'search'];

export const isNamedProject = (file: string) => readFileSync(file, 'utf8').includes('indicators named');

/** The sample URL of each type; the search page with a query taken from a project's name. */
export function shotUrls(dist: string): Array<[PageType, string]> {
  const samples = samplePages(dist, isNamedProject);
  const project = samples.get('project');
  if (project && samples.has('search')) {
    const name = /<h1[^>]*>([^<]+)<\/h1>/.exec(readFileSync(fileOf(dist, project), 'utf8'))?.[1] ?? '';
    samples.set('search', `/search/?q=${encodeURIComponent([...name].slice(0, 4).join(''))}`);
  }
  return [...samples].filter(([t]) => t !== 'other');
}

async function open(page: Page, origin: string, url: string) {
  await page.goto(origin + url, { waitUntil: 'load' });
  if (url.startsWith('/search/')) await page.waitForSelector('body[data-search-done]', { timeout: 15_000 }).catch(() => {});
}

export async function takeScreenshots(browser: Browser, origin: string, dist: string, out: string): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const urls = shotUrls(dist);
  for (const large of [false, true]) {
    for (const width of large ? [375] : WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      if (large) await context.addInitScript((key) => localStorage.setItem(key, 'large'), TEXT_SIZE_KEY);
      const page = await context.newPage();
      for (const [type, url] of urls) {
        if (large && !READER_TYPES.includes(type)) continue;
        await open(page, origin, url);
        const file = join(out, `${type}-${width}${large ? '-large' : ''}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
      await context.close();
    }
  }
  const project = urls.find(([t]) => t === 'project')?.[1];
  if (project) written.push(...(await printProject(browser, origin, project, out)));
  return written;
}

/** The project page as printed on A4: a PDF turned into PNG pages by pdftoppm, or a print-media screenshot. */
async function printProject(browser: Browser, origin: string, url: string, out: string): Promise<string[]> {
  const page = await browser.newPage();
  await open(page, origin, url);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const pdf = join(out, 'project-print.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true }));
  const converted = spawnSync('pdftoppm', ['-png', '-r', '70', pdf, join(out, 'project-print')], { encoding: 'utf8' });
  if (converted.status === 0) {
    await page.close();
    return readdirSync(out).filter((f) => f.startsWith('project-print') && f.endsWith('.png')).map((f) => join(out, f));
  }
  const file = join(out, 'project-print.png');
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: file, fullPage: true });
  await page.close();
  return [file, pdf];
}

/** Empties the output folder of earlier shots so that stale pictures are not mistaken for new ones. */
export function clearShots(out: string) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
}

/** Whether fontconfig knows a Chinese font; without one chromium draws 汉字 as boxes. */
export function hasChineseFont(): boolean {
  const run = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return run.status !== 0 || run.stdout.trim() !== '';
}
