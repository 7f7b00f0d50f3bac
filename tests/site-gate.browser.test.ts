/**
 * The site gate in a real browser (Debian's chromium): axe-core on every page type at
 * desktop and phone width and with the browser's default text at 24 px; no sideways
 * scrolling at 360 px in standard text, 大字, and 24 px and 32 px default text; focus ring and
 * form borders at 3:1; the 大字/标准 switch; the printed page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, launchWithDefaultFont, serveDist } from '../src/audit/browser.ts';
import { shotUrls } from '../src/audit/shots.ts';
import { TEXT_SIZE_KEY } from '../src/lib/pageScript.ts';
import { DIST } from './helpers/site.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const urls = shotUrls(DIST);

let server: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  ({ server, origin } = await serveDist(DIST));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function open(page: Page, url: string) {
  await page.goto(origin + url, { waitUntil: 'load' });
  if (url.startsWith('/search/')) await page.waitForSelector('body[data-search-done]');
}

interface AxeViolation { id: string; help: string; nodes: Array<{ target: string[] }> }

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<{ violations: unknown[] }> } }).axe
      .run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
      .then((r) => r.violations),
  )) as AxeViolation[];
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Widths beyond the viewport: the page, and any element that sticks out past the right edge. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      // A chart's labels are clipped by their SVG, which is measured itself.
      if (r.width > 0 && r.right > width + 1 && !el.closest('.table-wrap') && !el.parentElement?.closest('svg')) out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
    }
    // A table that stacks (indicators, projects, totals) must never need sideways scrolling;
    // any other wide table may scroll only inside a named region the keyboard can reach.
    for (const wrap of Array.from(document.querySelectorAll('.table-wrap'))) {
      if (wrap.scrollWidth <= wrap.clientWidth + 1) continue;
      const region = wrap.getAttribute('tabindex') === '0' && (wrap.hasAttribute('aria-label') || wrap.hasAttribute('aria-labelledby'));
      const hint = wrap.querySelector('.scroll-hint');
      if (wrap.querySelector('table.stack') || !region || !hint || getComputedStyle(hint).display === 'none') {
        out.push(`table "${wrap.querySelector('caption')?.textContent}" scrolls: ${wrap.scrollWidth} > ${wrap.clientWidth}`);
      }
    }
    return out.slice(0, 5);
  });
}

describe.each([1280, 375])('axe-core finds nothing at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    page = await context.newPage();
  });
  afterAll(() => context?.close());
  test.each(urls)('%s %s', async (_type, url) => {
    await open(page, url);
    expect(await axe(page)).toEqual([]);
  });
});

describe('with the browser default text at 24 px', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await launchWithDefaultFont(24, { width: 375, height: 900 });
  });
  afterAll(() => context?.close());
  test.each(urls)('%s %s: axe finds nothing and nothing scrolls sideways', async (_type, url) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page, url);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
    expect(await overflow(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
  });
});

describe('no sideways scrolling on a 360 px phone', () => {
  test.each(urls)('%s %s, standard and 大字', async (_type, url) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await open(page, url);
    expect(await overflow(page)).toEqual([]);
    await context.addInitScript((key) => localStorage.setItem(key, 'large'), TEXT_SIZE_KEY);
    await open(page, url);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('24px');
    expect(await overflow(page)).toEqual([]);
    await context.close();
  });

  test('with the browser default text at 32 px every page type still fits, and the header search box stays usable', async () => {
    const context = await launchWithDefaultFont(32, { width: 360, height: 800 });
    const page = context.pages()[0] ?? (await context.newPage());
    for (const [, url] of urls) {
      await open(page, url);
      expect(await overflow(page), url).toEqual([]);
      expect((await page.locator('#header-q').boundingBox())!.width, url).toBeGreaterThan(150);
    }
    await context.close();
  });
});

/** WCAG contrast ratio of two rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('the focus ring and form borders have 3:1 contrast or more against the page', async () => {
  const page = await browser.newPage();
  await open(page, '/search/?q=');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor.replace('rgba(0, 0, 0, 0)', 'rgb(255, 255, 255)'));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineColor);
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  expect(contrast(ring, background)).toBeGreaterThanOrEqual(3);
  for (const selector of ['#header-q', '#q', '#region', '#sort']) {
    const border = await page.$eval(selector, (el) => getComputedStyle(el).borderTopColor);
    expect(contrast(border, background), selector).toBeGreaterThanOrEqual(3);
  }
  await page.close();
});

test('大字 enlarges all text, is remembered across pages, and 标准 restores it; no CSP violation', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await open(page, '/');
  const size = () => page.evaluate(() => getComputedStyle(document.querySelector('main p')!).fontSize);
  const before = parseFloat(await size());
  await page.getByRole('button', { name: '大字' }).click();
  expect(parseFloat(await size())).toBeCloseTo(before * 1.5, 0);
  expect(await page.getByRole('button', { name: '大字' }).getAttribute('aria-pressed')).toBe('true');
  await open(page, urls.find(([t]) => t === 'project')![1]);
  expect(await page.evaluate(() => document.documentElement.classList.contains('text-large'))).toBe(true);
  expect(await page.getByRole('button', { name: '标准' }).getAttribute('aria-pressed')).toBe('false');
  await page.getByRole('button', { name: '标准' }).click();
  await open(page, '/');
  expect(parseFloat(await size())).toBeCloseTo(before, 0);
  expect(errors).toEqual([]);
  await context.close();
});

test('a printed page: no navigation, folded sections open, the address and the printing date at the foot, rows kept whole', async () => {
  const page = await browser.newPage();
  const department = urls.find(([t]) => t === 'department')![1];
  await open(page, department);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  expect(await page.isVisible('.site-header nav')).toBe(false);
  expect(await page.isVisible('#header-q')).toBe(false);
  expect(await page.$$eval('details.section', (d) => d.every((x) => (x as HTMLDetailsElement).open))).toBe(true);
  expect(await page.textContent('#print-url')).toBe(origin + department);
  expect(await page.textContent('#print-date')).toMatch(/打印日期：\d{4}\/\d{1,2}\/\d{1,2}/);
  // The page's 最后更新 line, where it has one, is repeated at the foot.
  const updated = await page.$$eval('.page-history span', (s) => s.map((x) => x.textContent!).find((t) => t.startsWith('最后更新')));
  if (updated) expect(await page.textContent('#print-date')).toContain(updated);
  expect(await page.isVisible('#print-url')).toBe(true);
  expect(await page.$eval('table.projects tr', (tr) => getComputedStyle(tr).breakInside)).toBe('avoid');
  expect(await page.$eval('h2', (h) => getComputedStyle(h).breakAfter)).toBe('avoid');
  await page.close();
});
