/**
 * The import summary an editor reads. Every message is a Problem (src/problems.ts), the shape
 * the content check uses: the source file and line, what was wrong and the fix. Then one line
 * per fate, adding up to the non-blank lines, and the totals.
 */
import type { ImportResult } from './index.ts';
import { countIndicators } from '../schemas/project.ts';
import { formatProblem, PART, type Problem } from '../problems.ts';

/** Names of the fates as the summary prints them. */
export const FATE_NAMES = { field: '字段', narrative: '叙述', furniture: '页面杂项', placeholder: '空白占位', unplaced: '未能识别' } as const;

const lineOf = (text: string) => Number(/第 (\d+)/.exec(text)?.[1] ?? 1);

/** The report's messages as Problems: unplaced lines and stops are errors, notes are warnings. */
export function importProblems(file: string, result: ImportResult): Problem[] {
  const { report } = result;
  const problems: Problem[] = [];
  for (const u of report.unplaced) {
    problems.push({
      file, line: u.line, column: 1, path: PART.file, severity: 'error', code: 'import-unplaced',
      message: `未能识别「${u.text.length > 60 ? u.text.slice(0, 60) + '…' : u.text}」：${u.reason}`,
      hint: '核对原文这一行：是漏读的指标或金额就修正原文或补充词表后重新导入；确认是页码、印章等与内容无关的文字时加 --allow-unplaced',
    });
  }
  for (const e of report.errors) {
    const [message, fix] = e.split(/：请/);
    problems.push({ file, line: lineOf(e), column: 1, path: PART.file, severity: 'error', code: 'import-stop', message: fix ? message : e, hint: fix ? `请${fix}` : '按说明修正原文或命令行参数后重新导入' });
  }
  for (const n of report.notes) {
    problems.push({ file, line: lineOf(n), column: 1, path: PART.file, severity: 'warning', code: 'import-note', message: n.replace(/^第 \d+(–\d+)? 行[：:]?\s*/, ''), hint: '导入时做了这处处理，请对照原文核对' });
  }
  return problems.sort((a, b) => a.line - b.line);
}

export function formatImportReport(file: string, result: ImportResult): string {
  const { report, projects } = result;
  const rows = projects.reduce((n, p) => n + countIndicators(p.indicators), 0);
  const out: string[] = [`${file}（版式：${report.layout}）`];
  for (const p of importProblems(file, result)) out.push(formatProblem(p));
  const fates = (Object.keys(FATE_NAMES) as Array<keyof typeof FATE_NAMES>).map((f) => `${FATE_NAMES[f]} ${report.fates[f]}`).join('，');
  out.push(`非空行 ${report.lines} 行：${fates}`);
  out.push(`合计：${projects.length} 个项目，${rows} 行指标，${report.unplaced.length} 行未能识别`);
  return out.join('\n');
}
