/**
 * The workbook writer, read back as a person's spreadsheet reads it: with exceljs (the gate),
 * and with LibreOffice where it is installed. Text comes back exactly as printed, as text; only
 * numeric columns hold numbers; rows joined from many parts are numbered one after another; a
 * sheet past Excel's row limit is refused.
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { DEPARTMENTS_TABLE, INDICATORS_TABLE, REGIONS_TABLE, TABLES, type Row, type TableSpec } from '../src/lib/openData.ts';
import { crc32Combine, toXlsx, XLSX_MAX_ROWS, xlsxRowsPart, xlsxWorkbook } from '../src/lib/openDataXlsx.ts';

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer.
  await book.xlsx.load(bytes.slice().buffer);
  return book;
}

/** A cell's value by column name, reading the header row for the names. */
function cells(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.CellValue>> {
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n);
    rows.push(Object.fromEntries(header.map((name, i) => [name, row.getCell(i + 1).value])));
  }
  return rows;
}

/**
 * The format's own escape of a character (ECMA-376 ST_Xstring, `_x0041_`), undone as Excel and
 * LibreOffice undo it: exceljs undoes it in shared strings but not in inline ones.
 */
const unescapeXstring = (text: string) => text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Text the way documents print it, and text that trips spreadsheets and XML: [what, printed, read back]. */
const TRICKY: Array<[string, string, string]> = [
  ['a formula', '=SUM(A1)', '=SUM(A1)'],
  ['just “=”', '=', '='],
  ['a percentage with a minus', '-5%', '-5%'],
  ['a code of digits', '287001', '287001'],
  ['leading zeros', '007', '007'],
  ['a plus sign first', '+86 10 1234', '+86 10 1234'],
  ['an at sign first', '@SUM(A1)', '@SUM(A1)'],
  ['an apostrophe first', "'quoted", "'quoted"],
  ['markup', '<b>a & b</b> &amp;', '<b>a & b</b> &amp;'],
  ['a closing CDATA', ']]>', ']]>'],
  ['an emoji', '满意度😀≥90%', '满意度😀≥90%'],
  ['a carriage return', '一\r二', '一\r二'],
  ['a line break', '一\n二', '一\n二'],
  ['a tab', '一\t二', '一\t二'],
  ['leading and trailing spaces', '  两边有空格 ', '  两边有空格 '],
  ['text that looks like the format’s escape', '_x0041_', '_x0041_'],
  ['an escaped underscore', 'a_x005F_b', 'a_x005F_b'],
  ['an underscore', 'snake_case_x', 'snake_case_x'],
  // XML 1.0 cannot hold these: dropped (npm run check rejects them in content).
  ['a control character (dropped)', 'a\u0001b', 'ab'],
  ['a vertical tab (dropped)', '第一行\u000B第二行', '第一行第二行'],
  ['a NUL (dropped)', 'x\u0000y', 'xy'],
  ['a noncharacter (dropped)', 'x\uFFFEy', 'xy'],
];

describe('text cells read back exactly as printed, as text', () => {
  const table: TableSpec = { ...REGIONS_TABLE, fields: REGIONS_TABLE.fields.slice(0, 2) };
  const rows: Row[] = TRICKY.map(([, text], i) => ({ code: String(i), province: text }));
  const book = read(toXlsx([{ table, rows }]));

  test.each(TRICKY.map(([what, text, expected], i) => [what, text, expected, i] as const))('%s: %j', async (_what, _text, expected, i) => {
    const sheet = (await book).getWorksheet(table.name)!;
    const cell = sheet.getRow(i + 2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(unescapeXstring(cell.value as string)).toBe(expected);
    // A code stays text even in its own column.
    expect(sheet.getRow(i + 2).getCell(1).value).toBe(String(i));
  });
});

describe('text with spaces at either end or a line break is marked to keep them (Excel trims it otherwise)', () => {
  const table: TableSpec = { ...REGIONS_TABLE, fields: REGIONS_TABLE.fields.slice(0, 1) };
  test.each([
    [' 前导空格', true],
    ['尾随空格 ', true],
    ['\u3000全角空格', true],
    ['一\n二', true],
    ['中 间', false],
    ['老年大学', false],
  ])('%j: %s', async (text, kept) => {
    const zip = await JSZip.loadAsync(toXlsx([{ table, rows: [{ code: text }] }]));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const cell = /<c r="A2"[^>]*><is>(<t[^>]*>)/.exec(xml)![1];
    expect(cell).toBe(kept ? '<t xml:space="preserve">' : '<t>');
  });
});

describe('numeric columns hold numbers where the text is a plain number, and only there', () => {
  // departments: year (year), total_yuan (number, 元), projects (integer); the rest text.
  const cases: Array<[string, string, string, ExcelJS.CellValue]> = [
    ['an amount in 元', 'total_yuan', '1234.50', 1234.5],
    ['a negative amount', 'total_yuan', '-0.25', -0.25],
    ['a large amount', 'total_yuan', '123456789012.34', 123456789012.34],
    ['a count', 'projects', '12', 12],
    ['a year', 'year', '2023', 2023],
    ['an exponent', 'projects', '1e3', 1000],
    ['an empty number', 'total_yuan', '', null],
    ['text in a numeric column', 'total_yuan', '待定', '待定'],
    ['hexadecimal in a numeric column', 'projects', '0x10', '0x10'],
    ['a padded number', 'projects', ' 5', ' 5'],
    ['a number with a thousands separator', 'total_yuan', '1,234.00', '1,234.00'],
    ['digits in a text column', 'unit_code', '007', '007'],
    ['an empty text', 'title', '', null],
  ];
  const rows: Row[] = cases.map(([, field, value]) => ({ region_code: '130229', [field]: value }));
  const book = read(toXlsx([{ table: DEPARTMENTS_TABLE, rows }]));

  test.each(cases.map((c, i) => [...c, i] as const))('%s (%s = %j)', async (_what, field, _value, expected, i) => {
    const sheet = (await book).getWorksheet('departments')!;
    const row = cells(sheet)[i];
    expect(row[field] ?? null).toEqual(expected);
    expect(typeof (row[field] ?? null)).toBe(typeof expected);
  });

  test('amounts in 元 show two decimals; other numbers keep the general format', async () => {
    const sheet = (await book).getWorksheet('departments')!;
    const column = (name: string) => DEPARTMENTS_TABLE.fields.findIndex((x) => x.name === name) + 1;
    expect(sheet.getRow(2).getCell(column('total_yuan')).numFmt).toBe('0.00');
    expect(sheet.getColumn(column('total_yuan')).numFmt).toBe('0.00');
    expect(sheet.getRow(5).getCell(column('projects')).numFmt).toBeUndefined();
  });
});

describe('the sheets', () => {
  test('one sheet per table, named after it, the header the field names, widths as the names ask (10 to 40)', async () => {
    const book = await read(toXlsx(TABLES.map((table) => ({ table, rows: [] }))));
    expect(book.worksheets.map((w) => w.name)).toEqual(TABLES.map((t) => t.name));
    for (const table of TABLES) {
      const sheet = book.getWorksheet(table.name)!;
      expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(table.fields.map((x) => x.name));
      expect(sheet.rowCount).toBe(1);
      table.fields.forEach((x, i) => expect(sheet.getColumn(i + 1).width).toBe(Math.min(40, Math.max(10, x.name.length + 2))));
    }
  });

  test.each([
    ['one part', [3]],
    ['parts with an empty one between', [2, 0, 3]],
    ['many single rows', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]],
    ['a part past row 9, 99 and 999', [8, 91, 901, 5]],
  ])('rows joined from %s are numbered one after another', async (_what, sizes) => {
    let n = 0;
    const parts = sizes.map((size) => Array.from({ length: size }, () => ({ project_id: `p${++n}`, row: String(n), value_printed: `值${n}` })));
    const book = await read(xlsxWorkbook([{ table: INDICATORS_TABLE, items: parts.map((rows) => (first: number) => xlsxRowsPart(INDICATORS_TABLE, rows, first)) }]));
    const sheet = book.getWorksheet('indicators')!;
    expect(sheet.rowCount).toBe(n + 1);
    expect(cells(sheet).map((r) => [r.project_id, r.row, r.value_printed])).toEqual(parts.flat().map((r) => [r.project_id, Number(r.row), r.value_printed]));
  });

  test('a workbook of the same rows is the same bytes, whenever it is written', () => {
    const rows = [{ code: '130229', name: '滦南县' }];
    expect(Buffer.from(toXlsx([{ table: REGIONS_TABLE, rows }])).equals(Buffer.from(toXlsx([{ table: REGIONS_TABLE, rows }])))).toBe(true);
  });

  test('a small workbook owns its bytes: a reader of its ArrayBuffer reads this file and nothing around it', async () => {
    const bytes = toXlsx([{ table: REGIONS_TABLE, rows: [{ code: '130229', name: '滦南县' }] }]);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    const sheet = (await JSZip.loadAsync(bytes.buffer)).file('xl/worksheets/sheet1.xml');
    expect(await sheet?.async('string')).toContain('滦南县');
  });

  test('a sheet past Excel’s row limit is refused, naming the sheet', () => {
    const part = xlsxRowsPart(REGIONS_TABLE, [{ code: '1' }], 2);
    // A part says how many rows it holds: one that claims more than a sheet takes.
    new DataView(part.buffer, part.byteOffset).setUint32(8, XLSX_MAX_ROWS + 1, true);
    expect(() => xlsxWorkbook([{ table: REGIONS_TABLE, items: [() => part] }])).toThrow(/regions.*1048576/);
  });
});

describe('the CRC-32 of joined pieces', () => {
  const text = (n: number) => Buffer.from(Array.from({ length: n }, (_x, i) => String.fromCharCode(32 + ((i * 7) % 90))).join(''));
  test.each([
    [0, 5],
    [5, 0],
    [1, 1],
    [1000, 3],
    [70000, 123457],
    [3, 1 << 20],
  ])('of %i and %i bytes is the CRC-32 of the whole', (a, b) => {
    const [x, y] = [text(a), text(b).reverse()];
    expect(crc32Combine(crc32(x), crc32(y), y.length)).toBe(crc32(Buffer.concat([x, y])));
  });
});

/** LibreOffice, where installed: it must open the workbook and read every sheet as written. */
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const hasSoffice = soffice.status === 0;
if (!hasSoffice) console.log('LibreOffice (soffice) is not installed: the LibreOffice read-back of the workbook is skipped; the exceljs read-back above is the gate.');

describe.skipIf(!hasSoffice)('LibreOffice opens the workbook and reads what was written', () => {
  test('every sheet as CSV: the text as printed, numbers as numbers, formulas as text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-xlsx-lo-'));
    const texts = TRICKY.map(([, text]) => text);
    const expected = TRICKY.map(([, , read]) => read);
    const regions: Row[] = texts.map((text, i) => ({ code: String(i).padStart(6, '0'), province: text }));
    const departments: Row[] = [{ region_code: '130229', year: '2023', total_yuan: '1234.5', projects: '3', title: '=1+1' }];
    writeFileSync(join(dir, 'book.xlsx'), toXlsx([{ table: REGIONS_TABLE, rows: regions }, { table: DEPARTMENTS_TABLE, rows: departments }]));
    // UTF-8, a header line, every sheet (-1), cell contents rather than as shown; a profile of its own, so that a running LibreOffice does not take the job.
    const run = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, join(dir, 'book.xlsx')],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const sheet = (name: string) => parse(readFileSync(join(dir, `book-${name}.csv`), 'utf8'), { columns: true, relax_column_count: true }) as Row[];
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()).toEqual(['book-departments.csv', 'book-regions.csv']);
    const read = sheet('regions');
    expect(read.map((r) => r.code)).toEqual(regions.map((r) => r.code));
    expect(read.map((r) => r.province)).toEqual(expected);
    const [d] = sheet('departments');
    expect([d.year, d.total_yuan, d.projects, d.title]).toEqual(['2023', '1234.5', '3', '=1+1']);
  }, 120_000);
});
