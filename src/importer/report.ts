/**
 * The import summary an editor reads. Every message is a Problem (src/problems.ts), the shape
 * the content check uses: the source file and line, what was wrong and the fix. Then one line
 * per fate, adding up to the non-blank lines, and the totals.
 */
import type { ImportReport, ImportResult } from './index.ts';
import { placeText } from './places.ts';
import { countIndicators } from '../schemas/project.ts';
import { formatProblem, PART, type Problem } from '../problems.ts';

/** Names of the fates as the summary prints them. */
export const FATE_NAMES = { field: '字段', narrative: '叙述', furniture: '页面杂项', placeholder: '空白占位', unplaced: '未能识别' } as const;

/** Readers cite source lines as `第 7 行` or `第 7–9 行`. */
const LINE_REF = /第 (\d+)(?:–(\d+))? 行/g;

/** The first line a message cites, if any. */
function lineOf(text: string): number | undefined {
  const m = new RegExp(LINE_REF.source).exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * How messages cite the source. A text file's lines are cited as they are (`file:7:1`, 第 7 行);
 * a .pdf, .xlsx, .docx or JSON grid's rows by where they were printed (`file 绩效目标!C12`), in the
 * position and in the message text, so that no message sends an editor to a row count they
 * cannot see.
 */
function citation(report: ImportReport) {
  const places = report.places;
  const where = (line: number, column?: number, message?: string) => {
    const p = places?.get(line);
    return p ? placeText(p, column, message) : `第 ${line} 行`;
  };
  return {
    /** `message` names the cell where it quotes one (读不出金额“…”) and no column is known. */
    position(line: number | undefined, column?: number, message?: string): Pick<Problem, 'line' | 'column' | 'place'> {
      if (!places) return { line: line ?? 1, column: 1 };
      return { line: line ?? 0, column: (column ?? 0) + 1, place: line === undefined ? '' : where(line, column, message) };
    },
    text(message: string): string {
      if (!places) return message;
      return message.replace(LINE_REF, (ref: string, a: string, b: string | undefined, at: number) => {
        const text = b ? `${where(Number(a), undefined, message)} 至 ${where(Number(b), undefined, message)}` : where(Number(a), undefined, message);
        // `表1!A7 起的项目`: a cell reference needs a space before the words that follow it.
        return /[A-Za-z0-9]$/.test(text) && /^[\p{L}\p{N}]/u.test(message.slice(at + ref.length)) ? `${text} ` : text;
      });
    },
  };
}

/** The report's messages as Problems: unplaced lines and stops are errors, notes are warnings. */
export function importProblems(file: string, report: ImportReport): Problem[] {
  const cite = citation(report);
  const problems: Problem[] = [];
  for (const u of report.unplaced) {
    problems.push({
      file, ...cite.position(u.line, u.column), path: PART.file, severity: 'error', code: 'import-unplaced',
      message: `未能识别「${u.text.length > 60 ? u.text.slice(0, 60) + '…' : u.text}」：${cite.text(u.reason)}`,
      hint: '核对原文这一行：是漏读的指标或金额就修正原文或补充词表后重新导入；确认是页码、印章等与内容无关的文字时加 --allow-unplaced',
    });
  }
  for (const e of report.errors) {
    const [message, fix] = e.split(/：请/);
    problems.push({ file, ...cite.position(lineOf(e), undefined, e), path: PART.file, severity: 'error', code: 'import-stop', message: cite.text(fix ? message : e), hint: fix ? `请${fix}` : '按说明修正原文或命令行参数后重新导入' });
  }
  for (const n of report.notes) {
    // The position names the note's first line; the message says the rest.
    problems.push({ file, ...cite.position(lineOf(n), undefined, n), path: PART.file, severity: 'warning', code: 'import-note', message: cite.text(n.replace(/^第 \d+(–\d+)? 行[：:]\s*/, '')), hint: '导入时做了这处处理，请对照原文核对' });
  }
  return problems.sort((a, b) => a.line - b.line);
}

export function formatImportReport(file: string, result: ImportResult): string {
  const { report, projects } = result;
  const rows = projects.reduce((n, p) => n + countIndicators(p.indicators), 0);
  const out: string[] = [`${file}（版式：${report.layout}${report.encoding ? `，编码：${report.encoding}` : ''}）`];
  // GB18030 is an assumption (the bytes are not UTF-8 and happen to be valid GB18030): say so.
  if (report.encoding === 'GB18030') out.push('文件不是 UTF-8 编码，已按 GB18030（兼容 GBK、GB2312）读取：如果下面读出的文字是乱码，请把文件另存为 UTF-8 后重新导入。');
  for (const p of importProblems(file, report)) out.push(formatProblem(p));
  const fates = (Object.keys(FATE_NAMES) as Array<keyof typeof FATE_NAMES>).map((f) => `${FATE_NAMES[f]} ${report.fates[f]}`).join('，');
  out.push(`非空行 ${report.lines} 行：${fates}`);
  out.push(`合计：${projects.length} 个项目，${rows} 行指标，${report.unplaced.length} 行未能识别`);
  return out.join('\n');
}
