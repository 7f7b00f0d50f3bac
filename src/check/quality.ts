/**
 * Warnings for the quality report: things printed in the source that are kept as the
 * public record but deserve a second look. They never block a build.
 */
import type { Project } from '../schemas/project.ts';
import { parseIndicatorValue } from '../lib/indicatorValue.ts';
import { classifyIndicator } from '../lib/taxonomy.ts';
import type { Position } from './strictYaml.ts';
import { formatPath } from './strictYaml.ts';
import type { Problem } from './index.ts';

export function qualityWarnings(file: string, p: Project, positionOf: (path: PropertyKey[]) => Position): Problem[] {
  const out: Problem[] = [];
  const warn = (path: PropertyKey[], message: string, hint: string) =>
    out.push({ file, ...positionOf(path), path: formatPath(path), message, hint, severity: 'warning' });
  if (p.indicators.form === 'levels') {
    p.indicators.rows.forEach((row, i) => {
      const path = ['indicators', 'rows', i];
      const t = classifyIndicator(row.level1, row.level2);
      if (t.aliases.length) warn([...path, 'level1'], `指标名称用了非标准写法：${t.aliases.join('，')}`, '按原文保留；统计时按标准名称归类');
      const read = parseIndicatorValue(row.value);
      if (read.number === undefined) warn([...path, 'value'], `指标值“${row.value}”没有可衡量的数字`, '按原文保留；建议单位今后给出可衡量的目标值');
      else if (read.operator && read.remark) warn([...path, 'value'], `指标值“${row.value}”在数字后接着文字，单位无法确定`, '按原文保留；建议写成“≥100 次”这样的数字加单位');
    });
  }
  return out;
}
