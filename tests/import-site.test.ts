/**
 * An imported document goes all the way: the importer writes content files, `npm run check`
 * passes them, and the built project page shows the indicator table with the columns that
 * were printed (一级/二级/三级/指标值/权重/备注 here), the empty placeholder row kept.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, expect, test } from 'vitest';
import { importFile } from '../src/importer/formats.ts';
import { planFiles, writeFiles } from '../src/importer/write.ts';
import { buildSite } from './helpers/buildSite.ts';
import { EXPECTED, tableXlsx } from './helpers/formatTable.ts';

const ROOT = '.cache/import-site';
let projectId = '';

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
}, 60_000);

test('imported files pass the editors\' check', () => {
  const run = spawnSync(process.execPath, ['scripts/check.ts', '--root', ROOT], { encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/0 个错误/);
});

test('the project page shows the printed columns and the placeholder row', () => {
  buildSite({ GONGKAI_CONTENT: join(ROOT, 'content'), GONGKAI_OUT: join(ROOT, 'dist') }, { check: false });
  const html = readFileSync(join(ROOT, 'dist/110101/2024/sqyl', projectId, 'index.html'), 'utf8');
  const $ = cheerio.load(html);
  const table = $('table.indicators');
  expect(table.find('thead th').map((_, th) => $(th).text().trim()).get()).toEqual(EXPECTED.columns);
  expect(table.find('caption').text()).toContain('5 项');
  const rows = table.find('tbody tr');
  expect(rows).toHaveLength(6);
  expect(rows.filter('.placeholder').text()).toContain('生态效益指标');
  // 权重 as printed, right-aligned as a number column.
  expect(table.find('tbody td.num').first().text()).toBe('30');
}, 180_000);
