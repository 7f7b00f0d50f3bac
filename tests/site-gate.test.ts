/**
 * The site gate, over the built seed site's HTML: every page valid HTML, every internal link
 * and anchor leads somewhere, no code ships that was not meant to, and every chart comes
 * with a text alternative and its numbers in a table. The browser half is in
 * site-gate.browser.test.ts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, test } from 'vitest';
import { fileOf, htmlPages, pageType } from '../src/audit/pages.ts';
import { checkLinks } from '../src/audit/links.ts';
import { auditScripts } from '../src/audit/scripts.ts';
import { PAGE_CSP } from '../src/lib/csp.ts';
import { PAGE_SCRIPT } from '../src/lib/pageScript.ts';
import { needsSiteWarning } from '../src/integrations/siteAddress.ts';
import { splitSections } from '../src/lib/narrative.ts';
import { DIST, page } from './helpers/site.ts';

const pages = htmlPages(DIST);

test('html-validate finds no error on any built page', async () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  const problems: string[] = [];
  for (const url of pages) {
    const report = await validator.validateFile(fileOf(DIST, url));
    for (const r of report.results) for (const m of r.messages) problems.push(`${url}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
  expect(pages.length).toBeGreaterThan(10);
  expect(problems).toEqual([]);
}, 180_000);

test('every internal link, asset and anchor of every page leads somewhere', () => {
  const { pages: checked, links, broken } = checkLinks(DIST);
  expect(checked).toBe(pages.length);
  expect(links).toBeGreaterThan(pages.length * 10);
  expect(broken).toEqual([]);
});

test('dist/ ships no script or inline handler except the page script and the modules shipped on purpose', () => {
  expect(auditScripts(DIST)).toEqual([]);
});

/** A tiny site written to a temporary folder: the checks must catch what they look for. */
function tinySite(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-gate-'));
  for (const [path, html] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), html);
  }
  return dir;
}

test.each([
  ['a missing page', '<a href="/nowhere/">x</a>', '目标不存在'],
  ['a link without its trailing slash', '<a href="/b">x</a>', '缺少结尾的 /'],
  ['a missing anchor', '<a href="/b/#nope">x</a>', 'id="nope"'],
  ['a missing stylesheet', '<link rel="stylesheet" href="/_astro/x.css">', '目标不存在'],
])('the link check reports %s', (_name, html, reason) => {
  const dir = tinySite({ 'index.html': `<!doctype html><title>a</title>${html}`, 'b/index.html': '<!doctype html><title>b</title><p id="here">b</p>' });
  const { broken } = checkLinks(dir);
  expect(broken).toHaveLength(1);
  expect(broken[0].reason).toContain(reason);
});

test.each([
  ['an inline handler', '<button onclick="x()">x</button>', 'onclick'],
  ['a javascript: link', '<a href="javascript:alert(1)">x</a>', 'javascript:'],
  ['an unexpected inline script', '<script>alert(1)</script>', '未预期的脚本'],
  ['a module on a page that does not need one', '<script type="module">run()</script>', '未预期的脚本'],
  ['embedded data', '<script type="application/json">[]</script>', '嵌入的数据'],
  ['a page without a policy', '<p>x</p>', '没有 Content-Security-Policy'],
  ['a policy after a script', `<head><script>${PAGE_SCRIPT}</script><meta http-equiv="content-security-policy" content="${PAGE_CSP}"></head>`, '不在 <head> 中所有脚本之前'],
])('the script audit reports %s', (_name, html, what) => {
  const dir = tinySite({ 'index.html': `<!doctype html><title>a</title>${html}` });
  expect(auditScripts(dir).map((f) => f.what).join('\n')).toContain(what);
});

describe('charts: static SVG with a text alternative and the same numbers in a table', () => {
  const samples = new Map<string, string>();
  for (const url of pages) if (!samples.has(pageType(url))) samples.set(pageType(url), url);
  test.each(['home', 'region', 'department'])('%s page', (type) => {
    const $ = page(samples.get(type)!);
    const svg = $('figure.chart svg');
    expect(svg).toHaveLength(1);
    expect(svg.attr('role')).toBe('img');
    expect($(`#${svg.attr('aria-labelledby')}`).text()).toMatch(/\S{10}/);
    expect($('figure.chart script')).toHaveLength(0);
    // Every amount the bars show is in the table beside them.
    const tableText = $('figure.chart').nextAll('.table-wrap').text();
    const shown = svg.find('text.value').map((_, el) => $(el).text()).get().filter((v) => !v.includes('其余'));
    expect(shown.length).toBeGreaterThan(0);
    for (const v of shown) expect(tableText).toContain(v);
  });

  test('a project with a spending plan shows it as a line with every checkpoint', () => {
    const url = pages.find((u) => pageType(u) === 'project' && page(u)('table.plan').length > 0)!;
    const $ = page(url);
    const chart = $('figure.chart');
    expect(chart.find('path.plan-line').attr('d')).toMatch(/^M/);
    const checkpoints = $('table.plan thead th').map((_, el) => $(el).text()).get();
    for (const c of checkpoints) expect(chart.find('svg > title').text()).toContain(c);
  });
});

describe('department page', () => {
  const url = pages.find((u) => pageType(u) === 'department' && page(u)('details.section').length > 0)!;
  const $ = page(url);
  test('projects come first: the project table before the folded narrative, one tap away from the top', () => {
    const html = $.html();
    expect(html.indexOf('table class="projects')).toBeLessThan(html.indexOf('details class="section"'));
    expect($('.toc a[href="#projects"]')).toHaveLength(1);
  });
  test('shows the printed title and where it was published, not an internal file name', () => {
    expect($('.facts').text()).toContain('文件标题');
    expect($('.facts').text()).toContain('发布于');
    expect($.html()).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });
});

test('the narrative is cut at its headings, text before the first heading kept apart', () => {
  const { intro, sections } = splitSections('<p>前言</p><h2>一、总体</h2><p>甲</p><h2 id="x">二、分项</h2><p>乙乙</p>');
  expect(intro).toBe('<p>前言</p>');
  expect(sections.map((s) => [s.heading, s.html, s.length])).toEqual([['一、总体', '<p>甲</p>', 1], ['二、分项', '<p>乙乙</p>', 2]]);
});

test('indicator tables: one <tbody> per 一级 group, so rowgroup headers cover their group only', () => {
  const url = pages.find((u) => pageType(u) === 'project' && page(u)('table.indicators.levels').length > 0)!;
  const $ = page(url);
  const bodies = $('table.indicators tbody');
  expect(bodies.length).toBeGreaterThan(1);
  bodies.each((_, tb) => {
    const level1 = $(tb).find('th.level1');
    expect(level1).toHaveLength(1);
    expect(Number(level1.attr('rowspan'))).toBe($(tb).find('tr').length);
  });
});

test.each([
  ['build', {}, true],
  ['build', { GONGKAI_SITE: 'https://budget.example.gov.cn' }, false],
  ['build', { GONGKAI_SITE: ' ' }, true],
  ['dev', {}, false],
])('astro %s with %o warns about the missing public address: %s', (command, env, warns) => {
  expect(needsSiteWarning(command, env)).toBe(warns);
});
