/**
 * A throw-away git repository whose commits carry the dates and messages a test chooses, so
 * that dates, the change list and the feed can be asserted exactly.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  copy(from: string, to: string): void;
  remove(path: string): void;
  /** Commits everything with this message at this instant (ISO 8601 with offset). */
  commit(message: string, when: string): string;
}

export function tempRepo(prefix = 'gongkai-git-'): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', '编辑 张三');
  git('config', 'user.email', 'editor@example.gov.cn');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    write(path, text) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    },
    copy(from, to) {
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      cpSync(from, join(dir, to));
    },
    remove(path) {
      rmSync(join(dir, path));
    },
    commit(message, when) {
      git('add', '-A');
      execFileSync('git', ['commit', '-q', '-m', message], {
        cwd: dir,
        env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_AUTHOR_NAME: '编辑 张三', GIT_AUTHOR_EMAIL: 'editor@example.gov.cn', GIT_COMMITTER_NAME: '编辑 张三', GIT_COMMITTER_EMAIL: 'editor@example.gov.cn' },
      });
      return git('rev-parse', 'HEAD').trim();
    },
  };
}

/** A seed project with one funding source (财政资金) equal to its total, 50000.00 元. */
export const SEED_PROJECT = 'content/projects/130229/2023/13022923P00JXC415588T.md';

/** The seed project with its total changed and, optionally, a correction entry appended. */
export function correctedProject(total: string, correction?: { date: string; reason: string }): string {
  let text = readFileSync(SEED_PROJECT, 'utf8').replace(/^total: "[^"]*"$/m, `total: "${total}"`);
  // Funding sources must still add up: the seed has one source, 财政资金, equal to the total.
  text = text.replace(/(source: 财政资金\n\s+amount: )"[^"]*"/, `$1"${total}"`);
  if (correction) text = text.replace(/\n---\n/, `\ncorrections:\n  - date: "${correction.date}"\n    reason: ${correction.reason}\n---\n`);
  return text;
}
