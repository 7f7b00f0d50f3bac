import { describe, expect, test } from 'vitest';
import { buildSiteModel, layoutLevelRows, sumTotals, YEAR_LIST_LIMIT, yearPages } from '../src/lib/site.ts';
import { loadDepartments, loadProjects, loadRegions } from './helpers/content.ts';
import { classifyIndicator, level2Names } from '../src/lib/taxonomy.ts';
import type { LevelIndicator } from '../src/schemas/project.ts';

const row = (level1: string, level2: string): LevelIndicator => ({ level1, level2, level3: 'x', description: '', value: '', basis: '' });

describe('layoutLevelRows: 一级 and 二级 cells span their rows like the original', () => {
  test('merged cells', () => {
    const spans = layoutLevelRows([
      row('产出指标', '数量指标'),
      row('产出指标', '数量指标'),
      row('产出指标', '质量指标'),
      row('效益指标', '社会效益指标'),
      row('满意度指标', '服务对象满意度指标'),
    ]).map((r) => [r.level1Span, r.level2Span]);
    expect(spans).toEqual([
      [3, 2],
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 1],
    ]);
  });
});

describe('sumTotals: documents in 元 and 万元 are converted, never summed raw', () => {
  test.each([
    [[{ fen: 5_000_000n, unit: '元' }, { fen: 5_000_000n, unit: '万元' }], { fen: 10_000_000n, unit: '元' }],
    [[{ fen: 5_000_000n, unit: '万元' }, { fen: 1_000_000n, unit: '万元' }], { fen: 6_000_000n, unit: '万元' }],
  ] as const)('%#', (parts, total) => {
    expect(sumTotals([...parts])).toEqual(total);
  });
});

describe('classifyIndicator', () => {
  test.each([
    ['产出指标', '成本指标', { level1: '产出指标', level2: '成本指标', aliases: [] }],
    ['效果指标', '社会效益指标', { level1: '效益指标', level2: '社会效益指标', aliases: ['效果指标 → 效益指标'] }],
    ['效益指标', '数量指标', { level1: '效益指标', level2: null, aliases: [] }],
    ['产出效果', '数量指标', { level1: null, level2: null, aliases: [] }],
  ])('%s / %s', (l1, l2, expected) => {
    expect(classifyIndicator(l1, l2)).toEqual(expected);
  });

  // A printed label is text, never a property of Object: `constructor` must not reach Object's prototype.
  test.each([
    ['产出指标', ['数量指标', '质量指标', '时效指标', '成本指标']],
    ['constructor', []],
    ['toString', []],
    ['效果指标', []],
  ])('level2Names(%s)', (l1, expected) => {
    expect(level2Names(l1)).toEqual(expected);
  });
});

describe("yearPages: a year's page lists its documents only while they are few", () => {
  const model = buildSiteModel(loadRegions(), loadDepartments(), loadProjects());
  const most = Math.max(...model.years.map((y) => model.departments.filter((d) => d.data.year === y).length));

  test.each([
    ['the limit of the site', YEAR_LIST_LIMIT],
    ['a limit each year reaches exactly', most],
    ['a limit below the largest year', most - 1],
    ['a limit of none', 0],
  ])('%s', (_, limit) => {
    const pages = yearPages(model, limit);
    expect(pages.map((p) => p.year)).toEqual(model.years);
    for (const { year, summaries, departments, departmentCount } of pages) {
      const own = model.departments.filter((d) => d.data.year === year);
      expect(departmentCount).toBe(own.length);
      // Listed whole or not at all, never cut short.
      expect(departments).toEqual(own.length <= limit ? own : null);
      // The year's regions with their totals, whether or not its documents are listed.
      expect(summaries).toEqual(model.summaries.filter((s) => s.year === year));
      expect(summaries.reduce((n, s) => n + s.departments, 0)).toBe(own.length);
      expect(summaries.reduce((fen, s) => fen + s.total.fen, 0n)).toBe(own.reduce((fen, d) => fen + d.totalFen, 0n));
    }
  });
});
