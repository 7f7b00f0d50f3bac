/**
 * Layouts the seeds do not use, written for these tests from the patterns bureaus produce:
 * each must give the expected projects, amounts and indicator rows, and report what it
 * could not place instead of dropping it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importDocument, type ImportOptions } from '../src/importer/index.ts';

interface Expected {
  id: string;
  total: string;
  unit: '元' | '万元';
  funding: Array<string | null>;
  plan?: Array<string | null>;
  values: string[];
}

function run(name: string, file = 'input.txt', options: Partial<ImportOptions> = {}) {
  const text = readFileSync(`tests/fixtures/import/${name}/${file}`, 'utf8');
  return importDocument(text, { fileName: file, ...options });
}

function summary(result: ReturnType<typeof run>): Expected[] {
  return result.projects.map((p) => ({
    id: p.id,
    total: p.total,
    unit: p.amountUnit,
    funding: p.fundingSources.map((f) => f.amount),
    ...(p.spendingPlan ? { plan: p.spendingPlan.points.map((x) => x.value) } : {}),
    values: p.indicators.rows.map((r) => ('level1' in r ? `${r.level1}/${r.level2}/${r.level3}=${r.value}` : r.value)),
  }));
}

describe('unseen layouts', () => {
  test.each([
    ['markdown-pipe', 'input.md', {}, [
      { id: '13022923P00JXC000001A', total: '30000.00', unit: '元', funding: ['30000.00', null], plan: ['25', '50', '75', '100'],
        values: ['产出指标/数量指标/开班数=≥10 个', '产出指标/质量指标/结业率=≥90%', '满意度指标/服务对象满意度指标/学员满意度=≥95%'] },
    ]],
    ['bar-cells', 'input.txt', {}, [
      { id: '13022925P00000000001X', total: '50000.00', unit: '元', funding: ['40000.00', '10000.00'], plan: [null, '50', null, '100'],
        values: ['产出指标/数量指标/培训人次=≥500 人', '产出指标/时效指标/完成时间=100%', '满意度指标/服务对象满意度指标/党员满意度=≥90%'] },
    ]],
    ['spaced-rows', 'input.txt', { region: '130304', year: 2020 }, [
      { id: '287-0601-JBN-TEST', total: '5.00', unit: '万元', funding: ['5.00', null], plan: ['10.00', '40.00', '70.00', '100.00'],
        values: ['产出指标/时效指标/资金到位率=≥100%', '满意度指标/服务对象满意度指标/青少年满意度=≥90%'] },
    ]],
    ['split-value', 'input.txt', {}, [
      { id: '13012322P00258119999Z', total: '3.00', unit: '万元', funding: ['3.00', null], plan: ['25', '50', '75', '100'],
        values: ['产出指标/数量指标/慰问人数=≥30人', '满意度指标/服务对象满意度指标/满意度=≥95%'] },
    ]],
    ['free-text-budget', 'input.txt', { region: '130304', year: 2020 }, [
      { id: '287-0402-JBN-FREE', total: '12.5', unit: '万元', funding: ['10', '2.5'], values: ['产出指标/数量指标/活动次数=≥6 次'] },
    ]],
    ['wrapped-labels', 'input.txt', {}, [
      { id: '13012322P00258110599K', total: '5.00', unit: '万元', funding: ['5.00', null], plan: ['1.00', '2.50', '4.00', '5.00'],
        values: ['产出指标/数量指标/老年教育普及率=≥90%', '满意度指标/服务对象满意度指标/服务对象满意度=≥95%'] },
    ]],
    ['missing-level1', 'input.txt', {}, [
      { id: '13022923P00JXC000002B', total: '20000.00', unit: '元', funding: ['20000.00', null], plan: ['25', '50', '75', '100'],
        values: ['产出指标/数量指标/开展课程次数=≥100 次', '产出指标/质量指标/课程质量=≥2 次', '产出指标/成本指标/人均成本=≤800 元', '满意度指标/服务对象满意度指标/学员满意度=≥90%'] },
    ]],
  ] as const)('%s', (name, file, options, expected) => {
    const result = run(name, file, options);
    expect(result.report.errors).toEqual([]);
    expect(result.report.unplaced).toEqual([]);
    expect(summary(result)).toEqual(expected);
  });

  test('split 指标值 columns keep the parse beside the joined value', () => {
    const row = run('split-value').projects[0].indicators.rows[0];
    expect(row).toMatchObject({ value: '≥30人', parsed: { operator: '≥', number: '30', unit: '人' } });
  });

  test('wrapped PDF cells lose their wrap spaces, labels split over two cells are joined', () => {
    const p = run('wrapped-labels').projects[0];
    expect(p.name).toBe('2022 年度老年大学工作经费');
    expect(p.codePrinted).toBe('13012322P00258110599 K');
    expect(p.indicators.rows[0]).toMatchObject({ description: '已接受老年教育的老干部比例', basis: '历史标准' });
  });
});

test('garbage lines are reported with their line numbers, and the real rows are kept', () => {
  const result = run('garbage-lines');
  expect(result.report.unplaced.map((u) => `${u.line}: ${u.text}`)).toEqual([
    '5: 第 3 页 共 10 页',
    '23: ※※※ 扫描件 ※※※',
    '42: 盖章处',
    '51: lorem ipsum 乱码 ###',
  ]);
  expect(summary(result)[0].values).toEqual(['产出指标/数量指标/开展课程次数=≥100 次', '满意度指标/服务对象满意度指标/学员满意度=≥90%']);
});
