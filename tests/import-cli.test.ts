/** `npm run import` as an editor runs it: into an empty folder, content that passes the check. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkContent } from '../src/check/index.ts';
import { loadDepartments, loadProjects } from './helpers/content.ts';

const SEEDS = 'tests/fixtures/seeds';

function importCli(args: string[]) {
  return spawnSync(process.execPath, ['scripts/import.ts', ...args], { encoding: 'utf8' });
}

test('importing the five seeds into an empty folder gives content that passes the check and equals the published content', () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-import-'));
  const out = join(root, 'content');
  const runs = [
    ['000_cb9bcc25fae283ff.txt'],
    ['001_cb61c323ec83f4ab.txt', '--region', '130304'],
    ['002_759a5ed20f4ead86.txt'],
    ['003_dc9ba9428939a42a.txt'],
    ['004_cdea752009ac314a.txt', '--region', '500115', '--slug', 'qwlgj'],
  ];
  const summaries = runs.map(([file, ...options]) => {
    const run = importCli([join(SEEDS, file), '--out', out, ...options]);
    expect(run.status, run.stderr).toBe(0);
    return run.stdout.split('\n').find((l) => l.startsWith('合计'));
  });
  expect(summaries).toEqual([
    '合计：1 个项目，9 行指标，0 行未能识别',
    '合计：3 个项目，9 行指标，0 行未能识别',
    '合计：4 个项目，26 行指标，0 行未能识别',
    '合计：23 个项目，191 行指标，0 行未能识别',
    '合计：9 个项目，51 行指标，0 行未能识别',
  ]);
  // Regions are kept by hand, not imported.
  cpSync('content/regions', join(out, 'regions'), { recursive: true });
  expect(checkContent(root).errors).toBe(0);
  expect(loadProjects(out)).toEqual(loadProjects());
  expect(loadDepartments(out)).toEqual(loadDepartments());
});

test('existing files are not overwritten without --force, and --dry-run writes nothing', () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-import-'));
  const out = join(root, 'content');
  const seed = join(SEEDS, '000_cb9bcc25fae283ff.txt');
  const dry = importCli([seed, '--out', out, '--dry-run']);
  expect(dry.status).toBe(0);
  expect(dry.stdout).toContain(`将写入 ${join(out, 'projects/130229/2023/13022923P00JXC415588T.md')}`);
  expect(existsSync(out)).toBe(false);
  expect(importCli([seed, '--out', out]).status).toBe(0);
  const again = importCli([seed, '--out', out]);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('2 个文件已存在，没有写入任何文件。确认要覆盖时加 --force。');
  expect(importCli([seed, '--out', out, '--force']).status).toBe(0);
});

test('a document with lines it cannot place is not written until the editor has looked', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'gongkai-import-')), 'content');
  const run = importCli(['tests/fixtures/import/garbage-lines/input.txt', '--out', out]);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('tests/fixtures/import/garbage-lines/input.txt:42:1  (文件)  未能识别「盖章处」');
  expect(run.stdout).toContain('合计：1 个项目，2 行指标，4 行未能识别');
  expect(existsSync(out)).toBe(false);
  expect(importCli(['tests/fixtures/import/garbage-lines/input.txt', '--out', out, '--allow-unplaced']).status).toBe(0);
  expect(readdirSync(join(out, 'projects/130229/2023'))).toEqual(['13022923P00JXC000003C.md']);
});

test('a document that prints no region is refused with the flag to use', () => {
  const run = importCli([join(SEEDS, '004_cdea752009ac314a.txt'), '--dry-run']);
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('文件中没有印出地区代码  [import-stop]\n    提示：请用 --region 给出 6 位 GB/T 2260 代码');
  expect(run.stdout).toContain('文件中没有单位编码  [import-stop]\n    提示：请用 --slug 给出网址用的英文简称');
});
