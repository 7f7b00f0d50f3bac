/**
 * Quality notes: things printed in a source document that are published as they are (they
 * are the public record) but deserve a second look. The editors' check prints them as
 * warnings; the /quality/ page lists them for readers.
 */
import type { Project } from '../schemas/project.ts';
import { parseIndicatorValue } from './indicatorValue.ts';
import { classifyIndicator, TAXONOMY } from './taxonomy.ts';
import { isPlaceholderRow } from '../schemas/project.ts';

export interface QualityNote {
  /** Field path inside the project, e.g. ['indicators', 'rows', 3, 'value']. */
  path: Array<string | number>;
  /** 1-based indicator row, when the note is about one. */
  row?: number;
  message: string;
  hint: string;
  /** Short machine name of the rule, as in Problem.code. */
  code: string;
}

export function projectQualityNotes(p: Project): QualityNote[] {
  const out: QualityNote[] = [];
  if (p.indicators.form !== 'levels') return out;
  p.indicators.rows.forEach((row, i) => {
    const path = ['indicators', 'rows', i];
    const t = classifyIndicator(row.level1, row.level2, row);
    if (!t.level1) {
      out.push({ path: [...path, 'level1'], row: i + 1, code: 'level1-outside-taxonomy', message: `一级指标“${row.level1}”不在国家指标体系中`, hint: `按原文保留；在 level1Standard 写上对应的国家分类（${Object.keys(TAXONOMY).join('、')}）` });
    } else if (!t.level2) {
      out.push({ path: [...path, 'level2'], row: i + 1, code: 'level2-outside-taxonomy', message: `二级指标“${row.level2}”不属于一级指标“${t.level1}”`, hint: `按原文保留；在 level2Standard 写上对应的国家分类（${TAXONOMY[t.level1].join('、')}）` });
    } else if (t.aliases.length) {
      out.push({ path: [...path, 'level1'], row: i + 1, code: 'indicator-alias', message: `指标名称用了非标准写法：${t.aliases.join('，')}`, hint: '按原文保留；统计时按标准名称归类' });
    }
    if (isPlaceholderRow(row)) return;
    const read = parseIndicatorValue(row.value);
    if (read.number === undefined) {
      out.push({ path: [...path, 'value'], row: i + 1, code: 'value-without-number', message: `指标值“${row.value}”没有可衡量的数字`, hint: '按原文保留；建议单位今后给出可衡量的目标值' });
    } else if (read.operator && read.remark) {
      out.push({ path: [...path, 'value'], row: i + 1, code: 'value-unit-unclear', message: `指标值“${row.value}”在数字后接着文字，单位无法确定`, hint: '按原文保留；建议写成“≥100 次”这样的数字加单位' });
    }
  });
  return out;
}
