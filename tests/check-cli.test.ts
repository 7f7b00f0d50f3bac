/** `npm run check` and `npm run build` as an editor runs them: exit codes, and no site from a broken tree. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, symlinkSync, cpSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect, inject, test } from 'vitest';
import { treeFor } from './helpers/fixtures.ts';
import { checkContent } from '../src/check/index.ts';

const checkScript = resolve('scripts/check.ts');

test('the seed content passes with zero errors', () => {
  const result = checkContent('.');
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
});

test('npm run check exits 0 on a good tree and 1 on a bad one, ending with the summary', async () => {
  const good = spawnSync(process.execPath, [checkScript, '--root', await treeFor()], { encoding: 'utf8' });
  expect(good.status).toBe(0);
  const bad = spawnSync(process.execPath, [checkScript, '--root', await treeFor('check/plan-goes-down')], { encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stdout.trim().split('\n').at(-1)).toBe('检查了 3 个文件：1 个错误，0 个警告');
  expect(bad.stderr).toContain('按每条“提示”修改');
});

/** A project folder whose content/ is the given case's tree, with the repository's code linked in. */
async function projectWith(overlay: string): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), 'gongkai-build-'));
  for (const name of ['node_modules', 'src', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    if (existsSync(name)) symlinkSync(resolve(name), join(project, name));
  }
  cpSync(join(await treeFor(overlay), 'content'), join(project, 'content'), { recursive: true });
  return project;
}

/** Lines of Astro's log (`12:00:00 [build] …`, `[vite] …`): none may come before the check's report. */
const astroLine = /^(\d\d:\d\d:\d\d )?\[(build|vite|content|types|gongkai[^\]]*)\]/m;

test('npm run build refuses a broken tree with the check’s report alone, writes nothing, and exits 1', async () => {
  const project = await projectWith('check/sources-do-not-add-up');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', 'build'], { cwd: project, encoding: 'utf8' });
  expect(run.status).toBe(1);
  // The editor's message: file, line, field, and the hint with the fix.
  expect(run.stdout).toMatch(/content\/projects\/130229\/2023\/[^:]+\.md:\d+:\d+\s+fundingSources/);
  expect(run.stdout).toContain('各资金来源之和 49000.00 与总额 50000.00 元 不相等');
  expect(run.stdout).toContain('提示：');
  expect(run.stdout.trim().split('\n').at(-1)).toBe('检查了 3 个文件：1 个错误，0 个警告');
  expect(run.stderr).toContain('按每条“提示”修改');
  // Astro was starting beside the check: nothing of its log, no stack trace, no output folder.
  expect(stripVTControlCharacters(run.stdout + run.stderr)).not.toMatch(astroLine);
  expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
  expect(readdirSync(project)).not.toContain('dist');
});

test('npm run build on a valid tree prints the check’s summary before Astro’s log, then builds the site', () => {
  // The suite's seed site is built by scripts/build.ts (tests/helpers/buildSite.ts).
  const output = inject('seedBuildOutput');
  const summary = output.search(/检查了 \d+ 个文件：0 个错误/);
  expect(summary).toBeGreaterThanOrEqual(0);
  expect(output.search(astroLine)).toBeGreaterThan(summary);
  expect(output).toMatch(/\[gongkai-phases\] \d+ 个页面/);
  expect(existsSync('dist/index.html')).toBe(true);
  expect(existsSync('dist/pagefind')).toBe(true);
});

test('astro build on its own refuses a raw-HTML body with the check’s message, and publishes nothing', async () => {
  const project = await projectWith('check/raw-html-in-body');
  const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { cwd: project, encoding: 'utf8' });
  expect(run.status).not.toBe(0);
  expect(run.stdout + run.stderr).toContain('content/departments/130229/2023/287001.md:');
  expect(run.stdout + run.stderr).toContain('正文中不允许原始 HTML');
  expect(existsSync(join(project, 'dist', '130229'))).toBe(false);
});
