/**
 * Turns the text that bureaus copy out of Word and PDF files into rows of cells, each row
 * remembering the line it came from so that anything the importer cannot place can be
 * reported by line number.
 */

export interface Row {
  /** Cells as printed, trimmed; a text line is a row of one cell with `text: true`. */
  cells: string[];
  /** 1-based line of the row's first line in the source. */
  line: number;
  /** 1-based line of the row's last line. */
  endLine: number;
  /** A line of running text rather than a table row. */
  text: boolean;
  /** The line as printed, indentation kept (text rows only). */
  raw?: string;
}

export type Layout = 'word-cells' | 'tab-rows' | 'pipe-table' | 'spaced-text';

const BOOKMARK = /\[bookmark: [^\]]*\]/g;

/** Strips Word export artefacts that are not part of the wording. */
export function cleanLine(line: string): string {
  return line.replace(BOOKMARK, '').replace(/\r$/, '');
}

type LineKind =
  | { kind: 'blank' }
  | { kind: 'separator' }
  | { kind: 'cell'; text: string }
  | { kind: 'row'; cells: string[]; pipe: boolean }
  | { kind: 'text'; text: string };

const PIPE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * What one line is: a Word cell (`\tcell`, or `cell|` where a tool ends cells with a bar),
 * a whole row (Markdown `| a | b |`, or tab-separated PDF text), or running text.
 */
function classify(line: string): LineKind {
  // A Word cell may be empty (a lone tab); a tab-indented line with more tabs is a PDF row.
  if (line.startsWith('\t') && !line.slice(1).trimEnd().includes('\t')) return { kind: 'cell', text: line.slice(1) };
  if (line.trim() === '') return { kind: 'blank' };
  if (PIPE_SEPARATOR.test(line) && line.includes('-')) return { kind: 'separator' };
  if (/^\s*\|.*\|\s*$/.test(line) && line.trim() !== '|') {
    return { kind: 'row', cells: line.trim().slice(1, -1).split('|'), pipe: true };
  }
  if (/^[^|]*\|\s*$/.test(line)) return { kind: 'cell', text: line.replace(/\|\s*$/, '') };
  if (line.includes('\t')) return { kind: 'row', cells: line.split('\t'), pipe: false };
  return { kind: 'text', text: line };
}

/**
 * Reads any of the layouts into rows. Cell lines gather into a row until a blank line;
 * a line without a cell marker directly after a cell continues that cell (Word breaks a
 * long cell over lines).
 */
export function readRows(source: string): { layout: Layout; rows: Row[]; lines: string[] } {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: Row[] = [];
  let current: Row | null = null;
  let lastWasCell = false;
  const counts = { cell: 0, tab: 0, pipe: 0 };
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = cleanLine(raw);
    const k = classify(line);
    if (k.kind === 'cell') {
      counts.cell++;
      if (!current) {
        current = { cells: [], line: lineNo, endLine: lineNo, text: false };
        rows.push(current);
      }
      current.cells.push(k.text);
      current.endLine = lineNo;
      lastWasCell = true;
      return;
    }
    if (k.kind === 'text' && lastWasCell && current) {
      current.cells[current.cells.length - 1] += '\n' + line;
      current.endLine = lineNo;
      return;
    }
    current = null;
    lastWasCell = false;
    if (k.kind === 'row') {
      counts[k.pipe ? 'pipe' : 'tab']++;
      rows.push({ cells: k.cells, line: lineNo, endLine: lineNo, text: false });
    } else if (k.kind === 'text') {
      rows.push({ cells: [k.text], line: lineNo, endLine: lineNo, text: true, raw: k.text });
    }
  });
  for (const row of rows) row.cells = row.cells.map((c) => c.trim());
  const layout: Layout =
    counts.pipe + counts.cell + counts.tab === 0
      ? 'spaced-text'
      : counts.pipe > counts.cell && counts.pipe > counts.tab
        ? 'pipe-table'
        : counts.tab > counts.cell
          ? 'tab-rows'
          : 'word-cells';
  return { layout, rows, lines };
}

const HAN = '\\p{Script=Han}\\u3000-\\u303F\\uFF00-\\uFF0F\\uFF1A-\\uFF20\\u201C\\u201D\\u2014';
const WRAP_SPACE = new RegExp(`(?<=[${HAN}])[ \\t]+(?=[${HAN}])`, 'gu');

/**
 * Removes the spaces PDF text extraction leaves where a table cell wrapped between two
 * Chinese characters (`反映对特困 离退休帮扶 情况`). Spaces next to digits or Latin
 * letters (`≥4 次`, `2022 年度`) are kept as printed.
 */
export function removeWrapSpaces(text: string): string {
  return text.replace(WRAP_SPACE, '');
}

/** Normalises a label cell for matching: no spaces, full-width colon and brackets unified. */
export function labelKey(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/:/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}
