/**
 * The shared parts of a page written as strings (src/lib/pageParts.ts): a project page is one
 * string now, so these must write what their components wrote, escaped as Astro escaped them.
 */
import { load } from 'cheerio';
import { describe, expect, test } from 'vitest';
import { breadcrumbs, dataLinks, pageHistory, printedFields } from '../src/lib/pageParts.ts';
import type { PageRecord } from '../src/lib/publishing.ts';

const record = (over: Partial<PageRecord>): PageRecord => ({
  kind: 'project',
  title: '项目',
  url: '/130101/2024/100001/p1/',
  file: 'content/projects/130101/2024/p1.md',
  lastUpdated: null,
  corrections: [],
  links: null,
  ...over,
});

describe('page history', () => {
  test('a corrected page lists each correction under its anchor, its reason escaped', () => {
    const html = pageHistory(record({ corrections: [{ date: '2026-03-01', reason: '更正了"预算数" & <单位>' }, { date: '2026-04-12', reason: '第二次' }] }));
    expect(html).toContain('<p>本页发布后更正过 2 次。更正前的内容可在修改历史中查看。</p>');
    expect(html).toContain('<li id="correction-1"><time datetime="2026-03-01">2026年3月1日</time>：更正了&quot;预算数&quot; &amp; &lt;单位&gt;</li>');
    const $ = load(html);
    expect($('#correction-2').text()).toBe('2026年4月12日：第二次');
  });

  test('a page without history says why its date is unknown, and has no notice', () => {
    const html = pageHistory(record({}), '构建环境没有 git');
    expect(html).toBe('<p class="page-history"><span>最后更新：<span class="unknown" title="构建环境没有 git">日期未知</span></span></p>');
  });

  test('published, updated and linked to its source', () => {
    const html = pageHistory(record({
      publishedOn: '2026-02-10',
      lastUpdated: { hash: 'abc', author: '编辑', date: '2026-11-21', time: '2026-11-21T13:09:32+00:00', subject: 'Fix "A" & B', files: [] },
      links: { source: 'https://git.example/blob/main/p1.md', history: 'https://git.example/commits/main/p1.md' },
    }));
    expect(html).toBe(
      '<p class="page-history"><span>发布日期：<time datetime="2026-02-10">2026年2月10日</time></span>' +
        '<span>最后更新：<time datetime="2026-11-21T13:09:32+00:00" title="Fix &quot;A&quot; &amp; B">2026年11月21日</time></span>' +
        '<span><a href="https://git.example/blob/main/p1.md">查看源文件</a> · <a href="https://git.example/commits/main/p1.md">修改历史</a></span></p>',
    );
  });
});

test('breadcrumbs link every step but the page itself', () => {
  const $ = load(breadcrumbs([{ href: '/', label: '首页' }, { href: '/regions/1/', label: 'A & <B>' }, { label: '项目 <x>' }]));
  expect($('a').map((_, a) => `${$(a).attr('href')} ${$(a).text()}`).get()).toEqual(['/ 首页', '/regions/1/ A & <B>']);
  expect($('[aria-current="page"]').text()).toBe('项目 <x>');
});

test('printed fields: nothing when there are none, a long or multi-line value takes the whole width', () => {
  expect(printedFields(undefined)).toBe('');
  expect(printedFields([])).toBe('');
  const $ = load(printedFields([{ label: '项目性质', value: '延续性项目' }, { label: '立项必要性', value: '第一行\n第二行' }]));
  expect($('dl.printed-fields > div').map((_, d) => $(d).attr('class') ?? '').get()).toEqual(['', 'wide']);
  expect($('dd').last().text()).toBe('第一行\n第二行');
});

test('data links are downloads under the page', () => {
  const $ = load(dataLinks('/a/b/', [{ file: 'data.json', label: '完整字段' }]));
  expect($('a[download]').attr('href')).toBe('/a/b/data.json');
  expect($('li').text()).toBe('data.json：完整字段');
});
