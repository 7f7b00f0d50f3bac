/**
 * The check's problems in the formats CI platforms show at file and line: GitHub Actions
 * workflow commands (annotations), GitLab's code quality report (Code Climate JSON) and a
 * JUnit XML report for GitLab's test report.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../problems.ts';

/** The files GitLab reads (named in .gitlab-ci.yml's artifacts:reports). */
export const CODE_QUALITY_REPORT = 'gl-code-quality-report.json';
export const JUNIT_REPORT = 'gl-junit-report.xml';

/** GitHub shows at most 10 annotations of each level per step; the rest are counted. */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotation(p: Problem): string {
  const level = p.severity === 'error' ? 'error' : 'warning';
  const title = `${p.path || '(文件)'} [${p.code}]`;
  return `::${level} file=${escapeProperty(p.file)},line=${p.line},col=${p.column},title=${escapeProperty(title)}::${escapeData(`${p.message}\n提示：${p.hint}`)}`;
}

/** Annotation lines for the errors first, then warnings, each level capped, and a count of the rest. */
export function githubAnnotations(problems: Problem[]): string[] {
  const out: string[] = [];
  for (const level of ['error', 'warning'] as const) {
    const of = problems.filter((p) => p.severity === level);
    out.push(...of.slice(0, GITHUB_ANNOTATIONS_PER_LEVEL).map(githubAnnotation));
    if (of.length > GITHUB_ANNOTATIONS_PER_LEVEL) {
      out.push(`::notice title=npm run check::另有 ${of.length - GITHUB_ANNOTATIONS_PER_LEVEL} 个${level === 'error' ? '错误' : '警告'}没有标注，完整列表见这一步的日志`);
    }
  }
  return out;
}

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/** GitLab's code quality report: one issue per problem, with a fingerprint stable across runs. */
export function gitlabCodeQuality(problems: Problem[]): CodeQualityIssue[] {
  return problems.map((p) => ({
    description: `${p.path ? `${p.path}：` : ''}${p.message}（提示：${p.hint}）`,
    check_name: p.code,
    // Line numbers left out: an edit above a problem must not make it look new.
    fingerprint: createHash('sha256').update([p.file, p.path, p.code, p.message].join('\0')).digest('hex'),
    severity: p.severity === 'error' ? 'critical' : 'info',
    location: { path: p.file, lines: { begin: p.line } },
  }));
}

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** JUnit XML: one failing test case per error, or one passing case when there is none. */
export function junitReport(problems: Problem[], files: number): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const cases = errors.length
    ? errors.map(
        (p) =>
          `    <testcase classname="${xml(p.file)}" name="${xml(`${p.file}:${p.line}:${p.column} ${p.path}`)}" file="${xml(p.file)}" line="${p.line}">\n` +
          `      <failure message="${xml(p.message)}" type="${xml(p.code)}">${xml(`${p.file}:${p.line}:${p.column}  ${p.path}  ${p.message}\n提示：${p.hint}`)}</failure>\n` +
          '    </testcase>',
      )
    : [`    <testcase classname="content" name="npm run check：${files} 个文件没有错误"/>`];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="npm run check" tests="${cases.length}" failures="${errors.length}">`,
    `  <testsuite name="npm run check" tests="${cases.length}" failures="${errors.length}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
