/**
 * The built seed site, read through its HTML the way a citizen reads it: every project has
 * its page with its name, amount and every indicator row; department totals add up.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { page } from './helpers/site.ts';
import { loadDepartments, loadProjects, loadRegions } from './helpers/content.ts';
import { formatMoney, toFen } from '../src/lib/money.ts';
import { projectUrl, departmentUrl, yearUrl } from '../src/lib/site.ts';
import { departmentKey } from '../src/schemas/department.ts';
import { countIndicators } from '../src/schemas/project.ts';

const projects = loadProjects();
const departments = loadDepartments();
/** Indicator rows in content/ (placeholder rows are shown but are not indicators). */
const indicatorRows = projects.reduce((n, p) => n + countIndicators(p.indicators), 0);

// Counts come from content/, never pinned: an editor adding a document must not break CI.
test('every department and project in content/ is published with every indicator row', () => {
  expect(departments.length).toBeGreaterThan(0);
  for (const d of departments) expect(existsSync(`dist${departmentUrl(d)}index.html`), departmentUrl(d)).toBe(true);
  const rows = projects.map((p) => page(projectUrl(p))('tr.indicator-row').length);
  expect(rows.reduce((a, b) => a + b, 0)).toBe(projects.reduce((n, p) => n + p.indicators.rows.length, 0));
});

describe.each(projects.map((p) => [p.name, p] as const))('project page %s', (_name, p) => {
  const $ = page(projectUrl(p));
  test('shows name, code, total with its unit and every indicator row', () => {
    expect($('html').attr('lang')).toBe('zh-CN');
    expect($('h1').text()).toBe(p.name);
    if (p.code) expect($('.facts').text()).toContain(p.code);
    expect($('.facts .amount').text()).toBe(formatMoney(toFen(p.total, p.amountUnit)!, p.amountUnit));
    expect($('tr.indicator-row')).toHaveLength(p.indicators.rows.length);
    const printed = $('tr.indicator-row .printed-value').map((_, el) => $(el).text()).get();
    expect(printed).toEqual(p.indicators.rows.map((r) => r.value));
    expect($(`a[href="${departmentUrl({ region: p.region, year: p.year, unitCode: p.department })}"]`).length).toBeGreaterThan(0);
  });
});

describe('sample indicator rows show the exact 指标值 text and the original layout', () => {
  test.each([
    ['/130229/2023/287001/13022923P00JXC415588T/', '开展课程次数', '≥100老年大学全年开展课程次数'],
    ['/130123/2022/287001/13012322P00258110505Y/', '为老干部安度晚年提供关心关爱', '为老干部安度晚年提供关心关爱'],
    ['/130123/2022/287001/13012322P00258110509D/', '引导老干部发挥正能量，丰富老年人晚年生活', '≥80%'],
    ['/130229/2025/204001/13022925P00016210001K/', '驻村工作村数保障', '2每个村8万元'],
    ['/130304/2020/287002/287-0601-JBN-3DQQ/', '扶助资金到位率', '≥100落实帮扶资金的比例'],
    ['/500115/2024/qwlgj/500115-2024-qwlgj-01/', '组织老干部参观考察次数', '2'],
  ])('%s: %s → %s', (url, level3, value) => {
    const $ = page(url);
    const row = $('tr.indicator-row').filter((_, el) => $(el).find('th[scope=row]').text() === level3);
    expect(row).toHaveLength(1);
    expect(row.find('.printed-value').text()).toBe(value);
  });

  test('一级 cells span their rows as in the original table', () => {
    const $ = page('/130229/2023/287001/13022923P00JXC415588T/');
    const spans = $('th[scope=rowgroup]').filter((_, el) => $(el).text().endsWith('指标') && ['产出指标', '效益指标', '满意度指标'].includes($(el).text()));
    expect(spans.map((_, el) => `${$(el).text()}:${$(el).attr('rowspan')}`).get()).toEqual(['产出指标:4', '效益指标:4', '满意度指标:1']);
  });
});

describe.each(departments.map((d) => [d.unitName, d] as const))('department page %s', (_name, d) => {
  const url = departmentUrl(d);
  const $ = page(url);
  test('lists its projects and its total equals the sum of its projects', () => {
    const own = projects.filter((p) => p.region === d.region && p.year === d.year && p.department === departmentKey(d));
    expect($('table.projects tbody tr')).toHaveLength(own.length);
    const cells = $('table.projects tbody td.num[data-sort-value]').filter((_, el) => $(el).text().includes(d.amountUnit));
    const sum = cells.map((_, el) => BigInt($(el).attr('data-sort-value')!)).get().reduce((a: bigint, b: bigint) => a + b, 0n);
    const expected = own.reduce((s, p) => s + toFen(p.total, p.amountUnit)!, 0n);
    expect(sum).toBe(expected);
    expect($('table.projects tfoot td.total').text()).toBe(formatMoney(expected, d.amountUnit));
  });
});

describe.each([...new Set(departments.map((d) => d.year))].map((y) => [y]))('year page %i', (year) => {
  const $ = page(yearUrl(year));
  const own = departments.filter((d) => d.year === year);
  const regions = [...new Set(own.map((d) => d.region))];

  test("shows each of the year's regions with its documents, projects and budget total", () => {
    const rows = $('table').first().find('tbody tr');
    expect(rows).toHaveLength(regions.length);
    for (const region of regions) {
      const row = rows.filter((_, el) => $(el).find(`th a[href="/regions/${region}/"]`).length === 1);
      const inRegion = projects.filter((p) => p.year === year && p.region === region);
      expect(row.find('td[data-label="部门文件"]').text()).toBe(String(own.filter((d) => d.region === region).length));
      expect(row.find('td[data-label="项目"]').text()).toBe(String(inRegion.length));
      expect(row.find('td[data-label="预算合计"]').attr('data-sort-value')).toBe(String(inRegion.reduce((s, p) => s + toFen(p.total, p.amountUnit)!, 0n)));
    }
  });

  test('lists every department document of the year (a small year is listed whole)', () => {
    const links = $('table').last().find('tbody th a').map((_, el) => $(el).attr('href')).get();
    expect(links.sort()).toEqual(own.map((d) => departmentUrl(d)).sort());
  });
});

test('department sections are published as printed, repeats collapsed', () => {
  const $ = page('/130229/2023/287001/');
  expect($('.narrative details.section summary h3').map((_, el) => $(el).text()).get()).toEqual(['一、总体绩效目标', '二、分项绩效目标', '三、工作保障措施']);
  expect($('.narrative').text()).toContain('着重努力提高老干部工作队伍的服务意识和服务水平');
  // The export printed 二 and 三 twice; the page has them once.
  expect($('.narrative').text().split('4.着重努力提高老干部工作队伍的服务意识和服务水平').length).toBe(2);
  // SmartyPants is off: the document's -- stays as printed.
  expect(page('/130123/2022/287001/')('.narrative').text()).toContain('高高飘扬--以实际行动');
});

test('home page totals convert 万元 documents to 元 exactly', () => {
  const $ = page('/');
  const total = projects.reduce((s, p) => s + toFen(p.total, p.amountUnit)!, 0n);
  expect($('.stats').text()).toContain(formatMoney(total, '元'));
  expect($('table tbody tr')).toHaveLength(5);
});

test('sitemap, 404 page and stable URLs exist', () => {
  expect(existsSync('dist/404.html')).toBe(true);
  const sitemap = readFileSync('dist/sitemap.xml', 'utf8');
  expect(sitemap).toContain('<loc>http://localhost:4321/130229/2023/287001/13022923P00JXC415588T/</loc>');
  expect(sitemap).toContain('<loc>http://localhost:4321/500115/2024/qwlgj/</loc>');
  // Home, 2 browse pages, search, data, quality, then one URL per region, year, department and project.
  const years = new Set(departments.map((d) => d.year)).size;
  expect(sitemap.match(/<loc>/g)!.length).toBe(1 + 2 + 1 + 1 + 1 + loadRegions().length + years + departments.length + projects.length);
});

describe('open data carries the same facts', () => {
  test('projects.csv has every project with its printed total and the exact 元 conversion', async () => {
    const { parse } = await import('csv-parse/sync');
    const rows = parse(readFileSync('dist/data/projects.csv', 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(projects.length);
    expect(rows.find((r) => r.name === '老干部活动费、健康体检及健康疗养费等')).toMatchObject({ total_printed: '226.3', amount_unit: '万元', total_yuan: '2263000.00' });
    expect(rows.find((r) => r.id === '13012322P00258110508R')).toMatchObject({ code_printed: '13012322P00258110508 R', plan_mar: '1.50', plan_dec: '5.00' });
  });

  test('indicators.csv has every indicator row, each printed value beside its parse', async () => {
    const { parse } = await import('csv-parse/sync');
    const rows = parse(readFileSync('dist/data/indicators.csv', 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(indicatorRows);
    expect(rows.find((r) => r.value_printed === '≥100老年大学全年开展课程次数')).toMatchObject({ operator: '≥', number: '100', unit: '' });
    expect(rows.filter((r) => r.value_printed === '2每个村8万元').map((r) => r.number)).toEqual(['']);
  });
});
