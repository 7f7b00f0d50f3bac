/**
 * Where a row of the grid sits in the original file. Text sources are read line by line, so a
 * grid line is a file line and messages cite `file:line`. A .pdf, .xlsx, .docx or JSON cell grid
 * has no such lines: the readers number its rows in reading order and record here where each
 * one was printed, so that a message names the page, the sheet cell or the Word table cell the
 * editor can find in the file they were sent:
 *
 *     第 2 页第 14 行          .pdf: page and line on the page
 *     绩效目标!C12             .xlsx: sheet and A1 cell
 *     表格 1 第 9 行第 4 列    .docx and JSON grids: table, row and column (merged cells counted)
 *     第 3 段                  .docx: a paragraph outside the tables
 */

export type SourcePlace =
  | { kind: 'page'; page: number; line: number }
  /** `row` is the sheet's own 1-based row; `cells` the row's cell texts, column A first. */
  | { kind: 'sheet'; sheet: string; row: number; cells: readonly string[] }
  /** `cells` on the table's grid: a merged cell's text in its first column, '' in the rest. */
  | { kind: 'table'; table: number; row: number; cells: readonly string[] }
  | { kind: 'paragraph'; paragraph: number };

/** Grid line → where it was printed. */
export type SourcePlaces = Map<number, SourcePlace>;

/** Excel's column name of a 1-based column: 1 → A, 27 → AA. */
export function columnName(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** A sheet name as Excel writes it in a reference: quoted where it holds spaces or punctuation. */
function sheetRef(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) && !/^\d/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * The place as an editor reads it. `column` is the 0-based cell in the grid row (GridCell.column);
 * without it a cell reference names the cell whose text the message quotes (“…”), else the row's
 * first non-empty cell.
 */
export function placeText(place: SourcePlace, column?: number, message = ''): string {
  switch (place.kind) {
    case 'page':
      return `第 ${place.page} 页第 ${place.line} 行`;
    case 'sheet':
      return `${sheetRef(place.sheet)}!${columnName(cellOf(place.cells, column, message) + 1)}${place.row}`;
    case 'table':
      return `表格 ${place.table} 第 ${place.row} 行第 ${cellOf(place.cells, column, message) + 1} 列`;
    case 'paragraph':
      return `第 ${place.paragraph} 段`;
  }
}

/** The cell a message is about: the one given, else the one it quotes, else the row's first non-empty cell. */
function cellOf(cells: readonly string[], column: number | undefined, message: string): number {
  if (column !== undefined) return column;
  const quoted = cells.findIndex((c) => c.trim() !== '' && message.includes(`“${c.trim()}”`));
  if (quoted >= 0) return quoted;
  const first = cells.findIndex((c) => c.trim() !== '');
  return first < 0 ? 0 : first;
}
