import { describe, expect, test } from 'vitest';
import { layoutLevelRows, sumTotals } from '../src/lib/site.ts';
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
