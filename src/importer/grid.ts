/**
 * Stage 1 of the importer: every input format becomes a grid of cells that remembers where
 * each cell came from. Text copied out of Word, PDF or a web page comes in families (one cell
 * per line ending with ` |`, cells separated by blank lines, pipe rows, tab rows, rows split
 * by spaces, flattened text); each is read here into the same shape, so that the one reader
 * of stage 2 never sees the family.
 */
import { readRows, type Row } from './rows.ts';
import { COLUMN_LABELS, FIELD_LABELS, FUNDING_LABELS, HEADER_FURNITURE, TITLE_WORDS } from './vocabulary.ts';
import { LEVEL1_ALIASES, LEVEL2_ALIASES, TAXONOMY } from '../lib/taxonomy.ts';

/** One cell and the source lines it was printed on. */
export interface GridCell {
  text: string;
  /** 1-based first and last source line (or grid row for .docx/.xlsx/.pdf). */
  line: number;
  endLine: number;
  /** 0-based index of the cell in its source row (.docx, .xlsx, .pdf, JSON grids), so that a message can name the cell. */
  column?: number;
}

/**
 * How far the cells of a row can be trusted:
 * - `row`: a table row whose cells are the printed cells (docx, xlsx, pipe or tab rows);
 * - `stream`: consecutive cells whose row ends were lost (one cell per line): rows are
 *   rebuilt from the header;
 * - `spaced`: a line split on single spaces: a cell holding a space may be split;
 * - `flat`: text with no separators at all, split by the label vocabulary.
 */
export type Flow = 'row' | 'stream' | 'spaced' | 'flat';

export interface GridRow {
  cells: GridCell[];
  flow: Flow;
  /** The line as printed, for a row read from one text line. */
  text?: string;
}

export interface Grid {
  /** The text family or file format, for the report. */
  family: string;
  rows: GridRow[];
  /** Every non-blank source line (or grid row): each must get exactly one fate. */
  lines: number[];
  /** Lines that hold nothing but separators (`||||`): page furniture by construction. */
  padding: Set<number>;
  /** Where a line is in the source, for messages: `第 3 页第 12 行`, `Sheet1!A7`. */
  where?: Map<number, string>;
}

const cell = (text: string, line: number, endLine = line, column?: number): GridCell => ({ text: text.trim(), line, endLine, ...(column === undefined ? {} : { column }) });

/** Rows of the readers that know the seeds' families, on the grid. */
export function gridFromRows(rows: Row[], family: string, lines?: number[]): Grid {
  const out: GridRow[] = rows.map((r) =>
    r.text
      ? { cells: [cell(r.cells[0], r.line, r.endLine, 0)], flow: 'row' as const }
      : { cells: r.cells.map((c, j) => cell(c, r.line, r.endLine, j)), flow: 'row' as const },
  );
  const all = lines ?? [...new Set(rows.flatMap((r) => range(r.line, r.endLine)))];
  return { family, rows: out, lines: all, padding: new Set() };
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

const ONLY_PIPES = /^[\s|]*\|[\s|]*$/;
/** `text |` — one cell of a web-page table, copied one cell per line. */
const CELL_LINE = /^([^|]*?)\s*\|\s*$/;
/** `text | ||||` — the last cell of a row and its padding. */
const CELL_THEN_PADDING = /^([^|]*?)\s*\|[\s|]*\|[\s|]*$/;

function nonBlankLines(lines: string[]): number[] {
  return lines.flatMap((l, i) => (l.trim() ? [i + 1] : []));
}

/** Which family a text belongs to, from the shape of its lines. */
export function textFamily(lines: string[]): 'seed' | 'pipe-cells' | 'pipe-rows' | 'line-cells' | 'spaced-rows' {
  const nonBlank = lines.filter((l) => l.trim());
  const n = nonBlank.length || 1;
  const tabbed = nonBlank.filter((l) => l.startsWith('\t') || /\S\t+\S/.test(l)).length;
  if (tabbed / n > 0.05) return 'seed';
  const cellLines = nonBlank.filter((l) => CELL_LINE.test(l) || l.trim() === '|').length;
  const pipeRows = nonBlank.filter((l) => /[^|\s][^|]*\|\s*[^|\s]/.test(l)).length;
  if (cellLines + pipeRows > n * 0.2) {
    if (/^\s*\|.*\|\s*$/.test(nonBlank.find((l) => l.includes('|')) ?? '') && pipeRows > cellLines && lines.some((l) => /^\s*\|?\s*:?-{3,}/.test(l))) return 'seed';
    return cellLines > pipeRows ? 'pipe-cells' : 'pipe-rows';
  }
  const headerAlone = nonBlank.some((l) => /^\s*[一二三]级指标\s*$/.test(l));
  return headerAlone ? 'line-cells' : 'spaced-rows';
}

/** Reads any text family into a grid. */
export function readTextGrid(source: string): Grid {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const family = textFamily(lines);
  if (family === 'seed') {
    const { layout, rows } = readRows(text);
    return { ...gridFromRows(rows, layout, nonBlankLines(lines.map((l) => l.replace(/\[bookmark: [^\]]*\]/g, '')))), family: layout };
  }
  if (family === 'pipe-cells') return pipeCells(lines);
  if (family === 'pipe-rows') return pipeRows(lines);
  if (family === 'line-cells') return lineCells(lines);
  return spacedRows(lines);
}

/**
 * One cell per line, each ending with ` |`; a lone `|` is an empty cell, a line of pipes
 * (`||||`) ends a row, a line with no pipe is the start of a cell that wrapped onto the next
 * line. Row ends are unreliable in this family, so the cells of a row run are a stream.
 */
function pipeCells(lines: string[]): Grid {
  const rows: GridRow[] = [];
  const padding = new Set<number>();
  let current: GridCell[] = [];
  let pending: { text: string; line: number; endLine: number } | null = null;
  let seenPipe = false;
  /** A line of text without a pipe, read before the first pipe: it may be a cell that a `|` line closes. */
  let plain: { row: GridRow; line: number } | null = null;
  const flush = () => {
    if (current.length) rows.push({ cells: current, flow: 'stream' });
    current = [];
  };
  const flushPending = () => {
    if (!pending) return;
    flush();
    rows.push({ cells: [cell(pending.text, pending.line, pending.endLine)], flow: 'row' });
    pending = null;
  };
  const add = (t: string, line: number) => {
    const start = pending?.line ?? line;
    const joined = (pending ? pending.text : '') + t.trim();
    pending = null;
    current.push(cell(joined, start, line));
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const l = raw.replace(/\s+$/, '');
    if (l.trim() === '') {
      flushPending();
      flush();
      return;
    }
    if (l.trim() === '|') {
      seenPipe = true;
      // The first `|` closes the cell on the line above it (`项目名称` / `|`), not an empty one.
      if (plain && plain.line === line - 1 && rows.at(-1) === plain.row && !pending) {
        rows.pop();
        add(plain.row.cells[0].text, plain.line);
        current[current.length - 1].endLine = line;
        plain = null;
        return;
      }
      add('', line);
      return;
    }
    if (ONLY_PIPES.test(l)) {
      seenPipe = true;
      if (!pending) padding.add(line);
      else add('', line);
      flush();
      return;
    }
    const padded = CELL_THEN_PADDING.exec(l);
    if (padded) {
      seenPipe = true;
      add(padded[1], line);
      flush();
      return;
    }
    const m = CELL_LINE.exec(l);
    if (m) {
      seenPipe = true;
      add(m[1], line);
      return;
    }
    if (l.includes('|')) {
      // A whole pipe row inside the family: its cells in order.
      seenPipe = true;
      flushPending();
      for (const c of splitPipes(l)) current.push(cell(c, line));
      flush();
      return;
    }
    if (!seenPipe) {
      flush();
      rows.push({ cells: [cell(l, line)], flow: 'row' });
      plain = { row: rows[rows.length - 1], line };
      return;
    }
    // A cell that wrapped: its first part waits for the line that closes it.
    if (pending) {
      pending.text += l.trim();
      pending.endLine = line;
    } else pending = { text: l.trim(), line, endLine: line };
  });
  flushPending();
  flush();
  return { family: 'pipe-cells', rows, lines: nonBlankLines(lines), padding };
}

/** Cells of a pipe row, leading pipe optional, trailing empty padding cells dropped. */
function splitPipes(line: string): string[] {
  const cells = line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/**
 * Pipe rows (`a | b | c ||||`, with or without a leading pipe). A line that ends with a
 * single ` |` continues on the next line: the page broke a row inside a cell list.
 */
function pipeRows(lines: string[]): Grid {
  const rows: GridRow[] = [];
  let open: { cells: GridCell[] } | null = null;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const l = raw.replace(/\s+$/, '');
    if (l.trim() === '') return;
    if (!l.includes('|')) {
      open = null;
      rows.push({ cells: [cell(l, line)], flow: 'row' });
      return;
    }
    const cells = splitPipes(l).map((c) => cell(c, line));
    if (open) open.cells.push(...cells);
    else {
      open = { cells };
      rows.push({ cells: open.cells, flow: 'row' });
    }
    const continues = /[^|\s]\s*\|$/.test(l) && !/\|\s*\|$/.test(l);
    if (!continues) open = null;
  });
  return { family: 'pipe-rows', rows, lines: nonBlankLines(lines), padding: new Set() };
}

/**
 * One cell per line, cells separated by blank lines (Word table pasted into a page); a line
 * of spaces is an empty cell. Rows are lost: the whole text is one stream of cells.
 */
function lineCells(lines: string[]): Grid {
  const cells: GridCell[] = [];
  lines.forEach((raw, i) => {
    if (raw === '') return;
    // PDF text puts an amount and the next label on one line: `771,325,800.00 年度资金申请总额`.
    const pair = /^\s*([\d,]+(?:\.\d+)?)\s+(\S.*?)\s*$/.exec(raw);
    if (pair && !/^[\d,.]+$/.test(pair[2])) {
      cells.push(cell(pair[1], i + 1), cell(pair[2], i + 1));
      return;
    }
    cells.push(cell(raw, i + 1));
  });
  return { family: 'line-cells', rows: [{ cells, flow: 'stream' }], lines: nonBlankLines(lines), padding: new Set() };
}

/** Rows whose cells are separated by spaces (single spaces included): cell splits are uncertain. */
function spacedRows(lines: string[]): Grid {
  const rows: GridRow[] = [];
  lines.forEach((raw, i) => {
    const l = raw.trim();
    if (!l) return;
    const flat = /\s/.test(l) ? null : splitByVocabulary(l);
    if (flat) {
      rows.push({ cells: flat.map((p) => cell(p, i + 1)), flow: 'flat', text: l });
      return;
    }
    const parts = l.split(/[ \u3000]+/);
    rows.push({ cells: parts.map((p) => cell(p, i + 1)), flow: parts.length > 1 ? 'spaced' : 'row', text: l });
  });
  return { family: 'spaced-rows', rows, lines: nonBlankLines(lines), padding: new Set() };
}

/** Every label of the vocabulary that can stand in flattened text, longest first. */
const FLAT_LABELS = [
  ...Object.values(FIELD_LABELS).flat(),
  ...FUNDING_LABELS.filter((l) => l.length >= 4),
  ...Object.values(COLUMN_LABELS).flat().filter((l) => l.length >= 3),
  ...Object.keys(TAXONOMY),
  ...Object.values(TAXONOMY).flat(),
  ...Object.keys(LEVEL1_ALIASES).filter((l) => l.length >= 4),
  ...Object.keys(LEVEL2_ALIASES).filter((l) => l.length >= 4),
  ...HEADER_FURNITURE.filter((l) => l.length >= 4),
]
  .map((l) => l.replace(/（/g, '(').replace(/）/g, ')'))
  .sort((a, b) => b.length - a.length);

/** A table title inside flattened text: the words titles are made of, then 绩效目标…表. */
const FLAT_TITLE = new RegExp(`(?:${TITLE_WORDS.join('|')})*绩效目标[\\u4e00-\\u9fff]{0,4}?表`, 'g');

/**
 * Splits text that lost its cell separators (`产出指标数量指标覆盖率100%`) at the labels of the
 * vocabulary. Returns null where no label splits it. What lies between two labels stays one
 * cell; the reader splits a 三级指标 from its value by the value's shape and says so.
 */
export function splitByVocabulary(text: string): string[] | null {
  const norm = text.replace(/（/g, '(').replace(/）/g, ')');
  const out: string[] = [];
  let pending = '';
  let labels = 0;
  // The next table's title run into the text: it ends the table before it.
  const titles = new Map([...norm.matchAll(FLAT_TITLE)].map((m) => [m.index, m[0]]));
  for (let p = 0; p < norm.length; ) {
    const label = titles.get(p) ?? FLAT_LABELS.find((l) => norm.startsWith(l, p));
    if (label) {
      if (pending) out.push(text.slice(p - pending.length, p));
      out.push(text.slice(p, p + label.length));
      pending = '';
      labels++;
      p += label.length;
    } else {
      pending += norm[p];
      p++;
    }
  }
  if (pending) out.push(text.slice(text.length - pending.length));
  return labels > 0 && out.length > 1 ? out : null;
}
