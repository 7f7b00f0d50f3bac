/** Every script ends bad input with one line naming the file and the fix, exit code 1, and no stack trace unless --debug. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, expect, test } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
const notZip = join(dir, 'not-a-zip.docx');
const brokenXml = join(dir, 'broken-xml.docx');

beforeAll(async () => {
  writeFileSync(notZip, '这不是 Word 文件');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>断了');
  writeFileSync(brokenXml, await zip.generateAsync({ type: 'nodebuffer' }));
});

const run = (script: string, args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

test.each([
  ['import: a path that does not exist', 'scripts/import.ts', () => [join(dir, 'missing.txt')], 'missing.txt：找不到这个文件或文件夹', '检查路径和文件名'],
  ['import: a folder', 'scripts/import.ts', () => [dir], '这是一个文件夹，不是文件', '给出文件夹里的某个文件'],
  ['import: a .docx that is not a zip', 'scripts/import.ts', () => [notZip], 'not-a-zip.docx：无法作为 Word 文件读取', '另存为 .docx'],
  ['import: a .docx whose XML is broken', 'scripts/import.ts', () => [brokenXml], 'broken-xml.docx：无法作为 Word 文件读取', '另存为 .docx'],
  ['import: no file given', 'scripts/import.ts', () => [], '没有给出要导入的文件', '用法：npm run import'],
  ['import: an unknown option', 'scripts/import.ts', () => ['--forse', 'x.txt'], "命令行参数有误：Unknown option '--forse'", '核对参数拼写'],
  ['check: a root without content/', 'scripts/check.ts', () => ['--root', dir], 'content：找不到这个文件或文件夹', '检查路径和文件名'],
  ['check: an unknown option', 'scripts/check.ts', () => ['--verbos'], "命令行参数有误：Unknown option '--verbos'", '--verbose'],
  ['bench: an unknown option', 'scripts/bench.ts', () => ['--project', '1000'], "命令行参数有误：Unknown option '--project'", '核对参数拼写'],
  ['bench: a count that is not a whole number', 'scripts/bench.ts', () => ['--projects', '1万'], '--projects 应为正整数，收到的是 1万', '例如 --projects 1000'],
  ['province: an unknown option', 'scripts/province.ts', () => ['shard', '--indx', '0'], "命令行参数有误：Unknown option '--indx'", '核对参数拼写'],
  ['province: a shard without its numbers', 'scripts/province.ts', () => ['shard'], '参数不全或有误', '用法：npm run province -- shard --index I --total N'],
])('%s', (_name, script, args, message, fix) => {
  const result = run(script, args());
  expect(result.status).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^错误：/);
  expect(lines[0]).toContain(message);
  expect(lines[0]).toContain(fix);
  expect(result.stderr + result.stdout).not.toMatch(/\n\s+at /);
});

test('check --help lists the options and checks nothing', () => {
  const result = run('scripts/check.ts', ['--help', '--root', dir]);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^用法：npm run check -- \[选项\]/);
  for (const option of ['--verbose', '--json', '--since', '--root', '--no-cache', '--threads']) expect(result.stdout).toContain(option);
  // With --help the root is not read: no "找不到" for a folder without content/.
  expect(result.stderr).toBe('');
});

test('--debug adds the stack trace after the line', () => {
  const result = run('scripts/import.ts', [notZip, '--debug']);
  expect(result.status).toBe(1);
  expect(result.stderr.split('\n')[0]).toContain('无法作为 Word 文件读取');
  expect(result.stderr).toMatch(/\n\s+at /);
});

test('import reads back what it would write as the check does, and writes nothing the check would refuse', () => {
  const seed = readFileSync('tests/fixtures/seeds/000_cb9bcc25fae283ff.txt', 'utf8');
  const source = join(dir, 'zero-width.txt');
  writeFileSync(source, seed.replace('老年大学', '老年\u200B大学'));
  const out = join(dir, 'out', 'content');
  const result = run('scripts/import.ts', [source, '--out', out]);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/departments\/130229\/2023\/287001\.md:\d+:\d+ {2}body {2}文字中有不可见的字符 \\u200B/);
  expect(result.stderr).toContain('没有写入任何文件');
  expect(existsSync(out)).toBe(false);
});
