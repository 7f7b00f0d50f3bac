/**
 * Stage 1 for files: each format is recognised by its content (not only its name) and read
 * into rows on a grid — .docx through mammoth, .xlsx through exceljs (merged ranges kept),
 * .pdf through pdf.js text positions, .doc/.xls/.wps through LibreOffice when it is
 * installed, text in any family of ./grid.ts. Anything else is refused with one line that
 * says what to do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { CliError } from '../cli.ts';
import type { Row } from './rows.ts';
import { readDocxRows } from './docx.ts';
import { importDocument, importRows, type ImportOptions, type ImportResult } from './index.ts';
import type { SourcePlaces } from './places.ts';
import { decodeText, hasUtf16Bom } from './encoding.ts';

/** A file the importer cannot read: one line naming the file, what is wrong and the fix. */
export class ImportFailure extends CliError {
  constructor(file: string, problem: string, fix: string) {
    super(problem, fix, file);
    this.name = 'ImportFailure';
  }
}

type Kind = 'docx' | 'xlsx' | 'pdf' | 'ole' | 'zip' | 'text' | 'binary';

/** What a file is, from its first bytes (a renamed .docx is still a .docx). */
export function sniff(buffer: Buffer): Kind {
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'ole';
  if (buffer.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') {
    // Zip entry names are stored uncompressed in the local headers.
    const names = buffer.toString('latin1');
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  // UTF-16 text is full of NUL bytes; any other text has none. Its encoding is decided on reading.
  if (hasUtf16Bom(buffer)) return 'text';
  return buffer.includes(0) ? 'binary' : 'text';
}

/**
 * Rows of a CSV file (as Excel and WPS save a sheet): each record on the file lines it spans, so
 * messages cite `file:line` as for any text; a record of one cell is a text row.
 */
export async function readCsvRows(text: string): Promise<Row[]> {
  const { parse } = await import('csv-parse/sync');
  // The last file line of each record, as the parser reaches it.
  const ends: number[] = [];
  let records: string[][];
  try {
    records = parse(text.replace(/\r\n?/g, '\n'), {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record, context) => {
        ends.push(context.lines);
        return record;
      },
    });
  } catch (e) {
    const { code, lines } = e as { code?: string; lines?: number };
    throw new Error(code === 'CSV_QUOTE_NOT_CLOSED' ? `有一个单元格以引号 " 开头却没有配对的引号，一直读到第 ${lines} 行文件结束` : `第 ${lines ?? '?'} 行不是有效的 CSV（${code ?? String(e)}）`, { cause: e });
  }
  const rows: Row[] = [];
  for (const [k, record] of records.entries()) {
    const cells = record.map((c) => c.trim());
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length === 0) continue;
    // Quoted cells may span lines before the record's last one.
    const endLine = ends[k];
    const line = endLine - record.join('').split('\n').length + 1;
    if (cells.length === 1) rows.push({ cells, line, endLine, text: true, raw: cells[0] });
    else rows.push({ cells, line, endLine, text: false });
  }
  return rows;
}

/** Rows of every sheet of a workbook; a merged range's text in its first cell, '' in the rest. */
export async function readXlsxRows(buffer: Buffer, places: SourcePlaces = new Map()): Promise<Row[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: Row[] = [];
  let n = 0;
  workbook.eachSheet((sheet) => {
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        const isCopy = cell.isMerged && cell.master.address !== cell.address;
        cells.push(isCopy ? '' : cellText(cell.value, cell.text));
      }
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      if (cells.length === 0) continue;
      n++;
      places.set(n, { kind: 'sheet', sheet: sheet.name, row: r, cells });
      const filled = cells.filter((c) => c !== '');
      if (filled.length === 1 && cells[0] !== '' && cells.length === 1) rows.push({ cells: [cells[0]], line: n, endLine: n, text: true, raw: cells[0] });
      else rows.push({ cells, line: n, endLine: n, text: false });
    }
  });
  return rows;
}

function cellText(value: unknown, text: string): string {
  if (value && typeof value === 'object' && 'richText' in value) {
    return (value as { richText: Array<{ text: string }> }).richText.map((t) => t.text).join('').trim();
  }
  if (value && typeof value === 'object' && 'result' in value) return String((value as { result: unknown }).result ?? '').trim();
  return (text ?? '').trim();
}

/**
 * Lines of a PDF from pdf.js text positions: items on one baseline form a line, and a gap
 * wider than a character or two separates cells (the columns of a ruled or unruled table).
 */
export async function readPdfRows(buffer: Buffer, places: SourcePlaces = new Map()): Promise<Row[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const rows: Row[] = [];
  let n = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const items = (content.items as Array<{ str: string; transform: number[]; width: number; height: number }>).filter((i) => 'str' in i && i.str !== '');
    const lines: Array<{ y: number; items: typeof items }> = [];
    for (const item of items) {
      const y = item.transform[5];
      const line = lines.find((l) => Math.abs(l.y - y) < Math.max(2, (item.height || 10) * 0.4));
      if (line) line.items.push(item);
      else lines.push({ y, items: [item] });
    }
    lines.sort((a, b) => b.y - a.y);
    lines.forEach((line, k) => {
      line.items.sort((a, b) => a.transform[4] - b.transform[4]);
      const cells: string[] = [];
      let lastEnd = -Infinity;
      let space = false;
      for (const item of line.items) {
        const x = item.transform[4];
        const size = item.height || Math.abs(item.transform[0]) || 10;
        if (item.str.trim() === '') {
          // A printed space; a font change alone (digits beside Chinese) leaves a small gap, not a space.
          space = true;
          continue;
        }
        if (cells.length === 0 || x - lastEnd > size * 1.5) cells.push(item.str.trim());
        else cells[cells.length - 1] += (space || x - lastEnd > size * 0.6 ? ' ' : '') + item.str.trim();
        space = false;
        lastEnd = x + item.width;
      }
      if (cells.length === 0) return;
      // pdf.js reports the gap a font change leaves between digits and Chinese as a space.
      for (let c = 0; c < cells.length; c++) cells[c] = cells[c].replace(/(?<=[\d%])\s(?=\p{Script=Han})|(?<=\p{Script=Han})\s(?=\d)/gu, '');
      n++;
      places.set(n, { kind: 'page', page: p, line: k + 1 });
      if (cells.length === 1) rows.push({ cells, line: n, endLine: n, text: true, raw: cells[0] });
      else rows.push({ cells, line: n, endLine: n, text: false });
    });
  }
  await doc.destroy();
  return rows;
}

/**
 * A cell grid already extracted from a document (JSON: a list of tables, each a list of rows
 * of cell texts, or one table), as PDF table extractors write it.
 */
export function readJsonGrid(text: string, places: SourcePlaces = new Map()): Row[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const isRow = (r: unknown): r is unknown[] => Array.isArray(r) && r.every((c) => c === null || ['string', 'number'].includes(typeof c));
  const isTable = (t: unknown): t is unknown[][] => Array.isArray(t) && t.length > 0 && t.every(isRow);
  const tables = isTable(data) ? [data] : Array.isArray(data) && data.length > 0 && data.every(isTable) ? (data as unknown[][][]) : null;
  if (!tables) return null;
  const rows: Row[] = [];
  let n = 0;
  tables.forEach((table, t) => {
    table.forEach((r, k) => {
      const cells = r.map((c) => (c === null ? '' : String(c).trim()));
      if (cells.every((c) => c === '')) return;
      n++;
      places.set(n, { kind: 'table', table: t + 1, row: k + 1, cells });
      rows.push({ cells, line: n, endLine: n, text: false });
    });
  });
  return rows;
}

/** The LibreOffice binary, if installed. */
function soffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

/** Converts a .doc/.xls/.wps with LibreOffice into .docx or .xlsx; refuses with the fix where it is missing. */
export function convertWithLibreOffice(file: string, to: 'docx' | 'xlsx'): Buffer {
  const bin = soffice();
  if (!bin) {
    throw new ImportFailure(
      file,
      `${extname(file) || '这种'}文件需要 LibreOffice 转换，本机没有安装`,
      `安装 LibreOffice（Debian/Ubuntu：apt-get install -y libreoffice-writer libreoffice-calc），或在 Word/WPS/Excel 中另存为 .${to} 后再导入`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-convert-'));
  try {
    const run = spawnSync(bin, ['--headless', '--convert-to', to, '--outdir', dir, file], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: dir } });
    const out = join(dir, basename(file, extname(file)) + '.' + to);
    if (run.status !== 0 || !existsSync(out)) {
      throw new ImportFailure(file, 'LibreOffice 无法转换这个文件（文件可能已损坏或加密）', `在 Word/WPS/Excel 中打开它，另存为 .${to} 后再导入`);
    }
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports any supported file; throws {@link ImportFailure} with the fix for anything it cannot read. */
export async function importFile(file: string, options: ImportOptions): Promise<ImportResult> {
  if (!existsSync(file)) throw new ImportFailure(file, '找不到这个文件或文件夹', '检查路径和文件名（区分大小写）；路径里有空格时加引号');
  if (statSync(file).isDirectory()) throw new ImportFailure(file, '这是一个文件夹，不是文件', '给出文件夹里的某个文件');
  const buffer = readFileSync(file);
  const kind = sniff(buffer);
  const ext = extname(file).toLowerCase();
  const fail = (problem: string, fix: string) => new ImportFailure(file, problem, fix);
  // A name that promises Word or Excel must hold it: reading it as text would only confuse.
  if ((ext === '.docx' && kind !== 'docx') || (ext === '.xlsx' && kind !== 'xlsx')) {
    throw fail(`无法作为 ${ext === '.docx' ? 'Word' : 'Excel'} 文件读取（内容不是 ${ext} 格式）`, ext === '.docx' ? '用 Word 打开后“另存为 .docx”再导入，或把表格复制成 .txt 导入' : '用 Excel 或 WPS 打开后“另存为 .xlsx”再导入');
  }
  // Rows of a file without lines of their own, and where each was printed, for the messages.
  const places: SourcePlaces = new Map();
  const fromRows = (rows: Row[], layout: string): ImportResult => {
    const result = importRows(rows, layout, options);
    result.report.places = places;
    return result;
  };
  const viaLibreOffice = async (): Promise<ImportResult> => {
    const to = ['.xls', '.et'].includes(ext) ? 'xlsx' : 'docx';
    const converted = convertWithLibreOffice(file, to);
    return fromRows(to === 'docx' ? await readDocxRows(converted, places) : await readXlsxRows(converted, places), `${ext.slice(1) || 'doc'}→${to}`);
  };
  try {
    switch (kind) {
      case 'docx':
        return fromRows(await readDocxRows(buffer, places), 'docx');
      case 'xlsx':
        return fromRows(await readXlsxRows(buffer, places), 'xlsx');
      case 'pdf':
        return fromRows(await readPdfRows(buffer, places), 'pdf');
      case 'ole':
        return await viaLibreOffice();
      case 'zip':
        throw fail('这是一个 zip 压缩包，但不是 Word (.docx) 或 Excel (.xlsx) 文件', '解压后导入其中的 .docx、.xlsx、.pdf 或文本文件');
      case 'binary':
        if (['.doc', '.xls', '.wps', '.et'].includes(ext)) return await viaLibreOffice();
        throw fail('不是文本、Word、Excel 或 PDF 文件（读到二进制内容）', '导入 .docx、.xlsx、.pdf、.doc、.xls、.wps，或从文档中复制出的文本（UTF-8 编码）');
      case 'text': {
        const decoded = decodeText(buffer);
        if ('error' in decoded) throw fail(`无法读出文字：${decoded.error}`, '用记事本、WPS 或 Excel 打开这个文件，“另存为”时把编码选为 UTF-8，再导入');
        const { text, encoding } = decoded;
        const grid = ext === '.json' ? readJsonGrid(text, places) : null;
        if (ext === '.json' && !grid) throw fail('JSON 文件不是单元格表格（应为表格的列表，每个表格是若干行、每行是单元格文字）', '导入原始文档（.docx、.xlsx、.pdf）或从中复制出的文本');
        const result = grid ? fromRows(grid, 'json-grid') : ext === '.csv' ? importRows(await readCsvRows(text), 'csv', options) : importDocument(text, options);
        result.report.encoding = encoding;
        return result;
      }
    }
  } catch (e) {
    if (e instanceof ImportFailure) throw e;
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const [what, fix] = {
      docx: ['Word', '用 Word 打开后“另存为 .docx”再导入，或把表格复制成 .txt 导入'],
      xlsx: ['Excel', '用 Excel 或 WPS 打开后“另存为 .xlsx”再导入'],
      pdf: ['PDF', '用 PDF 阅读器打开确认文件完整；扫描件没有文字层，需要先做文字识别（OCR）'],
      ole: ['Word/Excel', '用 Word、WPS 或 Excel 打开后另存为 .docx/.xlsx 再导入'],
      zip: ['压缩包', '解压后导入其中的文件'],
      binary: ['文档', '导入 .docx、.xlsx、.pdf 或文本'],
      text: [ext === '.csv' ? 'CSV' : '文本', ext === '.csv' ? '用 Excel 或 WPS 打开后另存为 .xlsx（或 UTF-8 的 .csv）再导入' : '确认文件是完整的文本导出'],
    }[kind];
    const err = fail(`无法作为 ${what} 文件读取（${detail}）`, fix);
    err.cause = e;
    throw err;
  }
}
