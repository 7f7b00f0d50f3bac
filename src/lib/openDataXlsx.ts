/**
 * The open-data tables as .xlsx workbooks, a sheet per table. An .xlsx file is a zip of a few
 * small XML parts and one XML part per sheet; the sheets are written here as XML text, a
 * region's, department's or project's rows at a time, each such part deflated on its own so
 * that a workbook is its parts joined (src/lib/openData.ts, xlsxBytes): the parts are kept
 * between builds like the CSV rows (src/lib/openDataParts.ts), and an edit makes only the
 * edited item's rows again. exceljs's streaming writer took about 11 s for the site-wide
 * workbook of 10,000 projects, and made it again on every edit.
 *
 * Text stays text: a string cell is an inline string (t="inlineStr"), never a formula, so
 * `=`, `-5%` or a code such as `287001` come out exactly as printed (no apostrophe, no lost
 * leading zero). Only the columns the table describes as numbers (amounts in 元, counts,
 * years, scores) hold numeric cells, and only where the text is a plain decimal number; the
 * amount columns show two decimals (number format 0.00). An empty value is no cell at all.
 *
 * XML 1.0 cannot hold most control characters (U+0000–U+001F but tab, line feed and carriage
 * return) nor U+FFFE and U+FFFF: they are dropped. Content cannot hold them either (`npm run
 * check` rejects them, src/check/strictYaml.ts), so this only keeps a workbook readable when
 * unchecked text reaches it; the CSV and JSON files keep every character. A carriage return is
 * written as `&#13;`, which XML keeps (a bare one is read as a line feed). The format reads
 * `_x0041_` in a cell as the character it names (ECMA-376 ST_Xstring), so text that looks like
 * such an escape has its underscore escaped (`_x005F_x0041_`) and reads back as printed in
 * Excel and LibreOffice.
 */
import { crc32, deflateRawSync, constants } from 'node:zlib';
import type { Row, TableSpec } from './openData.ts';
import type { SiteModel } from './site.ts';
import { concatBytes } from './bytes.ts';

/** Rows a worksheet can hold below its header (Excel's limit is 1,048,576 rows). */
export const XLSX_MAX_ROWS = 1_048_575;

const NUMERIC = new Set(['integer', 'number', 'year']);

/**
 * A plain decimal number as a table prints it (12, -3.5, 1.25e6). `Number()` alone also reads
 * hexadecimal (0x10), binary and padded text (" 5"), which stay text.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const cellValue = (numeric: boolean, value: string): string | number => (numeric && DECIMAL.test(value) ? Number(value) : value);

/** The value of one cell: a number for numeric columns, the printed text otherwise. */
export function xlsxCell(table: TableSpec, field: string, value: string): string | number {
  const spec = table.fields.find((x) => x.name === field);
  return cellValue(spec !== undefined && NUMERIC.has(spec.type), value);
}

/**
 * Rows above which the site-wide workbook is not written: the region-and-year workbooks
 * carry the data instead. Far below Excel's sheet limit, because a workbook of a few hundred
 * thousand rows already takes minutes to open (10,000 projects ≈ 85,000 indicator rows ≈ 13 MB).
 */
export const SITE_XLSX_MAX_ROWS = 200_000;

/** Whether the site-wide workbook is written: its largest sheets are the indicator rows and the flags. */
export function siteFitsXlsx(model: Pick<SiteModel, 'projects'>, flaggedRows: number): boolean {
  const printedRows = model.projects.reduce((n, p) => n + p.data.indicators.rows.length, 0);
  return Math.max(printedRows, flaggedRows, model.projects.length) <= Math.min(SITE_XLSX_MAX_ROWS, XLSX_MAX_ROWS);
}

// ---------------------------------------------------------------------------------------------
// Text as XML

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;', _: '_x005F_' };
/** What element text cannot hold as is (see the module comment); `_` only where it starts an escape. */
const SPECIAL = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/;
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g');

/** Text as the content of a <t> element. */
export function xmlText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? '') : text;
}

/** White space as `\s` reads it (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Excel drops leading and trailing spaces and may fold line breaks unless told to keep them. */
const keepsSpace = (text: string) => isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) || text.includes('\n');

// ---------------------------------------------------------------------------------------------
// Sheets

/** A1-style column name: A … Z, AA … */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

interface Column {
  name: string;
  letter: string;
  numeric: boolean;
  /** Cell style: 1 is the amount format 0.00 (styles.xml). */
  style: 0 | 1;
  width: number;
}

const layouts = new WeakMap<TableSpec, Column[]>();

function columnsOf(table: TableSpec): Column[] {
  let columns = layouts.get(table);
  if (!columns) {
    columns = table.fields.map((x, i) => ({
      name: x.name,
      letter: columnName(i),
      numeric: NUMERIC.has(x.type),
      style: x.unit === '元' ? 1 : 0,
      width: Math.min(40, Math.max(10, x.name.length + 2)),
    }));
    layouts.set(table, columns);
  }
  return columns;
}

/** A text cell as XML pieces (joined once per batch of rows: one string built by += cost twice as much to build and to encode). */
function textCell(out: string[], ref: string, text: string): void {
  out.push(keepsSpace(text) ? `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">` : `<c r="${ref}" t="inlineStr"><is><t>`, xmlText(text), '</t></is></c>');
}

/** One row of a sheet as XML pieces: a cell per non-empty value. */
function rowXml(out: string[], columns: Column[], row: Row, n: number): void {
  out.push(`<row r="${n}">`);
  for (const c of columns) {
    const value = row[c.name];
    if (!value) continue;
    if (c.numeric && DECIMAL.test(value)) out.push(`<c r="${c.letter}${n}"${c.style ? ` s="${c.style}"` : ''}><v>${Number(value)}</v></c>`);
    else textCell(out, `${c.letter}${n}`, value);
  }
  out.push('</row>');
}

function headerXml(columns: Column[]): string {
  const out = ['<row r="1">'];
  for (const c of columns) textCell(out, `${c.letter}1`, c.name);
  out.push('</row>');
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Deflated pieces

/**
 * A piece of a zip entry deflated on its own, ending on a byte boundary without closing the
 * stream (a sync flush): pieces joined and closed by a last piece are one deflate stream, as
 * pigz joins the pieces it compresses in parallel. Each piece carries the CRC-32 and length of
 * its text, which combine into the entry's ({@link crc32Combine}).
 */
interface Piece {
  crc: number;
  length: number;
  deflated: Uint8Array;
}

const encoder = new TextEncoder();
/**
 * zlib's fastest level: at 10,000 projects the site-wide workbook is about 13 MB, as exceljs
 * wrote it, where level 6 saves 2 MB for half as much time again.
 */
const LEVEL = 1;

/**
 * The UTF-8 of the text being deflated, reused from piece to piece (zlib copies what it keeps):
 * `encode` allocated a new buffer for each of the 6,000 pieces at 10,000 projects, 220 MB in all,
 * and took twice as long as `encodeInto` here.
 */
let scratch = new Uint8Array(1 << 20);

/** Encodes `text` into the scratch buffer after its first `at` bytes; returns where the bytes end. */
function encodeAt(text: string, at: number): number {
  // A UTF-16 code unit is at most 3 bytes of UTF-8.
  const needed = at + text.length * 3;
  if (scratch.length < needed) {
    const grown = new Uint8Array(Math.max(needed, scratch.length * 2));
    grown.set(scratch.subarray(0, at));
    scratch = grown;
  }
  return at + encoder.encodeInto(text, scratch.subarray(at)).written;
}

/** The first `length` bytes of the scratch buffer as a piece. */
function deflateScratch(length: number, last: boolean): Piece {
  const raw = scratch.subarray(0, length);
  return {
    crc: crc32(raw),
    length,
    deflated: deflateRawSync(raw, { level: LEVEL, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }),
  };
}

const deflatePiece = (text: string, last: boolean): Piece => deflateScratch(encodeAt(text, 0), last);

/** CRC-32 polynomial, reflected. */
const POLY = 0xedb88320;

/** a(x) · b(x) modulo the CRC polynomial (zlib's multmodp). */
function multmodp(a: number, b: number): number {
  let m = 1 << 31;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0 … 31. */
const X2N: number[] = [];
for (let k = 0, p = 1 << 30; k < 32; k++, p = multmodp(p, p)) X2N.push(p >>> 0);

/** x^(n · 2^k) modulo the polynomial (zlib's x2nmodp). */
function x2nmodp(n: number, k: number): number {
  let p = 1 << 31;
  for (; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multmodp(X2N[k & 31], p);
  return p >>> 0;
}

/** The CRC-32 of two texts joined, from each one's CRC-32 and the second's length (zlib's crc32_combine). */
export function crc32Combine(crc1: number, crc2: number, length2: number): number {
  return (multmodp(x2nmodp(length2, 3), crc1) ^ crc2) >>> 0;
}

/** An item's rows of one sheet, deflated: [crc32][length][rows] as little-endian 32-bit words, then the deflated XML. */
export type SheetPart = Uint8Array;

const PART_HEADER = 12;

/**
 * Rows whose XML is joined and encoded at once. A department's rows joined at once made strings of
 * about 150 KB, which V8 allocates in its large-object space, collected only by full collections
 * of the whole heap: at 10,000 projects 440 MB of them, for the 6,000 parts. A batch of rows is a
 * few tens of KB, dead before the next young-generation collection.
 */
const ROWS_PER_BATCH = 16;

/**
 * The rows of one item in a sheet, numbered from `first` (r attributes on every row and cell:
 * Excel and LibreOffice do without them, exceljs refuses a row or cell without one), as a part
 * that a workbook joins.
 */
export function xlsxRowsPart(table: TableSpec, rows: readonly Row[], first: number): SheetPart {
  const columns = columnsOf(table);
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < rows.length; i++) {
    rowXml(out, columns, rows[i], first + i);
    if ((i + 1) % ROWS_PER_BATCH === 0 || i === rows.length - 1) {
      length = encodeAt(out.join(''), length);
      out.length = 0;
    }
  }
  const piece = rows.length ? deflateScratch(length, false) : { crc: 0, length: 0, deflated: new Uint8Array(0) };
  const part = new Uint8Array(PART_HEADER + piece.deflated.length);
  const view = new DataView(part.buffer);
  view.setUint32(0, piece.crc, true);
  view.setUint32(4, piece.length, true);
  view.setUint32(8, rows.length, true);
  part.set(piece.deflated, PART_HEADER);
  return part;
}

function readPart(part: SheetPart): Piece & { rows: number } {
  const view = new DataView(part.buffer, part.byteOffset, part.byteLength);
  return { crc: view.getUint32(0, true), length: view.getUint32(4, true), rows: view.getUint32(8, true), deflated: part.subarray(PART_HEADER) };
}

/** The rows of one item in a sheet, given the row they start at (the header is row 1). */
export type SheetItem = (first: number) => SheetPart;

export interface XlsxSheet {
  table: TableSpec;
  /** Each region's, department's or project's rows, in order. */
  items: Iterable<SheetItem>;
}

interface Entry {
  name: string;
  crc: number;
  length: number;
  deflated: Uint8Array[];
}

function textEntry(name: string, text: string): Entry {
  const piece = deflatePiece(text, true);
  return { name, crc: piece.crc, length: piece.length, deflated: [piece.deflated] };
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet's entry: its head (columns, header row), each item's rows joined, its tail. */
function sheetEntry(name: string, { table, items }: XlsxSheet): Entry {
  const columns = columnsOf(table);
  const pieces: Piece[] = [];
  let next = 2;
  for (const item of items) {
    const part = readPart(item(next));
    if (part.rows === 0) continue;
    next += part.rows;
    if (next - 2 > XLSX_MAX_ROWS) throw new Error(`工作表 ${table.name} 超过 Excel 的行数上限（${XLSX_MAX_ROWS + 1} 行）`);
    pieces.push(part);
  }
  const lastColumn = columns[columns.length - 1].letter;
  const cols = columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.style ? ` style="${c.style}"` : ''} customWidth="1"/>`)
    .join('');
  const head = deflatePiece(
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1:${lastColumn}${next - 1}"/>` +
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${headerXml(columns)}`,
    false,
  );
  const tail = deflatePiece('</sheetData></worksheet>', true);
  let crc = head.crc;
  let length = head.length;
  for (const p of [...pieces, tail]) {
    crc = crc32Combine(crc, p.crc, p.length);
    length += p.length;
  }
  return { name, crc, length, deflated: [head.deflated, ...pieces.map((p) => p.deflated), tail.deflated] };
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  // Style 1: the built-in number format 2, "0.00", for amounts in 元.
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The `i`th sheet's part, below xl/ (where the workbook's relationships point). */
const sheetPath = (i: number) => `worksheets/sheet${i + 1}.xml`;

/** The workbook's small parts: content types, relationships, the sheet list and the styles. */
function packageEntries(sheets: readonly XlsxSheet[]): Entry[] {
  const sheetType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
  return [
    textEntry(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        sheets.map((_s, i) => `<Override PartName="/xl/${sheetPath(i)}" ContentType="${sheetType}"/>`).join('') +
        '</Types>',
    ),
    textEntry(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    textEntry(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
        sheets.map((s, i) => `<sheet name="${xmlText(s.table.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    textEntry(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${sheetPath(i)}"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ),
    textEntry('xl/styles.xml', STYLES),
  ];
}

// ---------------------------------------------------------------------------------------------
// The zip container

/** 1980-01-01 00:00 in MS-DOS form: every entry is dated the same, so equal rows make equal bytes. */
const DOS_DATE = (1 << 5) | 1;

/**
 * The zip file of the entries (PKWARE APPNOTE 4.3: a local header before each entry's deflated
 * bytes, then the central directory and its end record). Written here rather than with jszip or
 * zip-stream because both deflate each entry themselves from its whole text, where a sheet here
 * is deflated pieces already, most of them kept from the last build.
 */
function zip(entries: readonly Entry[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    const size = e.deflated.reduce((n, d) => n + d.length, 0);
    if (offset + size > 0xffff_fff0 || e.length > 0xffff_ffff) throw new Error(`Excel 文件超过 4 GB：${e.name}`);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed: deflate
    local.setUint16(6, 0, true); // flags
    local.setUint16(8, 8, true); // method: deflate
    local.setUint16(10, 0, true); // time
    local.setUint16(12, DOS_DATE, true);
    local.setUint32(14, e.crc, true);
    local.setUint32(18, size, true);
    local.setUint32(22, e.length, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true); // version made by
    for (let i = 4; i < 30; i++) dir.setUint8(i + 2, local.getUint8(i)); // the local header's fields from "version needed" on
    dir.setUint32(42, offset, true); // comment length, disk, attributes stay 0
    central.push(new Uint8Array(dir.buffer), name);
    chunks.push(new Uint8Array(local.buffer), name);
    for (const d of e.deflated) chunks.push(d);
    offset += 30 + name.length + size;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  return [...chunks, ...central, new Uint8Array(end.buffer)];
}

/** A workbook of the sheets, in order, each named after its table, as the chunks of the file. */
export function xlsxWorkbookChunks(sheets: readonly XlsxSheet[]): Uint8Array[] {
  return zip([...packageEntries(sheets), ...sheets.map((s, i) => sheetEntry(`xl/${sheetPath(i)}`, s))]);
}

/** A workbook of the sheets as bytes ({@link xlsxWorkbookChunks} joined). */
export const xlsxWorkbook = (sheets: readonly XlsxSheet[]): Uint8Array<ArrayBuffer> => concatBytes(xlsxWorkbookChunks(sheets));

/** A workbook of whole tables: each table's rows as one part (tests, small files). */
export function toXlsx(tables: ReadonlyArray<{ table: TableSpec; rows: readonly Row[] }>): Uint8Array<ArrayBuffer> {
  return xlsxWorkbook(tables.map(({ table, rows }) => ({ table, items: [(first: number) => xlsxRowsPart(table, rows, first)] })));
}
