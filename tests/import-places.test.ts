/**
 * Messages name where a line came from in the file the editor was sent: `file:line` for text,
 * the page and line for a .pdf, the sheet cell for an .xlsx, the table, row and column for a
 * .docx. Each file holds the formats test's table with one row the importer cannot read.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importFile } from '../src/importer/formats.ts';
import type { ImportReport } from '../src/importer/index.ts';
import { columnName, placeText, type SourcePlace } from '../src/importer/places.ts';
import { importProblems } from '../src/importer/report.ts';
import { formatProblem } from '../src/problems.ts';
import { TABLE, TABLE_WITH_STRAY_ROW, tableDocx, tableXlsx } from './helpers/formatTable.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-places-'));
const options = { region: '110101', slug: 'sqyl' };
const STRAY = '未能识别「另附测算明细表一份」：不是已知的标签、金额或指标表的单元格  [import-unplaced]';
const cellTexts = TABLE_WITH_STRAY_ROW.map((row) => row.map((c) => (typeof c === 'string' ? c : c.text).replace(/\n/g, '')));

describe('the unreadable row is cited where it was printed', () => {
  test.each([
    ['stray-row.xlsx', () => tableXlsx(TABLE_WITH_STRAY_ROW), '绩效目标表!C9'],
    ['stray-row.docx', () => tableDocx(TABLE_WITH_STRAY_ROW), '表格 1 第 9 行第 3 列'],
    ['stray-row.pdf', 'tests/fixtures/import/formats/stray-row.pdf', '第 1 页第 10 行'],
    // Cells as a PDF table extractor writes them: merged cells are not repeated.
    ['stray-row.json', () => JSON.stringify(cellTexts), '表格 1 第 9 行第 2 列'],
    ['stray-row.txt', () => cellTexts.map((r) => r.join('\t')).join('\n') + '\n', null],
  ] as const)('%s', async (name, source, place) => {
    const file = join(dir, name);
    if (typeof source === 'string') copyFileSync(source, file);
    else writeFileSync(file, await source());
    const result = await importFile(file, { fileName: name, ...options });
    expect(result.projects).toHaveLength(1);
    const messages = importProblems(file, result.report).map(formatProblem);
    // A text file's lines are its own: line 9 of the file, column 1.
    expect(messages).toEqual([expect.stringMatching(new RegExp(`^${escape(`${file}${place ? ` ${place}` : ':9:1'}  (文件)  ${STRAY}`)}\n`))]);
  });

  test('the command prints the sheet cell', async () => {
    const file = join(dir, 'cli.xlsx');
    writeFileSync(file, await tableXlsx(TABLE_WITH_STRAY_ROW));
    const cli = spawnSync(process.execPath, ['scripts/import.ts', file, ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, v]), '--dry-run'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`${file} 绩效目标表!C9  (文件)  ${STRAY}`);
  });
});

describe('a refused value is cited at its own cell', () => {
  // 年度资金总额 printed in words: the amount cell (sheet E5, Word table 1 row 5 column 5) is refused.
  const table = TABLE.map((r, i) => (i === 4 ? r.map((c) => (typeof c !== 'string' && c.text === '36.50' ? { ...c, text: '三十六万五千元' } : c)) : r));
  test.each([
    ['amount.xlsx', () => tableXlsx(table), '绩效目标表!E5'],
    ['amount.docx', () => tableDocx(table), '表格 1 第 5 行第 5 列'],
  ])('%s', async (name, build, place) => {
    const file = join(dir, name);
    writeFileSync(file, await build());
    const result = await importFile(file, { fileName: name, ...options });
    const messages = importProblems(file, result.report).map(formatProblem);
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^${escape(`${file} ${place}  (文件)  警告 读不出金额“三十六万五千元”  [import-note]`)}\n`)));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const row = ['', '预算数', '', '三十六万'];
test.each<[SourcePlace, number | undefined, string, string]>([
  [{ kind: 'page', page: 3, line: 12 }, undefined, '', '第 3 页第 12 行'],
  [{ kind: 'sheet', sheet: '绩效目标', row: 12, cells: row }, 2, '', '绩效目标!C12'],
  // Without a cell, the cell the message quotes, else the row's first printed cell.
  [{ kind: 'sheet', sheet: '绩效目标', row: 7, cells: row }, undefined, '读不出金额“三十六万”', '绩效目标!D7'],
  [{ kind: 'sheet', sheet: '绩效目标', row: 7, cells: row }, undefined, '', '绩效目标!B7'],
  // Excel quotes a sheet name with spaces or punctuation.
  [{ kind: 'sheet', sheet: "Sheet 1 (2023's)", row: 4, cells: row }, 27, '', "'Sheet 1 (2023''s)'!AB4"],
  [{ kind: 'table', table: 2, row: 5, cells: row }, 3, '', '表格 2 第 5 行第 4 列'],
  [{ kind: 'table', table: 2, row: 5, cells: row }, undefined, '', '表格 2 第 5 行第 2 列'],
  [{ kind: 'paragraph', paragraph: 4 }, undefined, '', '第 4 段'],
])('%j, cell %s, message %j → %s', (place, column, message, text) => {
  expect(placeText(place, column, message)).toBe(text);
});

test.each([[1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [703, 'AAA']])('column %i is %s', (n, name) => {
  expect(columnName(n)).toBe(name);
});

describe('line references inside messages follow the format', () => {
  const report = (places?: Map<number, SourcePlace>): ImportReport => ({
    layout: 'x',
    unplaced: [{ line: 4, column: 1, text: '见附件', reason: '第 2 行起的表格缺少预算金额，未能读成项目' }],
    notes: ['第 3–4 行被空行分开的同一指标行已合并', '第 2 行起的项目“甲”：表中没有印金额单位，按第 3 行“合计 5 万元”取 万元'],
    errors: ['文件中没有单位编码：请用 --slug 给出网址用的英文简称，例如 --slug qwlgj'],
    fates: { field: 0, narrative: 0, furniture: 0, placeholder: 0, unplaced: 1 },
    lines: 4,
    ...(places ? { places } : {}),
  });
  const sheet = new Map<number, SourcePlace>([2, 3, 4].map((n) => [n, { kind: 'sheet', sheet: '表1', row: n + 5, cells: ['标签', '', n === 3 ? '合计 5 万元' : '值'] }]));

  test('a text file keeps its line numbers', () => {
    expect(importProblems('a.txt', report()).map(formatProblem).map((m) => m.split('\n')[0])).toEqual([
      'a.txt:1:1  (文件)  文件中没有单位编码  [import-stop]',
      'a.txt:2:1  (文件)  警告 第 2 行起的项目“甲”：表中没有印金额单位，按第 3 行“合计 5 万元”取 万元  [import-note]',
      'a.txt:3:1  (文件)  警告 第 3–4 行被空行分开的同一指标行已合并  [import-note]',
      'a.txt:4:1  (文件)  未能识别「见附件」：第 2 行起的表格缺少预算金额，未能读成项目  [import-unplaced]',
    ]);
  });

  test('a spreadsheet names cells, and a problem about the whole file names only the file', () => {
    expect(importProblems('a.xlsx', report(sheet)).map(formatProblem).map((m) => m.split('\n')[0])).toEqual([
      'a.xlsx  (文件)  文件中没有单位编码  [import-stop]',
      'a.xlsx 表1!A7  (文件)  警告 表1!A7 起的项目“甲”：表中没有印金额单位，按表1!C8“合计 5 万元”取 万元  [import-note]',
      'a.xlsx 表1!A8  (文件)  警告 表1!A8 至 表1!A9 被空行分开的同一指标行已合并  [import-note]',
      'a.xlsx 表1!B9  (文件)  未能识别「见附件」：表1!A7 起的表格缺少预算金额，未能读成项目  [import-unplaced]',
    ]);
  });
});
