/**
 * The content's publication history, read from git ONCE per build: one `git rev-parse` to
 * find the repository and whether the clone is shallow, one `git log --name-status` over the
 * content folder. Pages then look their file up in the result; nothing runs git per page.
 *
 * A shallow clone (CI checkouts default to depth 1) grafts its oldest commit onto nothing, so
 * git reports that commit as adding every file: its dates are not the files' real dates. Those
 * boundary commits are dropped, and a file whose only known change is one of them has an
 * unknown date rather than a wrong one. Without git at all every date is unknown.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

export type ChangeStatus = 'added' | 'modified' | 'deleted';

export interface ChangedFile {
  status: ChangeStatus;
  /** Path relative to the repository root, forward slashes. */
  path: string;
}

export interface ContentCommit {
  hash: string;
  /** Commit date as the committer's calendar day, YYYY-MM-DD (in the commit's own time zone). */
  date: string;
  /** Commit time, ISO 8601 with offset. */
  time: string;
  author: string;
  /** First line of the commit message. */
  subject: string;
  /** Content files the commit added, changed or deleted. */
  files: ChangedFile[];
}

export type HistoryStatus = 'complete' | 'shallow' | 'unavailable';

export interface ContentHistory {
  /** complete: every date is known; shallow: some may be unknown; unavailable: no git or no repository. */
  status: HistoryStatus;
  /** Why the history is incomplete, in Chinese, for the build log and the pages. */
  reason?: string;
  /** The content folder relative to the repository root ('' when unknown). */
  contentPath: string;
  /** Commits that touched the content folder, newest first (shallow boundary commits left out). */
  commits: ContentCommit[];
  /** The newest commit that touched each file (repository-relative path). */
  lastChange: Map<string, ContentCommit>;
}

/** What pages say when a date cannot be known, and what fixes it. */
export const UNKNOWN_DATE_REASON = {
  noGit: '构建环境没有 git 或不在 git 仓库中，无法读取更新日期',
  shallow: '构建时的 git 克隆是浅克隆（没有完整历史），较早的更新日期未知；CI 中设置 fetch-depth: 0（GitHub）或 GIT_DEPTH: 0（GitLab）',
} as const;

const FIELD = '\x1f';
const RECORD = '\x1e';
const STATUS: Record<string, ChangeStatus> = { A: 'added', M: 'modified', D: 'deleted', T: 'modified' };

function git(cwd: string, args: string[]): { ok: boolean; out: string } {
  const run = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { ok: !run.error && run.status === 0, out: run.stdout ?? '' };
}

const empty = (status: HistoryStatus, reason: string | undefined, contentPath = ''): ContentHistory => ({
  status,
  reason,
  contentPath,
  commits: [],
  lastChange: new Map(),
});

/** Parses `git log --name-status --format=<RECORD>hash<FIELD>…` output; exported for tests. */
export function parseLog(out: string): Array<ContentCommit> {
  const commits: ContentCommit[] = [];
  for (const record of out.split(RECORD)) {
    if (!record.trim()) continue;
    const [header, ...rest] = record.split('\n');
    const [hash, time, author, subject] = header.split(FIELD);
    const files: ChangedFile[] = [];
    for (const line of rest) {
      if (!line) continue;
      const [code, path] = line.split('\t');
      const status = STATUS[code[0]];
      if (status && path) files.push({ status, path });
    }
    commits.push({ hash, time, date: time.slice(0, 10), author, subject, files });
  }
  return commits;
}

/**
 * Reads the history of `contentDir` (a folder inside a git work tree). Never throws: a missing
 * git, a folder outside any repository or a shallow clone give a status and a reason instead.
 */
export function readContentHistory(contentDir: string): ContentHistory {
  const dir = resolve(contentDir);
  const info = git(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository', '--git-path', 'shallow']);
  if (!info.ok) return empty('unavailable', UNKNOWN_DATE_REASON.noGit);
  const [top, shallowFlag, shallowFile] = info.out.trim().split('\n');
  const contentPath = relative(top, dir).split('\\').join('/');
  if (contentPath.startsWith('..') || isAbsolute(contentPath)) return empty('unavailable', UNKNOWN_DATE_REASON.noGit);

  const log = git(top, ['log', '--no-renames', '--name-status', `--format=${RECORD}%H${FIELD}%cI${FIELD}%an${FIELD}%s`, '--', contentPath || '.']);
  if (!log.ok) return empty('unavailable', UNKNOWN_DATE_REASON.noGit, contentPath);

  let boundary = new Set<string>();
  if (shallowFlag === 'true') {
    try {
      boundary = new Set(readFileSync(resolve(dir, shallowFile), 'utf8').split('\n').filter(Boolean));
    } catch {
      // A shallow flag without its file: treat every commit as trustworthy rather than fail the build.
    }
  }
  const commits = parseLog(log.out).filter((c) => !boundary.has(c.hash));
  const lastChange = new Map<string, ContentCommit>();
  for (const c of commits) for (const f of c.files) if (!lastChange.has(f.path)) lastChange.set(f.path, c);
  return boundary.size
    ? { status: 'shallow', reason: UNKNOWN_DATE_REASON.shallow, contentPath, commits, lastChange }
    : { status: 'complete', contentPath, commits, lastChange };
}
