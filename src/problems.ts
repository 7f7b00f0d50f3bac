/**
 * The one shape of every message an editor sees — from the content check, the importer and
 * the quality report — and the one way to print it:
 *
 *     content/projects/130229/2023/X.md:9:9  total  金额应为…  [amount-format]
 *         提示：去掉千分位逗号，写成 "50000.00"
 *
 * A problem always names a file, a 1-based line and column, and a field path; where no field
 * applies the path names the part of the file (see PART). A source document that has no lines
 * of its own (a PDF page, a spreadsheet, a Word table) is cited by `place` instead:
 *
 *     社区养老.xlsx 绩效目标!C12  (文件)  未能识别「…」：…  [import-unplaced]
 *
 * Text quoted from the file goes through `showInvisible` so that a zero-width space or a NUL is
 * visible in the message.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  /** The file as the editor names it: relative to the project root, forward slashes (or the source document for the importer). */
  file: string;
  /** 1-based line in that file. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count). */
  column: number;
  /** Field path such as `indicators.rows[3].value`, or a PART when no field applies. */
  path: string;
  /** What is wrong, in Chinese, quoting the offending text through showInvisible. */
  message: string;
  /** What to change. */
  hint: string;
  severity: Severity;
  /** Short machine name of the rule, kebab-case (`unit-slip`, `yaml-syntax`): stable, for grouping and tools. */
  code: string;
  /**
   * Where the problem is in a source document whose rows are not text lines, as the editor finds
   * it there (`第 2 页第 14 行`, `绩效目标!C12`, `表格 1 第 9 行第 4 列`); shown instead of
   * line:column. '' for a problem about the whole document. `line` then counts rows in reading order.
   */
  place?: string;
}

/** Path names for problems that belong to a part of a file rather than a field. */
export const PART = {
  /** The file as a whole: its location, name, size or encoding. */
  file: '(文件)',
  /** The YAML front matter as a whole (syntax, documents, nesting). */
  frontMatter: '(front matter)',
  /** The Markdown body after the front matter. */
  body: 'body',
} as const;

/** Formats a field path the way messages show it: `indicators.rows[3].value` (formatProblem makes invisible characters visible). */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

// Control characters (except tab and newline), format characters (zero-width space, BOM,
// bidi overrides), separators other than the plain space, and lone surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\p{Cs}]/gu;

/** Text with invisible or confusable characters written as `\uXXXX`, e.g. `na\u200Bme`. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => (c === ' ' || c === '\t' || c === '\n' ? c : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));
}

/** Orders problems as an editor reads them: by file, then position. */
export function compareProblems(a: Problem, b: Problem): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Longest text of a message shown to an editor; a quoted 5 MB field must not flood the terminal. */
const MAX_SHOWN = 300;

function shown(text: string): string {
  const visible = showInvisible(text);
  return visible.length > MAX_SHOWN ? `${visible.slice(0, MAX_SHOWN)}…` : visible;
}

/** The file and where in it: `file:line:column`, or `file place` for a document without lines. */
export function formatPosition(p: Problem): string {
  if (p.place === undefined) return `${shown(p.file)}:${p.line}:${p.column}`;
  return p.place ? `${shown(p.file)} ${shown(p.place)}` : shown(p.file);
}

/** The two lines of one problem: position, field, message and rule; then the hint. */
export function formatProblem(p: Problem): string {
  const tag = p.severity === 'warning' ? '警告 ' : '';
  return `${formatPosition(p)}  ${shown(p.path || PART.file)}  ${tag}${shown(p.message)}  [${p.code}]\n    提示：${shown(p.hint)}`;
}

/**
 * Collects problems as they are found, keeping every error but, unless asked, only the count
 * and first example of each kind of warning: a province's check stays small in memory.
 */
export class ProblemCollector {
  readonly counts = emptyCounts();
  readonly #kept: Problem[] = [];
  readonly #keepWarnings: boolean;

  constructor({ keepWarnings = true } = {}) {
    this.#keepWarnings = keepWarnings;
  }

  add(p: Problem): void {
    countProblem(this.counts, p);
    if (p.severity === 'error' || this.#keepWarnings) this.#kept.push(p);
  }

  /** The kept problems in reading order. */
  sorted(): Problem[] {
    return this.#kept.sort(compareProblems);
  }
}

/** Counts by severity and, for the summary, warnings by rule. */
export interface ProblemCounts {
  errors: number;
  warnings: number;
  /** Warnings per rule code, with the first one of each as an example. */
  warningsByCode: Map<string, { count: number; first: Problem }>;
}

export function emptyCounts(): ProblemCounts {
  return { errors: 0, warnings: 0, warningsByCode: new Map() };
}

export function countProblem(counts: ProblemCounts, p: Problem): void {
  if (p.severity === 'error') {
    counts.errors++;
    return;
  }
  counts.warnings++;
  const seen = counts.warningsByCode.get(p.code);
  if (seen) seen.count++;
  else counts.warningsByCode.set(p.code, { count: 1, first: p });
}

export interface ReportOptions {
  /** Print every warning in full; otherwise warnings are summarised per rule (errors are always in full). */
  verbose?: boolean;
  /** What was looked at, for the last line, e.g. `检查了 49 个文件`. */
  subject: string;
}

/**
 * The editor's report: every error in full (and every warning with `verbose`), a per-rule
 * summary of warnings otherwise, and a last line with the totals. `problems` are printed in
 * the order given; sort them with compareProblems first.
 */
export function formatReport(problems: Iterable<Problem>, counts: ProblemCounts, options: ReportOptions): string {
  const lines: string[] = [];
  for (const p of problems) {
    if (p.severity === 'error' || options.verbose) lines.push(formatProblem(p));
  }
  if (!options.verbose && counts.warnings > 0) {
    lines.push(`警告 ${counts.warnings} 个，按规则汇总（加 --verbose 逐条显示）：`);
    const byCode = [...counts.warningsByCode].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    for (const [code, { count, first }] of byCode) {
      lines.push(`  [${code}] ${count} 个，例如 ${formatPosition(first)}  ${shown(first.path || PART.file)}  ${shown(first.message)}`);
    }
  }
  lines.push(`${options.subject}：${counts.errors} 个错误，${counts.warnings} 个警告`);
  return lines.join('\n');
}

/** The line that ends a check with errors, after its report (`npm run check`, `npm run build`). */
export const CHECK_REFUSED = '\n有错误，网站没有构建。按每条“提示”修改上面列出的文件后，再运行 npm run check。';
