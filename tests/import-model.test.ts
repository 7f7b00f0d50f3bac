/**
 * The indicator-table content model: printed columns, labels outside the national taxonomy
 * (published as printed, mapped beside, warned about) and empty placeholder rows.
 */
import { describe, expect, test } from 'vitest';
import { countIndicators, projectSchema, type Project } from '../src/schemas/project.ts';
import { projectQualityNotes } from '../src/lib/quality.ts';

const base = {
  id: 'p1', name: '项目', department: 'x', region: '110101', year: 2023, amountUnit: '万元', total: '12.00',
  fundingSources: [], goals: [],
};

const levels = (rows: object[], columns?: object[]) => ({ ...base, indicators: { form: 'levels', ...(columns ? { columns } : {}), rows } });

describe('indicator tables keep the columns that were printed', () => {
  test('a 一级/二级/三级/指标值/权重/备注 table validates with exactly those columns', () => {
    const columns = [
      { key: 'level1', header: '一级指标' }, { key: 'level2', header: '二级指标' }, { key: 'level3', header: '三级指标' },
      { key: 'value', header: '指标值' }, { key: 'weight', header: '权重' }, { key: 'remark', header: '备注' },
    ];
    const r = projectSchema.safeParse(levels([{ level1: '产出指标', level2: '数量指标', level3: '培训人数', value: '≥100人', weight: '20', remark: '' }], columns));
    expect(r.success).toBe(true);
    expect((r.data as Project).indicators).toMatchObject({ columns });
  });
  test('a column key outside the vocabulary is an error naming the allowed keys', () => {
    const r = projectSchema.safeParse(levels([{ level1: '产出指标', level2: '数量指标', level3: 'a', value: '1' }], [{ key: 'colour', header: '颜色' }]));
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['indicators', 'columns', 0, 'key']);
  });
});

describe('labels outside the national taxonomy are published as printed and warned about', () => {
  test.each([
    ['项目完成指标', '数量指标', undefined, '产出指标 → '],
    ['满意度指标', '满意度指标', undefined, '满意度指标 → 服务对象满意度指标'],
    ['效益指标', '社会公众或服务对象满意度指标', undefined, '不属于一级指标'],
    ['自定义指标', '数量指标', '产出指标', '自定义指标 → 产出指标'],
    ['自定义指标', '数量指标', undefined, '不在国家指标体系中'],
  ])('%s / %s', (level1, level2, level1Standard, message) => {
    const row = { level1, level2, ...(level1Standard ? { level1Standard } : {}), level3: '培训人数', value: '≥100人' };
    const r = projectSchema.safeParse(levels([row]));
    expect(r.success).toBe(true);
    const notes = projectQualityNotes(r.data as Project).map((n) => n.message).join('\n');
    expect(notes).toContain(message.replace(/ → $/, ''));
  });
});

test('a 二级 with no 三级 and no value is a placeholder: kept, never counted', () => {
  const r = projectSchema.safeParse(levels([
    { level1: '产出指标', level2: '数量指标', level3: '培训人数', value: '≥100人' },
    { level1: '产出指标', level2: '时效指标', level3: '', value: '' },
  ]));
  expect(r.success).toBe(true);
  const p = r.data as Project;
  expect(p.indicators.rows).toHaveLength(2);
  expect(countIndicators(p.indicators)).toBe(1);
  expect(projectQualityNotes(p).some((n) => n.row === 2 && n.message.includes('没有可衡量'))).toBe(false);
});

test('funding sources keep the label the table printed', () => {
  const r = projectSchema.safeParse({
    ...levels([{ level1: '产出指标', level2: '数量指标', level3: 'a', value: '1' }]),
    fundingSources: [{ source: '一般公共预算', amount: '10.00' }, { source: '政府性基金', amount: '2.00' }],
  });
  expect(r.success).toBe(true);
  const bad = projectSchema.safeParse({
    ...levels([{ level1: '产出指标', level2: '数量指标', level3: 'a', value: '1' }]),
    fundingSources: [{ source: '一般公共预算', amount: '10.00' }],
  });
  expect(bad.success).toBe(false);
});
