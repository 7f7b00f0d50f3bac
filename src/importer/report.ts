import type { ImportResult } from './index.ts';

/** The import summary an editor reads: what was written, changed and not understood. */
export function formatImportReport(file: string, result: ImportResult): string {
  const { report, projects } = result;
  const rows = projects.reduce((n, p) => n + p.indicators.rows.length, 0);
  const out: string[] = [`${file}（版式：${report.layout}）`];
  for (const note of report.notes) out.push(`  说明：${note}`);
  for (const u of report.unplaced) out.push(`  未能识别：第 ${u.line} 行「${u.text}」——${u.reason}`);
  for (const e of report.errors) out.push(`  错误：${e}`);
  out.push(`合计：${projects.length} 个项目，${rows} 行指标，${report.unplaced.length} 行未能识别`);
  return out.join('\n');
}
