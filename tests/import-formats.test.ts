/**
 * Every format a bureau sends, holding the same table with merged cells: .docx and .xlsx built
 * here, .pdf and .doc checked in (made from the .docx, see tests/fixtures/import/formats/README.md).
 * Each must import to the same project with the columns that were printed; anything the
 * importer cannot read is one line naming the file and the fix, exit code 1, no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importFile } from '../src/importer/formats.ts';
import { countIndicators, joinedValue, type Project } from '../src/schemas/project.ts';
import { EXPECTED, tableDocx, tableXlsx } from './helpers/formatTable.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-formats-'));
const FIXTURES = 'tests/fixtures/import/formats';
const options = { region: '110101', slug: 'sqyl' };

function summary(p: Project) {
  if (p.indicators.form !== 'levels') throw new Error('levels form expected');
  return {
    name: p.name,
    total: p.total,
    amountUnit: p.amountUnit,
    columns: (p.indicators.columns ?? []).map((c) => c.header),
    rows: p.indicators.rows.map((r) => `${r.level1}/${r.level2}/${r.level3.replace(/\s+/g, '')}=${joinedValue(r)}`),
    weights: p.indicators.rows.map((r) => r.weight ?? ''),
  };
}

/** The UTF-8 text export with a byte that can start no UTF-8 character in the middle of line 5. */
function damagedUtf8(): Buffer {
  const bytes = readFileSync('tests/fixtures/import/encodings/utf8.txt');
  bytes[bytes.indexOf('年度资金总额')] = 0xff;
  return bytes;
}

const soffice = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' }).stdout.trim();

describe('the same table in every format imports to the same project', () => {
  test.each([
    ['table.docx', () => tableDocx()],
    ['table.xlsx', () => tableXlsx()],
    ['table.pdf', null],
  ] as const)('%s', async (name, build) => {
    const file = join(dir, name);
    if (build) writeFileSync(file, await build());
    else copyFileSync(join(FIXTURES, name), file);
    const result = await importFile(file, { fileName: name, ...options });
    expect(result.report.errors).toEqual([]);
    // The blanks a merged label spans are not lines the editor must account for.
    expect(result.report.unplaced).toEqual([]);
    expect(result.projects).toHaveLength(1);
    expect(summary(result.projects[0])).toEqual(EXPECTED);
    // The empty 生态效益指标 row is kept and shown, never counted.
    expect(countIndicators(result.projects[0].indicators)).toBe(5);
    const fates = Object.values(result.report.fates).reduce((a, b) => a + b, 0);
    expect(fates).toBe(result.report.lines);
    expect(result.report.fates.placeholder).toBeGreaterThan(0);
  });

  test('a .doc is converted with LibreOffice where it is installed, and refused with the fix where it is not', async () => {
    const file = join(dir, 'table.doc');
    copyFileSync(join(FIXTURES, 'table.doc'), file);
    const cli = spawnSync(process.execPath, ['scripts/import.ts', file, '--region', '110101', '--slug', 'sqyl', '--dry-run'], { encoding: 'utf8' });
    if (soffice) {
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toContain('合计：1 个项目，5 行指标');
    } else {
      expect(cli.status).toBe(1);
      expect(cli.stderr.trim().split('\n')).toHaveLength(1);
      expect(cli.stderr).toContain('apt-get install -y libreoffice-writer');
    }
  }, 120_000);
});

describe('a file the importer cannot read is one line with the fix, exit code 1', () => {
  const cases: Array<[string, string | Buffer | null, RegExp]> = [
    ['missing.docx', null, /找不到这个文件/],
    ['broken.docx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('word/document.xml garbage')]), /无法作为 Word 文件读取/],
    ['broken.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('xl/workbook.xml garbage')]), /无法作为 Excel 文件读取/],
    ['broken.pdf', Buffer.from('%PDF-1.7\nnot really a pdf'), /无法作为 PDF 文件读取/],
    ['archive.zip', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('something.bin')]), /zip 压缩包/],
    ['image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]), /二进制/],
    ['unclosed.csv', '项目名称,"社区养老\n预算数,36.5\n', /无法作为 CSV 文件读取（有一个单元格以引号 " 开头却没有配对的引号/],
    // Text no encoding reads (tests/import-encodings.test.ts has the ones that read).
    ['damaged-utf8.txt', damagedUtf8(), /文件基本是 UTF-8 编码，但第 5 行有损坏的字节.*另存为”时把编码选为 UTF-8/],
    // Neither UTF-8 nor GB18030: a GB lead byte followed by a space.
    ['mixed.csv', Buffer.from([0x81, 0x20, 0x41, 0x0a, 0xfe, 0x30, 0x0a]), /既不是 UTF-8、带 BOM 的 UTF-16，也不是 GB18030\/GBK.*另存为”时把编码选为 UTF-8/],
    // A UTF-16 BOM, then a lone high surrogate on line 2.
    ['lone-surrogate.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('甲\n', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('\n', 'utf16le')]), /标明是 UTF-16LE 编码，但第 2 行有不是 UTF-16LE 的字节/],
  ];
  test.each(cases)('%s', (name, content, message) => {
    const file = join(dir, name);
    if (content !== null) writeFileSync(file, content);
    const cli = spawnSync(process.execPath, ['scripts/import.ts', file, '--region', '110101', '--slug', 'x'], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    const lines = cli.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(message);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(cli.stdout).toBe('');
  });

  test('--debug adds the stack trace for a maintainer', () => {
    const file = join(dir, 'broken-debug.pdf');
    writeFileSync(file, '%PDF-1.7\nnot really a pdf');
    const cli = spawnSync(process.execPath, ['scripts/import.ts', file, '--debug'], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/\n\s+at /);
  });

  test('a text with no indicator table: every line is unplaced and the summary says so', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, '会议纪要\n\n今天讨论了预算安排。\n下次会议时间另行通知。\n');
    const result = await importFile(file, { fileName: 'notes.txt', ...options, year: 2024 });
    expect(result.projects).toEqual([]);
    expect(result.report.fates.unplaced).toBe(3);
    expect(result.report.lines).toBe(3);
    expect(result.report.unplaced.map((u) => u.line)).toEqual([1, 3, 4]);
  });
});
