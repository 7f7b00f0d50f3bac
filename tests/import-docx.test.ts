/** A .docx as bureaus send it, read through mammoth: merged cells land where the text exports put them. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { makeDocx } from './helpers/docx.ts';
import { readDocxRows } from '../src/importer/docx.ts';
import { importRows } from '../src/importer/index.ts';

test('a Word table with merged cells imports like the text export', async () => {
  const docx = await makeDocx([
    '2023年部门预算绩效目标',
    '1.老年大学经费绩效目标表',
    [['287001中国共产党玉田县委老干部局本级', '单位：元']],
    [
      ['项目编码', { text: '13022923P00JXC000009D', span: 3 }, '项目名称', { text: '老年大学经费', span: 2 }],
      [{ text: '预算规模及资金用途', merge: 'restart' }, '预算数', '30000.00', '其中：财政资金', '30000.00', '其他资金', ''],
      [{ text: '', merge: 'continue' }, { text: '开展老年教育，\n办好老年大学。', span: 6 }],
      ['资金支出计划（%）', '3月底', '6月底', '10月底', { text: '12月底', span: 3 }],
      ['', '25%', '50%', '75%', { text: '100%', span: 3 }],
      ['绩效目标', { text: '1.办好老年大学。\n2.丰富老干部生活。', span: 6 }],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', { text: '指标值确定依据', span: 2 }],
      [{ text: '产出指标', merge: 'restart' }, '数量指标', '开班数', '开设班级', '≥10 个', { text: '年初计划', span: 2 }],
      [{ text: '', merge: 'continue' }, '质量指标', '结业率', '学员结业比例', '≥90%', { text: '年初计划', span: 2 }],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '学员满意度', '≥95%', { text: '问卷调查', span: 2 }],
    ],
  ]);
  const result = importRows(await readDocxRows(docx), 'docx', { fileName: 'x.docx' });
  const file = join(mkdtempSync(join(tmpdir(), 'gongkai-docx-')), '老年大学.docx');
  writeFileSync(file, docx);
  const cli = spawnSync(process.execPath, ['scripts/import.ts', file, '--dry-run'], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stdout).toContain('（版式：docx）');
  expect(cli.stdout).toContain('合计：1 个项目，3 行指标，0 行未能识别');
  expect(result.report.errors).toEqual([]);
  expect(result.report.unplaced).toEqual([]);
  expect(result.projects).toHaveLength(1);
  const p = result.projects[0];
  expect(p).toMatchObject({
    id: '13022923P00JXC000009D',
    region: '130229',
    year: 2023,
    name: '老年大学经费',
    total: '30000.00',
    amountUnit: '元',
    purpose: '开展老年教育，\n办好老年大学。',
    goals: ['1.办好老年大学。', '2.丰富老干部生活。'],
  });
  expect(p.spendingPlan?.points.map((x) => x.value)).toEqual(['25', '50', '75', '100']);
  expect(p.indicators.rows.map((r) => ('level1' in r ? [r.level1, r.level2, r.value, r.basis] : []))).toEqual([
    ['产出指标', '数量指标', '≥10 个', '年初计划'],
    ['产出指标', '质量指标', '≥90%', '年初计划'],
    ['满意度指标', '服务对象满意度指标', '≥95%', '问卷调查'],
  ]);
});
