/**
 * Bureaus' .txt and .csv exports come as UTF-8 (with or without a BOM), GBK/GB18030, and UTF-16
 * with a BOM. Each is decoded strictly and reads to the same project as the UTF-8 file; the
 * summary names an assumed GB18030. A file no encoding reads is one line with the fix, exit 1
 * (in tests/import-formats.test.ts, with every other file the importer refuses).
 * The GB files are checked in (see tests/fixtures/import/encodings/README.md); the others are
 * made here from the UTF-8 files.
 */
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

test.each([
  ['ASCII', Buffer.from('a,b\n'), 'UTF-8', 'a,b\n'],
  ['UTF-8 without a BOM', Buffer.from('项目名称\n'), 'UTF-8', '项目名称\n'],
  ['UTF-8 with a BOM, the BOM dropped', Buffer.from('\uFEFF项目', 'utf8'), 'UTF-8', '项目'],
  // 项目 in GBK.
  ['GBK bytes', Buffer.from([0xcf, 0xee, 0xc4, 0xbf]), 'GB18030', '项目'],
])('%s decodes as %s', (_, bytes, encoding, text) => {
  expect(decodeText(bytes)).toEqual({ text, encoding: encoding, bom: encoding === 'UTF-8' && bytes[0] === 0xef });
});
