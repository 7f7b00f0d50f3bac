/**
 * Across years, on a fixture site with two years of one unit (and a second unit with a
 * project of the same name, which must not be linked): the pure functions, then the built
 * pages.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { buildSite } from './helpers/buildSite.ts';
import { loadDepartments, loadProjects } from './helpers/content.ts';
import { buildCrossYear, comparableName, nameSimilarity, NAME_SIMILARITY_THRESHOLD, percentChange } from '../src/lib/crossYear.ts';
import { buildSiteModel, formatTotal } from '../src/lib/site.ts';
import { formatMoney } from '../src/lib/money.ts';
import { regionSchema } from '../src/schemas/region.ts';

const CONTENT = 'tests/fixtures/cross-year/content';
const OUT = '.cache/site-cross-year';

const model = buildSiteModel(
  [regionSchema.parse({ code: '130229', province: '河北省', city: '唐山市', county: '玉田县' })],
  loadDepartments(CONTENT),
  loadProjects(CONTENT),
);
const cross = buildCrossYear(model);
const project = (id: string) => model.projects.find((p) => p.data.id === id)!;
const dept = (year: number, code: string) => model.departments.find((d) => d.data.year === year && d.data.unitCode === code)!;

describe('the similarity rule', () => {
  test.each([
    ['2023年关心下一代工作经费', '2024年关心下一代工作经费', 1],
    ['2022 年度关工委和老促会工作经费县级资金', '关工委和老促会工作经费县级资金', 1],
    ['老年大学、关心下一代经费', '老年大学关心下一代经费', 1],
  ])('%s ≈ %s', (a, b, expected) => {
    expect(nameSimilarity(comparableName(a), comparableName(b))).toBe(expected);
  });

  test.each([
    ['老干部活动中心维修', '老干部活动中心维护', true],
    ['老年大学经费', '党建工作经费', false],
    ['干部培训', '党员教育', false],
  ])('%s vs %s: same project %s', (a, b, same) => {
    expect(nameSimilarity(comparableName(a), comparableName(b)) >= NAME_SIMILARITY_THRESHOLD).toBe(same);
  });

  test.each([
    [1000n, 5000n, '+20.0%'],
    [-2500n, 10000n, '-25.0%'],
    [0n, 10000n, '0.0%'],
    [100n, 0n, null],
  ])('change %s on %s is %s', (change, base, expected) => {
    expect(percentChange(change, base)).toBe(expected);
  });
});

describe('links computed for the fixture', () => {
  test('a department links to the same unit in the other year, not to another unit', () => {
    expect(cross.documents.get(dept(2024, '287001').url)!.map((d) => d.url)).toEqual([dept(2023, '287001').url]);
    expect(cross.documents.get(dept(2023, '287001').url)!.map((d) => d.url)).toEqual([dept(2024, '287001').url]);
    expect(cross.documents.get(dept(2024, '287002').url)).toEqual([]);
  });

  test('projects match by equal, year-stripped and nearly equal names, with the exact change', () => {
    const m = (id: string) => cross.projects.get(project(id).url)!.map((x) => [x.project.data.id, x.changeFen, x.changePercent, x.similarity === 1]);
    expect(m('13022924P00JXC000001A')).toEqual([['13022923P00JXC000001A', 1000000n, '+20.0%', true]]);
    expect(m('13022924P00JXC000002A')).toEqual([['13022923P00JXC000002A', -500000n, '-25.0%', true]]);
    expect(m('13022924P00JXC000003A')).toEqual([['13022923P00JXC000003A', 0n, '0.0%', false]]);
    expect(m('13022924P00JXC000004A')).toEqual([]);
    expect(m('13022924P00JXC000009A')).toEqual([]);
    expect(m('13022923P00JXC000001A')).toEqual([['13022924P00JXC000001A', -1000000n, '-16.7%', true]]);
  });
});

describe('the built fixture site shows the links', () => {
  const load = (url: string) => cheerio.load(readFileSync(join(OUT, url, 'index.html'), 'utf8'));
  beforeAll(() => {
    buildSite({ GONGKAI_CONTENT: CONTENT, GONGKAI_OUT: OUT }, { check: false });
  });

  test('the 2024 department page links to its 2023 document', () => {
    const $ = load(dept(2024, '287001').url);
    const links = $('section.other-years a').map((_, el) => $(el).attr('href')).get();
    expect(links).toEqual([dept(2023, '287001').url]);
    expect($('section.other-years').text()).toContain(formatTotal({ fen: dept(2023, '287001').totalFen, unit: '元' }));
    expect(load(dept(2024, '287002').url)('section.other-years')).toHaveLength(0);
  });

  test('a project page lists the same project in the other year with the change in amount', () => {
    const p = project('13022924P00JXC000001A');
    const $ = load(p.url);
    const row = $('table.project-years tbody tr');
    expect(row).toHaveLength(1);
    expect(row.find('a').attr('href')).toBe(project('13022923P00JXC000001A').url);
    expect(row.find('td.change').text()).toBe(`+${formatMoney(1000000n, '元')}（+20.0%）`);
    expect(load(project('13022924P00JXC000003A').url)('table.project-years').text()).toContain('名称相近');
    expect(load(project('13022924P00JXC000004A').url)('table.project-years')).toHaveLength(0);
  });
});
