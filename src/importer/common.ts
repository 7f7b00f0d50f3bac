import type { Row } from './rows.ts';
import { labelKey } from './rows.ts';
import type { AmountUnit } from '../lib/money.ts';
import { DECIMAL_PATTERN } from '../lib/money.ts';
import { parseIndicatorValue } from '../lib/indicatorValue.ts';
import type { ParsedValue, Project } from '../schemas/project.ts';

/** A line the importer could not place, reported with its number and text. */
export interface Unplaced {
  line: number;
  /** 0-based cell in the source row, where the format has cells (see GridCell.column). */
  column?: number;
  text: string;
  reason: string;
}

/** A project as read from the document, before ids and department keys are assigned. */
export type DraftProject = Omit<Project, 'id' | 'department' | 'region' | 'year'> & {
  /** Line of the table's first row, for messages. */
  line: number;
};

export interface TableContext {
  unplaced: Unplaced[];
  notes: string[];
  /** Text clean-up for cells (wrap-space removal for PDF text). */
  cell: (text: string) => string;
}

export function rowText(row: Row): string {
  return row.cells.filter((c) => c !== '').join(' | ');
}

export function unplace(ctx: TableContext, row: Row, reason: string) {
  ctx.unplaced.push({ line: row.line, text: rowText(row), reason });
}

/** Index of the first cell whose label matches, ignoring spaces and colon/bracket width. */
export function findLabel(row: Row, ...labels: string[]): number {
  const keys = labels.map(labelKey);
  return row.cells.findIndex((c) => keys.includes(labelKey(c)));
}

/** The first non-empty cell after `index`, or '' if none before the next label. */
export function valueAfter(row: Row, index: number, stopLabels: string[] = []): string {
  const stops = stopLabels.map(labelKey);
  for (let i = index + 1; i < row.cells.length; i++) {
    const c = row.cells[i];
    if (stops.includes(labelKey(c))) return '';
    if (c !== '') return c;
  }
  return '';
}

/**
 * Reads an amount cell: a plain decimal as printed, with thousands separators removed
 * (`3,309,840.00`), or a free-text cell that names its unit and leads with the amount
 * (`共计 5.00万元（其中…）`). Returns null for a blank cell.
 */
export function readAmount(
  text: string,
  unit: AmountUnit,
): { amount: string | null; error?: string; unit?: AmountUnit } {
  const t = text.trim();
  if (t === '') return { amount: null };
  const plain = t.replace(/,/g, '');
  if (DECIMAL_PATTERN.test(plain)) return { amount: plain };
  const m = /^(?:[^\d（(]*?)(\d[\d,]*(?:\.\d+)?)\s*(万元|元)/.exec(t);
  if (m) {
    const amount = m[1].replace(/,/g, '');
    if (m[2] !== unit) return { amount, unit: m[2] as AmountUnit, error: `金额“${t}”的单位是 ${m[2]}，与文件单位 ${unit} 不同` };
    return { amount };
  }
  return { amount: null, error: `读不出金额：“${t}”` };
}

/** Splits numbered goals (`1、…\n2、…` or `1.… 2.…`) into items that keep their numbers. */
export function splitNumbered(text: string): string[] {
  return text
    .split(/\n|\s+(?=\d{1,2}[.、．]\D)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The parse of a printed value, or undefined when nothing could be read. */
export function parsedOf(value: string): ParsedValue | undefined {
  const p = parseIndicatorValue(value);
  return Object.keys(p).length ? p : undefined;
}

/** 单位：元 / 单位：万元 anywhere in a row. */
export function readUnit(row: Row): AmountUnit | null {
  for (const c of row.cells) {
    const m = /^单位\s*[:：]\s*(万元|元)$/.exec(c.trim());
    if (m) return m[1] as AmountUnit;
  }
  return null;
}
