/**
 * Text from front matter is text: a <script> in a project name shows as characters on the
 * page and in search results, and the rendered Markdown is sanitised as a second layer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import * as cheerio from 'cheerio';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import rehypeSanitize from 'rehype-sanitize';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, serveDist } from './helpers/browser.ts';
import { buildSite } from './helpers/buildSite.ts';

const OUT = '.cache/site-xss';
const NAME = '老年大学<script>alert(1)</script>经费';

beforeAll(() => {
  // The fixture tree is not seed content, so the editors' check is not the point here.
  buildSite({ GONGKAI_CONTENT: 'tests/fixtures/site-xss/content', GONGKAI_OUT: OUT }, { check: false });
});

describe('front-matter text is escaped on the page', () => {
  test('the project page shows the name as text and runs none of it', () => {
    const html = readFileSync(join(OUT, '130229/2023/287001/13022923P00JXC415588T/index.html'), 'utf8');
    const $ = cheerio.load(html);
    expect($('h1').text()).toBe(NAME);
    expect($('script').filter((_, el) => $(el).text().includes('alert')).length).toBe(0);
    expect($('img[onerror]').length).toBe(0);
    expect($('a[href^="javascript:"]').length).toBe(0);
    expect($('.goals li').text()).toBe('1.构建终身教育体系<img src=x onerror=alert(2)>。');
  });

  test('every page carries a Content-Security-Policy that allows no inline script', () => {
    const $ = cheerio.load(readFileSync(join(OUT, 'search/index.html'), 'utf8'));
    const csp = $('meta[http-equiv="content-security-policy"]').attr('content') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('in search results', () => {
  let server: Server;
  let origin: string;
  let browser: Awaited<ReturnType<typeof launch>>;
  beforeAll(async () => {
    ({ server, origin } = await serveDist(OUT));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  test('the name appears as text and no dialog opens', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${origin}/search/?q=${encodeURIComponent('老年大学')}`);
    await page.waitForSelector('body[data-search-done]');
    const titles = await page.$$eval('#results h2 a', (as) => as.map((a) => a.textContent));
    expect(titles).toContain(NAME);
    expect(await page.$$eval('#results script, #results img', (els) => els.length)).toBe(0);
    expect(dialogs).toEqual([]);
  });
});

test('rehype-sanitize removes raw HTML and script links even if the content check were bypassed', async () => {
  const processor = await createMarkdownProcessor({ rehypePlugins: [rehypeSanitize], smartypants: false, syntaxHighlight: false });
  const { code } = await processor.render('正文<script>alert(1)</script>\n\n[链接](javascript:alert(2)) <img src=x onerror=alert(3)>');
  expect(code).not.toContain('<script');
  expect(code).not.toContain('javascript:');
  expect(code).not.toContain('onerror');
  expect(code).toContain('正文');
});
