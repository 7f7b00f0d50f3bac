import type { ImportResult } from './index.ts';
import { countIndicators } from '../schemas/project.ts';

/** Names of the fates as the summary prints them. */
export const FATE_NAMES = { field: '字段', narrative: '叙述', furniture: '页面杂项', placeholder: '空白占位', unplaced: '未能识别' } as const;

/** The import summary an editor reads: what was written, changed and not understood. */
export function formatImportReport(file: string, result: ImportResult): string {
  const { report, projects } = result;
  const rows = projects.reduce((n, p) => n + countIndicators(p.indicators), 0);
  const out: string[] = [`${file}（版式：${report.layout}）`];
  for (const note of report.notes) out.push(`  说明：${note}`);
  for (const u of report.unplaced) out.push(`  未能识别：第 ${u.line} 行「${u.text}」——${u.reason}`);
  for (const e of report.errors) out.push(`  错误：${e}`);
  const fates = (Object.keys(FATE_NAMES) as Array<keyof typeof FATE_NAMES>).map((f) => `${FATE_NAMES[f]} ${report.fates[f]}`).join('，');
  out.push(`非空行 ${report.lines} 行：${fates}`);
  out.push(`合计：${projects.length} 个项目，${rows} 行指标，${report.unplaced.length} 行未能识别`);
  return out.join('\n');
}
