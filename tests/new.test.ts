/**
 * `npm run new`: the skeletons are explained by the check field by field (one clear message per
 * placeholder, no schema noise, no crash), and pass the check once their fields are filled in.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../src/check/index.ts';
import { departmentSkeleton, PLACEHOLDER, projectSkeleton, withPlaceholders, type SkeletonResult } from '../src/lib/skeleton.ts';

/** A content tree holding only the seed region 130229 (or the whole seed content). */
function root(all = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-new-'));
  if (all) cpSync('content', join(dir, 'content'), { recursive: true });
  else cpSync('content/regions/130229.md', join(dir, 'content/regions/130229.md'));
  return dir;
}

function write(dir: string, result: SkeletonResult) {
  if (!result.ok) throw new Error(result.message);
  for (const f of result.files) {
    mkdirSync(dirname(join(dir, f.file)), { recursive: true });
    writeFileSync(join(dir, f.file), f.text);
  }
}

async function check(dir: string) {
  return withPlaceholders(checkContent(dir), dir);
}

/** Replaces the placeholders of a file in order, as an editor fills the skeleton from top to bottom. */
function fill(dir: string, file: string, values: string[]) {
  let text = readFileSync(join(dir, file), 'utf8');
  for (const v of values) text = text.replace(PLACEHOLDER, v);
  expect(text).not.toContain(PLACEHOLDER);
  writeFileSync(join(dir, file), text);
}

const DEPT = 'content/departments/130229/2026/287009.md';
const PROJECT = 'content/projects/130229/2026/13022926P00TEST0001.md';

describe('skeletons', () => {
  test('the check explains every field still to fill in, at its line, and nothing else', async () => {
    const dir = root();
    write(dir, departmentSkeleton(dir, { region: '130229', year: 2026, unit: '287009' }));
    write(dir, projectSkeleton(dir, { department: '130229/2026/287009', code: '13022926P00TEST0001' }));
    const result = await check(dir);
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.path, p.code])).toEqual([
      [DEPT, 'unitName', 'placeholder'],
      [DEPT, 'amountUnit', 'placeholder'],
      [DEPT, 'sourceFile', 'placeholder'],
      [DEPT, 'body', 'placeholder'],
      [DEPT, 'body', 'placeholder'],
      [DEPT, 'body', 'placeholder'],
      [PROJECT, 'name', 'placeholder'],
      [PROJECT, 'amountUnit', 'placeholder'],
      [PROJECT, 'total', 'placeholder'],
      [PROJECT, 'fundingSources[0].amount', 'placeholder'],
      [PROJECT, 'purpose', 'placeholder'],
      [PROJECT, 'goals[0]', 'placeholder'],
      [PROJECT, 'indicators.rows[0].level3', 'placeholder'],
      [PROJECT, 'indicators.rows[0].value', 'placeholder'],
    ]);
    const total = result.problems.find((p) => p.path === 'total')!;
    expect(readFileSync(join(dir, PROJECT), 'utf8').split('\n')[total.line - 1]).toMatch(/^total: /);
    // The explanation is the schema's own JSDoc for the field.
    expect(total.message).toContain('预算数');
    expect(result.problems.find((p) => p.path === 'goals[0]')!.message).toContain('绩效目标');

    // Filled in from top to bottom, both pass.
    fill(dir, DEPT, ['中国共产党玉田县委测试局', '元', '2026年部门预算绩效目标.docx', '总体目标。', '分项目标。', '保障措施。']);
    fill(dir, PROJECT, ['测试项目经费', '元', '50000.00', '50000.00', '用于测试。', '完成测试。', '测试次数', '≥4次']);
    const filled = await check(dir);
    expect(filled.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  test('a department without a unit code yet: the check says where the file goes once it is filled in', async () => {
    const dir = root();
    write(dir, departmentSkeleton(dir, { region: '130229', year: 2026 }));
    const file = 'content/departments/130229/2026/new-department.md';
    expect((await check(dir)).problems.find((p) => p.path === 'unitCode')?.code).toBe('placeholder');
    fill(dir, file, ['287009', '测试局', '元', 'x.docx', '一。', '二。', '三。']);
    const moved = (await check(dir)).problems.filter((p) => p.severity === 'error');
    expect(moved.map((p) => [p.file, p.hint])).toEqual([[file, `移动到 ${DEPT}`]]);
  });

  test.each([
    ['an unknown department', { department: '130229/2030/999999' }, '找不到部门文件 130229/2030/999999'],
    ['a unit code used in two regions', { department: '287001' }, '部门 287001 不止一个'],
    ['a project that exists', { department: '130229/2023/287001', code: '13022923P00JXC415588T' }, '项目 13022923P00JXC415588T 已经存在'],
  ])('new project refuses %s with a message and a hint', (_name, options, message) => {
    const result = projectSkeleton(root(true), options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(message);
      expect(result.hint).not.toBe('');
    }
  });

  test('npm run new adds the project to its department and says what to do next', () => {
    const dir = root(true);
    const run = spawnSync(process.execPath, ['scripts/new.ts', 'project', '--root', dir, '--department', '130229/2023/287001'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('新建 content/projects/130229/2023/new-1.md');
    expect(readFileSync(join(dir, 'content/departments/130229/2023/287001.md'), 'utf8')).toContain('projects:\n  - 13022923P00JXC415588T\n  - new-1\n');
    const bad = spawnSync(process.execPath, ['scripts/new.ts', 'project', '--root', dir], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('没有写入任何文件');
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
