/**
 * `npm run check -- --since <ref>` on temporary repositories: a published amount or indicator
 * value changed without a new correction entry is refused at its line; with one it passes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkSince } from '../src/check/since.ts';
import { correctedProject, SEED_PROJECT, tempRepo, type TempRepo } from './helpers/gitRepo.ts';

const DEPT = 'content/departments/130229/2023/287001.md';
const PROJECT = SEED_PROJECT;

/** A repository whose main branch holds one published department and project, on a branch `edit`. */
function published(): TempRepo {
  const repo = tempRepo('gongkai-since-');
  repo.copy('content/regions/130229.md', 'content/regions/130229.md');
  repo.copy(DEPT, DEPT);
  repo.copy(PROJECT, PROJECT);
  repo.commit('发布', '2024-03-01T09:00:00+08:00');
  repo.git('checkout', '-q', '-b', 'edit');
  return repo;
}

const seedText = (file: string) => readFileSync(file, 'utf8');
const CORRECTION = { date: '2024-05-02', reason: '预算数录入有误，由 50000.00 元更正为 60000.00 元' };

/** What each case does to the published files on the branch, and the problems expected (path and code). */
const cases: Array<[string, (r: TempRepo) => void, Array<[string, string, string]>]> = [
  ['an amount changed without a correction', (r) => r.write(PROJECT, correctedProject('60000.00')), [
    [PROJECT, 'total', 'uncorrected-change'],
    [PROJECT, 'fundingSources[0].amount', 'uncorrected-change'],
  ]],
  ['an amount changed with a new correction entry', (r) => r.write(PROJECT, correctedProject('60000.00', CORRECTION)), []],
  ['an indicator value changed without a correction', (r) => r.write(PROJECT, seedText(PROJECT).replace('value: ≥100老年大学全年开展课程次数', 'value: ≥120老年大学全年开展课程次数')), [
    [PROJECT, 'indicators.rows[0].value', 'uncorrected-change'],
  ]],
  ['text that is not a number changed', (r) => r.write(PROJECT, seedText(PROJECT).replace('name: 老年大学、关心下一代经费', 'name: 老年大学、关心下一代工作经费')), []],
  ['a committed change is found as well as one in the work tree', (r) => {
    r.write(PROJECT, correctedProject('60000.00'));
    r.commit('改预算数', '2024-05-02T09:00:00+08:00');
  }, [
    [PROJECT, 'total', 'uncorrected-change'],
    [PROJECT, 'fundingSources[0].amount', 'uncorrected-change'],
  ]],
  ['a published project deleted', (r) => r.remove(PROJECT), [[PROJECT, '(文件)', 'uncorrected-removal']]],
  ['a published project withdrawn with a correction on its department', (r) => {
    r.remove(PROJECT);
    r.write(DEPT, seedText(DEPT).replace(/projects:\n  - 13022923P00JXC415588T\n/, 'projects: []\ncorrections:\n  - date: "2024-06-01"\n    reason: 该项目已取消，撤下\n'));
  }, []],
  ['the base branch corrected a number after the branch was made', (r) => {
    r.git('checkout', '-q', 'main');
    r.write(PROJECT, correctedProject('60000.00', CORRECTION));
    r.commit('更正', '2024-05-02T09:00:00+08:00');
    r.git('checkout', '-q', 'edit');
  }, []],
];

describe('check --since', () => {
  test.each(cases)('%s', (_name, edit, expected) => {
    const repo = published();
    edit(repo);
    const problems = checkSince(repo.dir, 'main');
    expect(problems.map((p) => [p.file, p.path, p.code])).toEqual(expected);
  });

  test('the message quotes the old and new value at the field’s line, and the hint shows the entry to add', () => {
    const repo = published();
    repo.write(PROJECT, correctedProject('60000.00'));
    const [total] = checkSince(repo.dir, 'main');
    expect(total.line).toBe(seedText(PROJECT).split('\n').findIndex((l) => l.startsWith('total:')) + 1);
    expect(total.message).toBe('已发布的预算数从 “50000.00” 改成了 “60000.00”，但没有新增更正说明');
    expect(total.hint).toMatch(/corrections:\n\s+- date: "\d{4}-\d{2}-\d{2}"\n\s+reason: 预算数有误，由 50000.00 更正为 60000.00/);
  });

  test('an unknown ref is one clear error, not a stack trace', () => {
    const repo = published();
    const [problem, ...rest] = checkSince(repo.dir, 'origin/nope');
    expect(rest).toEqual([]);
    expect(problem.code).toBe('since-git');
    expect(problem.message).toContain('无法与 origin/nope 比较');
    expect(problem.hint).toContain('fetch-depth: 0');
  });

  test.each([
    ['refuses', undefined, 1, '[uncorrected-change]'],
    ['accepts', CORRECTION, 0, '0 个错误'],
  ])('npm run check -- --since main %s the change through the command line', (_name, correction, status, output) => {
    const repo = published();
    repo.write(PROJECT, correctedProject('60000.00', correction));
    const run = spawnSync(process.execPath, ['scripts/check.ts', '--root', repo.dir, '--since', 'main'], { encoding: 'utf8' });
    expect(run.status).toBe(status);
    expect(run.stdout).toContain(output);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
