/**
 * Bureaus' .txt and .csv exports come as UTF-8 (with or without a BOM), GBK/GB18030, and UTF-16
 * with a BOM. Each is decoded strictly and reads to the same project as the UTF-8 file; the
 * summary names an assumed GB18030; a file no encoding reads is one line with the fix, exit 1.
 * The GB files are checked in (see tests/fixtures/import/encodings/README.md); the others are
 * made here from the UTF-8 files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeText } from '../src/importer/encoding.ts';
import { importFile } from '../src/importer/formats.ts';
import { formatImportReport } from '../src/importer/report.ts';

const FIXTURES = 'tests/fixtures/import/encodings';
const dir = mkdtempSync(join(tmpdir(), 'gongkai-encodings-'));
const options = { region: '110101', slug: 'sqyl' };

const utf8 = (name: string) => readFileSync(join(FIXTURES, name));
const utf16le = (b: Buffer) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]);
const utf16be = (b: Buffer) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(b.toString('utf8'), 'utf16le').swap16()]);
const withBom = (b: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);

async function importBytes(name: string, bytes: Buffer) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { file, result: await importFile(file, { fileName: name, ...options }) };
}

describe.each([
  ['txt', 'utf8.txt', 'gb18030.txt', 9],
  ['csv', 'utf8.csv', 'gbk.csv', 10],
])('a .%s export reads the same in every encoding', (ext, original, gb, strayLine) => {
  test.each([
    ['GB18030', () => readFileSync(join(FIXTURES, gb))],
    ['UTF-8', () => withBom(utf8(original))],
    ['UTF-16LE', () => utf16le(utf8(original))],
    ['UTF-16BE', () => utf16be(utf8(original))],
  ] as const)('%s', async (encoding, bytes) => {
    const expected = await importBytes(`original.${ext}`, utf8(original));
    expect(expected.result.report.encoding).toBe('UTF-8');
    expect(expected.result.projects).toHaveLength(1);
    const { file, result } = await importBytes(`${encoding}.${ext}`, bytes());
    expect(result.report.encoding).toBe(encoding);
    // Same project, same text: nothing mis-decoded, no U+FFFD.
    expect(result.projects).toEqual(expected.result.projects);
    expect(result.department.body).toBe(expected.result.department.body);
    const summary = formatImportReport(file, result);
    expect(summary).not.toContain('\uFFFD');
    expect(summary.split('\n')[0]).toBe(`${file}（版式：${expected.result.report.layout}，编码：${encoding}）`);
    // Only an assumed GB18030 is called out; a BOM or valid UTF-8 says what it is.
    expect(summary.includes('已按 GB18030（兼容 GBK、GB2312）读取')).toBe(encoding === 'GB18030');
    expect(summary).toContain(`${file}:${strayLine}:1  (文件)  未能识别「另附测算明细表一份」`);
  });
});

test('the .txt keeps a character outside GBK that GB18030 and UTF-16 carry (𠀀, four bytes / a surrogate pair)', async () => {
  const { result } = await importBytes('gb.txt', readFileSync(join(FIXTURES, 'gb18030.txt')));
  const project = result.projects[0];
  expect(project.goals.join('')).toContain('（含𠀀村）');
});

describe('a file no encoding reads is refused in one line with the fix, exit code 1', () => {
  const damaged = Buffer.from(utf8('utf8.txt'));
  // A byte that can start no UTF-8 character, in the middle of line 5.
  damaged[damaged.indexOf('年度资金总额')] = 0xff;
  test.each<[string, Buffer, RegExp]>([
    ['damaged-utf8.txt', damaged, /文件基本是 UTF-8 编码，但第 5 行有损坏的字节/],
    // Neither UTF-8 nor GB18030: a GB lead byte followed by a space.
    ['mixed.csv', Buffer.from([0x81, 0x20, 0x41, 0x0a, 0xfe, 0x30, 0x0a]), /既不是 UTF-8、带 BOM 的 UTF-16，也不是 GB18030\/GBK/],
    // A UTF-16 BOM, then a lone high surrogate on line 2.
    ['lone-surrogate.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('甲\n', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('\n', 'utf16le')]), /标明是 UTF-16LE 编码，但第 2 行有不是 UTF-16LE 的字节/],
  ])('%s', (name, bytes, message) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const cli = spawnSync(process.execPath, ['scripts/import.ts', file, '--region', '110101', '--slug', 'x'], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    const lines = cli.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain('另存为”时把编码选为 UTF-8');
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(cli.stdout).toBe('');
  });
});

test.each([
  ['ASCII', Buffer.from('a,b\n'), 'UTF-8', 'a,b\n'],
  ['UTF-8 without a BOM', Buffer.from('项目名称\n'), 'UTF-8', '项目名称\n'],
  ['UTF-8 with a BOM, the BOM dropped', Buffer.from('\uFEFF项目', 'utf8'), 'UTF-8', '项目'],
  // 项目 in GBK.
  ['GBK bytes', Buffer.from([0xcf, 0xee, 0xc4, 0xbf]), 'GB18030', '项目'],
])('%s decodes as %s', (_, bytes, encoding, text) => {
  expect(decodeText(bytes)).toEqual({ text, encoding: encoding, bom: encoding === 'UTF-8' && bytes[0] === 0xef });
});
