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
}

export type Layout = 'word-cells' | 'tab-rows';

const BOOKMARK = /\[bookmark: [^\]]*\]/g;

/** Strips Word export artefacts that are not part of the wording. */
export function cleanLine(line: string): string {
  return line.replace(BOOKMARK, '').replace(/\r$/, '');
}

/**
 * Word exports put one cell per line, indented by a tab, and end a row with a blank line;
 * PDF text puts one row per line with tab-separated cells.
 */
export function detectLayout(lines: string[]): Layout {
  const cellLines = lines.filter((l) => /^\t/.test(l)).length;
  const tabbedRows = lines.filter((l) => /^[^\t\s].*\t/.test(l)).length;
  return cellLines > tabbedRows ? 'word-cells' : 'tab-rows';
}

/** Reads the Word layout: `\tcell` lines, continuation lines without a tab, blank line ends a row. */
function readWordCells(lines: string[]): Row[] {
  const rows: Row[] = [];
  let current: Row | null = null;
  let lastWasCell = false;
  lines.forEach((raw, i) => {
    const line = cleanLine(raw);
    const lineNo = i + 1;
    if (line.startsWith('\t')) {
      if (!current) {
        current = { cells: [], line: lineNo, endLine: lineNo, text: false };
        rows.push(current);
      }
      current.cells.push(line.slice(1));
      current.endLine = lineNo;
      lastWasCell = true;
      return;
    }
    if (line.trim() === '') {
      current = null;
      lastWasCell = false;
      return;
    }
    if (lastWasCell && current) {
      // A cell whose text runs over several lines: the export breaks it without a tab.
      current.cells[current.cells.length - 1] += '\n' + line;
      current.endLine = lineNo;
      return;
    }
    current = null;
    rows.push({ cells: [line.trim()], line: lineNo, endLine: lineNo, text: true });
  });
  for (const row of rows) row.cells = row.cells.map((c) => c.trim());
  return rows;
}

/** Reads the PDF layout: one row per line, cells split by tabs; blank cells keep their column. */
function readTabRows(lines: string[]): Row[] {
  const rows: Row[] = [];
  lines.forEach((raw, i) => {
    const line = cleanLine(raw);
    if (line.trim() === '') return;
    if (line.includes('\t')) {
      rows.push({ cells: line.split('\t').map((c) => c.trim()), line: i + 1, endLine: i + 1, text: false });
    } else {
      rows.push({ cells: [line.trim()], line: i + 1, endLine: i + 1, text: true });
    }
  });
  return rows;
}

export function readRows(source: string): { layout: Layout; rows: Row[]; lines: string[] } {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const layout = detectLayout(lines);
  return { layout, rows: layout === 'word-cells' ? readWordCells(lines) : readTabRows(lines), lines };
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
