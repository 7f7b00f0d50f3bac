/**
 * An imported document goes all the way: the importer writes content files, `npm run check`
 * passes them, and the built project page shows the indicator table with the columns that
 * were printed (一级/二级/三级/指标值/权重/备注 here), the empty placeholder row kept, and the
 * other cells the table printed (项目性质, 计划开始日期 …) under 原表其他栏目.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { HtmlValidate } from 'html-validate';
import { beforeAll, expect, test } from 'vitest';
import { importFile } from '../src/importer/formats.ts';
import { planFiles, writeFiles } from '../src/importer/write.ts';
import { buildSite } from './helpers/buildSite.ts';
import { EXPECTED, TABLE, tableXlsx } from './helpers/formatTable.ts';

const ROOT = '.cache/import-site';
let projectId = '';
let withFieldsId = '';

/** The same table printing three more facts after 主管部门, as many provinces' forms do. */
const PRINTED_FIELDS = [
  ['项目性质', '经常性项目'],
  ['计划开始日期', '2024-01-01'],
  ['计划完成日期', '2024-12-31'],
];
const TABLE_WITH_FIELDS = [
  ...TABLE.slice(0, 4),
  [{ text: PRINTED_FIELDS[0][0], span: 2 }, { text: PRINTED_FIELDS[0][1], span: 5 }],
  [{ text: PRINTED_FIELDS[1][0], span: 2 }, { text: PRINTED_FIELDS[1][1], span: 2 }, { text: PRINTED_FIELDS[2][0] }, { text: PRINTED_FIELDS[2][1], span: 2 }],
  ...TABLE.slice(4),
];

beforeAll(async () => {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(join(ROOT, 'content/regions'), { recursive: true });
  writeFileSync(join(ROOT, 'content/regions/110101.md'), '---\ncode: "110101"\nprovince: 北京市\ncounty: 东城区\n---\n');
  const file = join(ROOT, '社区养老.xlsx');
  writeFileSync(file, await tableXlsx());
  const result = await importFile(file, { fileName: '社区养老.xlsx', region: '110101', slug: 'sqyl' });
  expect(result.report.errors).toEqual([]);
  writeFiles(planFiles(result, join(ROOT, 'content')));
  projectId = result.projects[0].id;
  const other = join(ROOT, '养老服务.xlsx');
  writeFileSync(other, await tableXlsx(TABLE_WITH_FIELDS));
  const withFields = await importFile(other, { fileName: '养老服务.xlsx', region: '110101', slug: 'ylfw' });
  expect(withFields.report.errors).toEqual([]);
  expect(withFields.report.unplaced).toEqual([]);
  writeFiles(planFiles(withFields, join(ROOT, 'content')));
  withFieldsId = withFields.projects[0].id;
  buildSite({ GONGKAI_CONTENT: join(ROOT, 'content'), GONGKAI_OUT: join(ROOT, 'dist') }, { check: false });
}, 240_000);

const page = (department: string, id: string) => cheerio.load(readFileSync(join(ROOT, 'dist/110101/2024', department, id, 'index.html'), 'utf8'));

test('imported files pass the editors\' check', () => {
  const run = spawnSync(process.execPath, ['scripts/check.ts', '--root', ROOT], { encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/0 个错误/);
});

test('the project page shows the printed columns and the placeholder row', () => {
  const $ = page('sqyl', projectId);
  const table = $('table.indicators');
  expect(table.find('thead th').map((_, th) => $(th).text().trim()).get()).toEqual(EXPECTED.columns);
  expect(table.find('caption').text()).toContain('5 项');
  const rows = table.find('tbody tr');
  expect(rows).toHaveLength(6);
  expect(rows.filter('.placeholder').text()).toContain('生态效益指标');
  // 权重 as printed, right-aligned as a number column.
  expect(table.find('tbody td.num').first().text()).toBe('30');
});

test('the other cells the table printed are listed under 原表其他栏目, label and value as printed; nothing where there are none', async () => {
  const $ = page('ylfw', withFieldsId);
  // The seed site has no such cells: the gate's HTML check runs here on the page that has them.
  const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateFile(join(ROOT, 'dist/110101/2024/ylfw', withFieldsId, 'index.html'));
  expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
  const section = $('section[aria-labelledby="printed-fields"]');
  expect(section.find('h2#printed-fields').text()).toBe('原表其他栏目');
  const pairs = section.find('dl > div').map((_, d) => [[$(d).find('dt').text(), $(d).find('dd').text()]]).get();
  expect(pairs).toEqual(PRINTED_FIELDS);
  // The table without those cells shows no empty heading.
  const plain = page('sqyl', projectId);
  expect(plain('#printed-fields')).toHaveLength(0);
  expect(plain('main').text()).not.toContain('原表其他栏目');
});
