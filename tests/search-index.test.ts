/**
 * The search index is made from the site model, not from the HTML (src/lib/searchRecords.ts):
 * these tests hold it to the built pages, so that every word a reader sees on a department or
 * project page can be found, and a result shows what the page shows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { DIST, page } from './helpers/site.ts';
import { htmlText, joinPieces } from '../src/lib/searchRecords.ts';

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** Pagefind's fragment files: gzip, a signature, then JSON. */
function fragments(dir = join(DIST, 'pagefind', 'fragment')): Map<string, Fragment> {
  const all = new Map<string, Fragment>();
  for (const f of readdirSync(dir)) {
    const text = gunzipSync(readFileSync(join(dir, f))).toString('utf8');
    const fragment = JSON.parse(text.slice(text.indexOf('{'))) as Fragment;
    all.set(fragment.url, fragment);
  }
  return all;
}

/** Pagefind puts zero-width spaces between the words it splits; a reader sees neither those nor spaces. */
const bare = (s: string) => s.replace(/[\s\u200b]+/g, '');

const index = fragments();
const sitemap = readFileSync(join(DIST, 'sitemap.xml'), 'utf8');
const urls = [...sitemap.matchAll(/<loc>[^<]*?(\/\d{6}\/\d{4}\/[^<]+)<\/loc>/g)].map((m) => m[1]);
const departments = urls.filter((u) => u.split('/').length === 5);
const projects = urls.filter((u) => u.split('/').length === 6);

test('every department and project page has one record, and nothing else is indexed', () => {
  expect(departments.length).toBeGreaterThan(0);
  expect(projects.length).toBeGreaterThan(0);
  expect([...index.keys()].sort()).toEqual([...departments, ...projects].sort());
});

/** Text of the elements a reader reads on a page, each of which search must find. */
function shown(url: string, selectors: string): string[] {
  const $ = page(url);
  return $(selectors)
    .map((_, el) => $(el).text())
    .get()
    .map(bare)
    .filter((t) => t !== '' && !/^（.*）$/.test(t));
}

describe('a project record holds the words of its page', () => {
  test.each(projects)('%s', (url) => {
    const content = bare(index.get(url)!.content);
    const words = shown(
      url,
      'h1, main > dl.facts dd:not(.amount) a, .prose, .goals li, ol.plain li, table.funding tr + tr th[scope=row], table.indicators th.level1, table.indicators th.level2, table.indicators th.level3, table.indicators .printed-value, table.indicators td[data-label]:not(.value)',
    );
    expect(words.length).toBeGreaterThan(3);
    for (const w of words) expect(content, `${url}: ${w}`).toContain(w);
    // The code as published and, where the document printed it otherwise, as printed.
    const $ = page(url);
    const code = $('dd.code').contents().first().text();
    const printed = $('dd.code .printed').text().replace(/^原文印作\s*/, '');
    for (const c of [code, printed].filter((c) => c && !c.startsWith('（'))) expect(content).toContain(bare(c));
  });
});

describe('a department record holds its facts, its projects and its narrative', () => {
  test.each(departments)('%s', (url) => {
    const content = bare(index.get(url)!.content);
    const words = shown(url, 'h1, main > dl.facts dd, table.projects th a, table.projects td.code, .narrative p:not(.note), .narrative li, .narrative td, .narrative h3');
    for (const w of words) expect(content, `${url}: ${w}`).toContain(w);
  });
});

test('a result shows what its page shows: name, department, region, year, amount and code', () => {
  for (const url of projects) {
    const { meta, filters } = index.get(url)!;
    const $ = page(url);
    expect(meta.title).toBe($('h1').text());
    expect(meta.amount).toBe($('.facts dd.amount').text());
    expect(meta.type).toBe('项目');
    expect(filters['类型']).toEqual(['项目']);
    expect($('.facts').text()).toContain(meta.department);
    expect($('.facts').text()).toContain(meta.region);
    expect(filters['年度']).toEqual([meta.year]);
    if (meta.code) expect($('dd.code').text()).toContain(meta.code);
  }
  for (const url of departments) {
    const { meta, filters } = index.get(url)!;
    expect(meta.title).toContain(page(url)('h1').text());
    expect(filters['部门页']).toEqual(['是']);
  }
});

describe('joinPieces and htmlText', () => {
  test.each([
    [['老年大学', '', null, '课程。', '≥100'], '老年大学。 课程。 ≥100。'],
    [['一、总体目标：', ' 多行\n文字 '], '一、总体目标： 多行 文字。'],
  ])('joinPieces %#', (pieces, text) => {
    expect(joinPieces(pieces)).toBe(text);
  });
  test.each([
    ['<h2>一、目标</h2><p>老<strong>年</strong>大学 &amp; 课程&#65307;</p>', ['一、目标', '老年大学 & 课程；']],
    ['<ul><li>甲</li><li>乙&lt;丙&gt;</li></ul>', ['甲', '乙<丙>']],
  ])('htmlText %#', (html, texts) => {
    expect(htmlText(html).map((t) => t.trim()).filter(Boolean)).toEqual(texts);
  });
});
