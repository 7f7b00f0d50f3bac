/** `npm run check` and `npm run build` as an editor runs them: exit codes, and no site from a broken tree. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync, cpSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { treeFor } from './helpers/fixtures.ts';
import { checkContent } from '../src/check/index.ts';

const checkScript = resolve('scripts/check.ts');

test('the seed content passes with zero errors', () => {
  const result = checkContent('.');
  expect(result.errors).toBe(0);
  expect(result.files).toBe(49);
});

test('npm run check exits 0 on a good tree and 1 on a bad one, ending with the summary', () => {
  const good = spawnSync(process.execPath, [checkScript, '--root', treeFor()], { encoding: 'utf8' });
  expect(good.status).toBe(0);
  const bad = spawnSync(process.execPath, [checkScript, '--root', treeFor('check/plan-goes-down')], { encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stdout.trim().split('\n').at(-1)).toBe('检查了 3 个文件：1 个错误，0 个警告');
  expect(bad.stderr).toContain('按每条“提示”修改');
});

test('npm run build refuses a broken tree and writes nothing', () => {
  const project = mkdtempSync(join(tmpdir(), 'gongkai-build-'));
  for (const name of ['node_modules', 'src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    symlinkSync(resolve(name), join(project, name));
  }
  cpSync(join(treeFor('check/sources-do-not-add-up'), 'content'), join(project, 'content'), { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', 'build'], { cwd: project, encoding: 'utf8' });
  expect(run.status).not.toBe(0);
  expect(run.stdout).toContain('各资金来源之和 49000.00 与总额 50000.00 元 不相等');
  expect(existsSync(join(project, 'dist'))).toBe(false);
  expect(readdirSync(project)).not.toContain('dist');
});
