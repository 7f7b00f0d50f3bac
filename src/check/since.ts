/**
 * `npm run check -- --since <git ref>`: no published number changes silently. Every content
 * file changed since the ref (from the merge base, so that what the base branch did meanwhile
 * is not counted) is compared with its published version; a changed amount, spending plan or
 * indicator value is an error unless the same change adds an entry to `corrections`.
 *
 * Git runs three times in all, however many files changed: merge-base, one diff, and one
 * `cat-file --batch` that streams every old version.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PART, compareProblems, type Problem } from '../problems.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { formatPath, parseStrictYaml, type Position, type StrictYamlResult } from './strictYaml.ts';
import type { CheckResult } from './index.ts';
import { departmentPath } from '../lib/contentLayout.ts';

/** The published values, by field path, with what a reader calls them. Order matters: first match names the field. */
export const PUBLISHED_VALUES: ReadonlyArray<{ pattern: RegExp; label: string }> = [
  { pattern: /^total$/, label: '预算数' },
  { pattern: /^amountUnit$/, label: '金额单位' },
  { pattern: /^fundingSources\[\d+\]\.(amount|source)$/, label: '资金来源金额' },
  { pattern: /^spendingPlan\.(basis|points\[\d+\]\.(value|printed))$/, label: '资金支出计划' },
  { pattern: /^executionWeight$/, label: '预算执行率权重' },
  { pattern: /^indicators\.scoreTotal$/, label: '指标分值合计' },
  { pattern: /^indicators\.rows\[\d+\]\.(value|longTermValue)$/, label: '指标值' },
  { pattern: /^indicators\.rows\[\d+\]\.nature$/, label: '指标性质' },
  { pattern: /^indicators\.rows\[\d+\]\.unit$/, label: '指标单位' },
  { pattern: /^indicators\.rows\[\d+\]\.(weight|score)$/, label: '指标分值（权重）' },
];

const CONTENT_KINDS = /^content\/(departments|projects)\/[^/]+\/[^/]+\/[^/]+\.md$/;

function git(root: string, args: string[], input?: string): { ok: boolean; out: Buffer; err: string } {
  const run = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: root, input, maxBuffer: 1 << 30 });
  return { ok: !run.error && run.status === 0, out: run.stdout ?? Buffer.alloc(0), err: run.stderr?.toString() ?? String(run.error ?? '') };
}

interface Version {
  yaml: StrictYamlResult;
  values: Map<string, string>;
  corrections: Set<string>;
}

/** Every scalar of a YAML value with its field path, in document order. */
export function scalarLeaves(value: unknown, path: PropertyKey[] = [], out: Array<{ path: PropertyKey[]; value: unknown }> = []) {
  if (Array.isArray(value)) value.forEach((v, i) => scalarLeaves(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) scalarLeaves(v, [...path, k], out);
  else out.push({ path, value });
  return out;
}

function readVersion(text: string): Version | null {
  const split = splitFrontmatter(text);
  if (!split.ok) return null;
  const yaml = parseStrictYaml(split.file.yaml, split.file.yamlLine);
  if (yaml.value === null || typeof yaml.value !== 'object') return null;
  const values = new Map(
    scalarLeaves(yaml.value)
      .map(({ path, value }) => [formatPath(path), value === null ? '（空白）' : String(value)] as const)
      .filter(([path]) => PUBLISHED_VALUES.some((v) => v.pattern.test(path))),
  );
  const list = (yaml.value as { corrections?: unknown }).corrections;
  const corrections = new Set(Array.isArray(list) ? list.map((c) => JSON.stringify(c)) : []);
  return { yaml, values, corrections };
}

/** Where a field is in the new file: its value, else its nearest ancestor's. */
function positionIn(yaml: StrictYamlResult, path: string): Position {
  for (let p = path; p; ) {
    const pos = yaml.positions.get(p) ?? yaml.keyPositions.get(p);
    if (pos) return pos;
    const parent = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    p = parent === p ? '' : parent;
  }
  return { line: 1, column: 1 };
}

const labelOf = (path: string) => PUBLISHED_VALUES.find((v) => v.pattern.test(path))!.label;
const today = () => new Date().toISOString().slice(0, 10);
const correctionHint = (what: string) =>
  `已发布的数字不能无痕修改。在这个文件的 corrections 中加一条：\n      corrections:\n        - date: "${today()}"\n          reason: ${what}\n    （说明改了什么、为什么改；页面和 /corrections/ 会显示这条更正说明）`;

function gitProblem(ref: string, detail: string): Problem {
  return {
    file: 'content',
    line: 1,
    column: 1,
    path: PART.file,
    message: `无法与 ${ref} 比较已发布的内容：${detail.trim().split('\n')[0] || 'git 不可用'}`,
    hint: '确认分支名正确（例如 origin/main），并且克隆有完整历史：GitHub Actions 设 fetch-depth: 0，GitLab CI 设 GIT_DEPTH: 0，本地先 git fetch origin',
    severity: 'error',
    code: 'since-git',
  };
}

/** Files changed since the merge base of `ref` and HEAD (work tree included), with their old text. */
function changedFiles(root: string, ref: string): { base: string; files: Array<{ status: string; file: string; old: string | null }> } | Problem {
  const base = git(root, ['merge-base', ref, 'HEAD']);
  if (!base.ok) return gitProblem(ref, base.err);
  const baseHash = base.out.toString().trim();
  const diff = git(root, ['diff', '--name-status', '--no-renames', '--relative', '-z', baseHash, '--', 'content']);
  if (!diff.ok) return gitProblem(ref, diff.err);
  const parts = diff.out.toString().split('\0').filter(Boolean);
  const changed: Array<{ status: string; file: string }> = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    if ((parts[i] === 'M' || parts[i] === 'D') && CONTENT_KINDS.test(parts[i + 1])) changed.push({ status: parts[i], file: parts[i + 1] });
  }
  if (!changed.length) return { base: baseHash, files: [] };
  // One process streams every old version: "<hash> blob <size>\n<bytes>\n" per request.
  const batch = git(root, ['cat-file', '--batch'], changed.map((c) => `${baseHash}:./${c.file}\n`).join(''));
  if (!batch.ok) return gitProblem(ref, batch.err);
  const out = batch.out;
  let at = 0;
  const files = changed.map((c) => {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString();
    const size = Number(header.split(' ')[2]);
    if (header.endsWith('missing') || !Number.isFinite(size)) {
      at = nl + 1;
      return { ...c, old: null };
    }
    const old = out.subarray(nl + 1, nl + 1 + size).toString('utf8');
    at = nl + 1 + size + 1;
    return { ...c, old };
  });
  return { base: baseHash, files };
}

/** The problems of `--since <ref>`: published values changed without a new correction entry. */
export function checkSince(root: string, ref: string): Problem[] {
  const changed = changedFiles(root, ref);
  if ('code' in changed) return [changed];
  const problems: Problem[] = [];
  const gainedCorrection = new Set<string>();
  const versions = changed.files.map((f) => {
    const before = f.old === null ? null : readVersion(f.old);
    const full = join(root, f.file);
    const after = f.status === 'D' || !existsSync(full) ? null : readVersion(readFileSync(full, 'utf8'));
    if (before && after && [...after.corrections].some((c) => !before.corrections.has(c))) gainedCorrection.add(f.file);
    return { ...f, before, after };
  });
  for (const { file, before, after } of versions) {
    // A file that was not readable before was never published as it stands; the ordinary check covers the new one.
    if (!before) continue;
    if (!after) {
      const dept = departmentOf(file, before);
      if (dept && gainedCorrection.has(dept)) continue;
      problems.push({
        file,
        line: 1,
        column: 1,
        path: PART.file,
        message: `已发布的文件被删除或移动，它的页面会消失（与 ${changed.base.slice(0, 10)} 相比）`,
        hint: dept
          ? `已发布的内容不能无痕撤下：恢复这个文件；确需撤下时，在 ${dept} 的 corrections 中加一条说明撤下的原因`
          : '已发布的内容不能无痕撤下：恢复这个文件，或在 corrections 中说明后只修改内容、不删除文件',
        severity: 'error',
        code: 'uncorrected-removal',
      });
      continue;
    }
    if (gainedCorrection.has(file)) continue;
    const paths = new Set([...before.values.keys(), ...after.values.keys()]);
    for (const path of paths) {
      const was = before.values.get(path);
      const now = after.values.get(path);
      if (was === now) continue;
      const label = labelOf(path);
      const change = was === undefined ? `新增了${label} “${now}”` : now === undefined ? `删去了${label} “${was}”` : `${label}从 “${was}” 改成了 “${now}”`;
      problems.push({
        file,
        ...positionIn(after.yaml, path),
        path,
        message: `已发布的${change}，但没有新增更正说明`,
        hint: correctionHint(was !== undefined && now !== undefined ? `${label}有误，由 ${was} 更正为 ${now}` : `${label}有误，已更正`),
        severity: 'error',
        code: 'uncorrected-change',
      });
    }
  }
  return problems.sort(compareProblems);
}

/** The department document a project file belongs to, from its published version. */
function departmentOf(file: string, version: Version): string | null {
  if (!file.startsWith('content/projects/')) return null;
  const v = version.yaml.value as { region?: unknown; year?: unknown; department?: unknown };
  return v.region && v.year && v.department ? departmentPath('content', String(v.region), Number(v.year), String(v.department)) : null;
}

/** The check's result with the `--since` problems added and counted. */
export function withSince(result: CheckResult, root: string, ref: string): CheckResult {
  const extra = checkSince(root, ref);
  return {
    ...result,
    problems: [...result.problems, ...extra].sort(compareProblems),
    errors: result.errors + extra.filter((p) => p.severity === 'error').length,
    warnings: result.warnings + extra.filter((p) => p.severity === 'warning').length,
  };
}
