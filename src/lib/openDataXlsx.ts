/**
 * The open-data tables as one .xlsx workbook, a sheet per table, written with exceljs's
 * streaming writer so that a large slice does not hold the whole workbook in memory.
 *
 * Text stays text: a string cell is never read as a formula, so `=`, `-5%` or a code such
 * as `287001` come out exactly as printed (no apostrophe, no lost leading zero). Only the
 * columns the table describes as numbers (amounts in 元, counts, years, scores) are numeric
 * cells.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Row, TableSpec } from './openData.ts';
import type { SiteModel } from './site.ts';

/** Rows a worksheet can hold below its header (Excel's limit is 1,048,576 rows). */
export const XLSX_MAX_ROWS = 1_048_575;

const NUMERIC = new Set(['integer', 'number', 'year']);

/** The value of one cell: a number for numeric columns, the printed text otherwise. */
export function xlsxCell(table: TableSpec, field: string, value: string): string | number {
  const spec = table.fields.find((x) => x.name === field);
  return cellValue(spec !== undefined && NUMERIC.has(spec.type), value);
}

const cellValue = (numeric: boolean, value: string): string | number =>
  numeric && value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

/**
 * Rows above which the site-wide workbook is not written: the region-and-year workbooks
 * carry the data instead. Far below Excel's sheet limit, because a workbook of a few hundred
 * thousand rows already takes minutes to open and to build (10,000 projects ≈ 85,000
 * indicator rows ≈ 13 MB).
 */
export const SITE_XLSX_MAX_ROWS = 200_000;

/** Whether the site-wide workbook is written: its largest sheets are the indicator rows and the flags. */
export function siteFitsXlsx(model: Pick<SiteModel, 'projects'>, flaggedRows: number): boolean {
  const printedRows = model.projects.reduce((n, p) => n + p.data.indicators.rows.length, 0);
  return Math.max(printedRows, flaggedRows, model.projects.length) <= Math.min(SITE_XLSX_MAX_ROWS, XLSX_MAX_ROWS);
}

export interface XlsxSheet {
  table: TableSpec;
  /** Read once, as the sheet is written: a generator keeps only the row being written. */
  rows: Iterable<Row>;
}

export async function toXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  for (const { table, rows } of sheets) {
    const sheet = book.addWorksheet(table.name);
    sheet.columns = table.fields.map((x) => ({
      header: x.name,
      key: x.name,
      width: Math.min(40, Math.max(10, x.name.length + 2)),
      ...(x.unit === '元' ? { style: { numFmt: '0.00' } } : {}),
    }));
    // One style object per column and cell type, shared by its cells: exceljs remembers the id
    // of a style object it has seen, where a fresh object per cell is rendered to XML and looked
    // up again (half the time of a large workbook). The ids, and so the file, are the same.
    const shared = table.fields.map((_x, i) => ({ string: { ...sheet.getColumn(i + 1).style }, number: { ...sheet.getColumn(i + 1).style } }));
    // Which columns are numeric, once per sheet rather than looked up for every cell.
    const numeric = table.fields.map((x) => NUMERIC.has(x.type));
    for (const r of rows) {
      const row = sheet.addRow(table.fields.map((x, i) => cellValue(numeric[i], r[x.name] ?? '')));
      row.eachCell({ includeEmpty: true }, (cell, n) => {
        cell.style = shared[n - 1][typeof cell.value === 'number' ? 'number' : 'string'];
      });
      row.commit();
    }
    sheet.commit();
  }
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
