/**
 * The editors' gate: validates every file under content/ with the schemas the build uses,
 * plus the checks that span files, and reports every problem of every file at once with
 * file, line, column, field path, a message in Chinese and a hint saying what to change.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { z } from 'astro/zod';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import remarkSafeContent from '../markdown/remarkSafeContent.ts';
import { regionSchema, type Region } from '../schemas/region.ts';
import { departmentKey, departmentSchema, type Department } from '../schemas/department.ts';
import { projectSchema, type Project } from '../schemas/project.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { formatPath, parseStrictYaml, type Position, type StrictYamlResult } from './strictYaml.ts';
import { qualityWarnings } from './quality.ts';
import { toFen } from '../lib/money.ts';
import { compareProblems, countProblem, emptyCounts, formatReport, PART, type Problem } from '../problems.ts';
import { departmentPath, projectPath, regionPath } from '../lib/contentLayout.ts';

/** The content folder as the checker names files: relative to the project root. */
const CONTENT = 'content';

export type { Problem, Severity } from '../problems.ts';

export interface CheckResult {
  files: number;
  problems: Problem[];
  errors: number;
  warnings: number;
}

type Kind = 'regions' | 'departments' | 'projects';

interface Loaded<T> {
  file: string;
  data: T;
  yaml: StrictYamlResult;
}

const SCHEMAS = { regions: regionSchema, departments: departmentSchema, projects: projectSchema } as const;
const LAYOUT: Record<Kind, { depth: number; example: string }> = {
  regions: { depth: 1, example: 'content/regions/130229.md' },
  departments: { depth: 3, example: 'content/departments/130229/2023/287001.md' },
  projects: { depth: 3, example: 'content/projects/130229/2023/13022923P00JXC415588T.md' },
};

function walk(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(walk(full));
    else out.push(full);
  }
  return out;
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The nearest recorded position for a path: its value, its key, or an ancestor. */
function positionOf(yaml: StrictYamlResult, path: ReadonlyArray<PropertyKey>, preferKey = false): Position {
  for (let n = path.length; n >= 0; n--) {
    const key = formatPath(path.slice(0, n));
    const pos = preferKey ? (yaml.keyPositions.get(key) ?? yaml.positions.get(key)) : (yaml.positions.get(key) ?? yaml.keyPositions.get(key));
    if (pos) return pos;
  }
  return { line: 1, column: 1 };
}

const FULLWIDTH_DIGIT = /[０-９]/;

/** What to change, for schema problems that carry no hint of their own. */
function hintFor(issue: z.core.$ZodIssue, value: unknown, raw: string | undefined): string {
  const last = issue.path[issue.path.length - 1];
  const params = (issue as { params?: { hint?: string } }).params;
  if (params?.hint) return params.hint;
  if (typeof value === 'number' && raw !== undefined) {
    return `YAML 把 ${raw} 读成了数字 ${value}：加上引号写成 ${String(last)}: "${raw}"`;
  }
  if (typeof value === 'boolean' && raw !== undefined) return `YAML 把 ${raw} 读成了真假值：加上引号写成 "${raw}"`;
  if (typeof value === 'string' && (last === 'total' || last === 'amount')) {
    if (value.startsWith('-')) return '金额不能为负数；核对原文';
    if (FULLWIDTH_DIGIT.test(value)) return '把全角数字改成半角数字，例如 "120"';
    if (value.includes(',')) return `去掉千分位逗号，写成 "${value.replace(/,/g, '')}"`;
    if (/[¥￥$元]/.test(value)) return '去掉货币符号和单位，单位写在 amountUnit 字段';
    if (value.includes('万')) return '金额只写数字；“万元”写在 amountUnit 字段，不要写进金额';
    return '金额只能是半角数字和小数点，例如 "50000.00"';
  }
  if (issue.code === 'invalid_value') return `可选值：${issue.values.map(String).join('、')}`;
  if (issue.code === 'unrecognized_keys') return '删除这个字段，或改正拼写（字段名区分大小写）';
  if (issue.code === 'too_small' && Array.isArray(value)) return '补上缺少的条目';
  return '按上面的说明修改这个值';
}

const TYPE_NAMES: Record<string, string> = { array: '列表（每项一行，以 - 开头）', object: '含字段的对象', string: '文字', number: '数字', boolean: '真假值' };

function describeValue(value: unknown): string {
  if (value === null) return '空值';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return '对象';
  return `${typeof value === 'string' ? '文字' : typeof value === 'number' ? '数字' : '真假值'} ${String(value)}`;
}

function schemaProblems(file: string, yaml: StrictYamlResult, issues: z.core.$ZodIssue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({
          file,
          ...positionOf(yaml, path, true),
          path: formatPath(path),
          message: `不认识的字段 ${key}`,
          hint: hintFor(issue, undefined, undefined),
          severity: 'error',
          code: 'unknown-field',
        });
      }
      continue;
    }
    const value = valueAt(yaml.value, issue.path);
    const path = formatPath(issue.path);
    const missing = value === undefined && issue.code === 'invalid_type';
    const raw = yaml.rawText.get(path);
    let message = issue.message;
    if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) {
      message = `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，这里是${describeValue(value)}`;
    } else if (issue.code === 'too_small' && message.startsWith('Too small')) {
      message = '内容太少：' + (Array.isArray(value) ? '列表不能为空' : '不能为空');
    }
    if (missing) message = `缺少必填字段 ${String(issue.path[issue.path.length - 1] ?? '')}`;
    out.push({
      file,
      ...positionOf(yaml, issue.path, missing),
      path,
      message,
      hint: missing ? `加上 ${String(issue.path[issue.path.length - 1])}: …（见 README 中的字段说明）` : hintFor(issue, value, raw),
      severity: 'error',
      code: missing ? 'missing-field' : ((issue as { params?: { code?: string } }).params?.code ?? 'schema'),
    });
  }
  return out;
}

function bodyProblems(file: string, body: string, bodyLine: number): Problem[] {
  const vfile = new VFile({ path: file, value: body });
  const processor = unified().use(remarkParse).use(remarkSafeContent);
  processor.runSync(processor.parse(vfile), vfile);
  return vfile.messages.map((m) => ({
    file,
    line: (m.line ?? 1) + bodyLine - 1,
    column: m.column ?? 1,
    path: 'body',
    message: m.reason,
    hint: m.ruleId === 'raw-html' ? '删除 HTML 标签，只用 Markdown 写文字；需要的符号 < > 写成 \\< \\>' : '只允许 http(s) 或站内链接；删除这个链接',
    severity: 'error' as const,
    code: m.ruleId ?? 'unsafe-content',
  }));
}

function kindOf(rel: string): Kind | null {
  const parts = rel.split('/');
  if (parts[0] !== 'content') return null;
  const kind = parts[1] as Kind;
  if (!(kind in LAYOUT)) return null;
  return parts.length === LAYOUT[kind].depth + 2 ? kind : null;
}

/** Checks every file under `<root>/content`. */
export function checkContent(root: string): CheckResult {
  const problems: Problem[] = [];
  const contentDir = join(root, 'content');
  const files = walk(contentDir);
  const loaded: { regions: Loaded<Region>[]; departments: Loaded<Department>[]; projects: Loaded<Project>[] } = {
    regions: [],
    departments: [],
    projects: [],
  };
  /** Files present but invalid: their own errors are reported, references to them are not. */
  const invalid = new Set<string>();
  for (const full of files) {
    const file = relative(root, full).split(sep).join('/');
    const kind = kindOf(file);
    if (!kind || !file.endsWith('.md')) {
      problems.push({
        file,
        line: 1,
        column: 1,
        path: '',
        message: '文件不在约定的位置，不会被发布',
        hint: `地区、部门、项目文件分别放在 ${Object.values(LAYOUT).map((l) => l.example).join('、')} 这样的位置，扩展名 .md`,
        severity: 'error',
        code: 'file-outside-layout',
      });
      continue;
    }
    const split = splitFrontmatter(readFileSync(full, 'utf8'));
    if (!split.ok) {
      problems.push({ file, line: split.line, column: 1, path: PART.frontMatter, message: split.message, hint: split.hint, severity: 'error', code: 'no-frontmatter' });
      invalid.add(file);
      continue;
    }
    const { yaml: yamlText, yamlLine, body, bodyLine } = split.file;
    const yaml = parseStrictYaml(yamlText, yamlLine);
    for (const p of yaml.problems) problems.push({ file, ...p, severity: 'error' });
    problems.push(...bodyProblems(file, body, bodyLine));
    // A second front-matter block: the body opens with `key: value` lines closed by ---.
    const bodyStart = body.replace(/^\s*\n/, '');
    if (/^[A-Za-z_]\w*:\s/.test(bodyStart) && /^---\s*$/m.test(bodyStart)) {
      problems.push({ file, line: bodyLine, column: 1, path: '', message: '文件中有多段 YAML（多个 --- 分隔的文档）', hint: '一个文件只写一段 front matter；把字段合并到第一段', severity: 'error', code: 'yaml-documents' });
    }
    if (yaml.value === undefined || yaml.problems.length) {
      invalid.add(file);
      continue;
    }
    const parsed = SCHEMAS[kind].safeParse(yaml.value);
    if (!parsed.success) {
      problems.push(...schemaProblems(file, yaml, parsed.error.issues));
      invalid.add(file);
      continue;
    }
    (loaded[kind] as Loaded<unknown>[]).push({ file, data: parsed.data, yaml });
  }
  problems.push(...crossFileProblems(loaded, invalid));
  problems.push(...loaded.projects.flatMap((p) => qualityWarnings(p.file, p.data, (path) => positionOf(p.yaml, path))));
  problems.sort(compareProblems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { files: files.length, problems, errors, warnings: problems.length - errors };
}

function at(l: Loaded<unknown>, path: ReadonlyArray<PropertyKey>): Position {
  return positionOf(l.yaml, path);
}

function crossFileProblems(
  loaded: { regions: Loaded<Region>[]; departments: Loaded<Department>[]; projects: Loaded<Project>[] },
  invalid: Set<string>,
): Problem[] {
  const out: Problem[] = [];
  const err = (l: Loaded<unknown>, path: PropertyKey[], message: string, hint: string, code = 'cross-file') =>
    out.push({ file: l.file, ...at(l, path), path: formatPath(path), message, hint, severity: 'error', code });

  const regions = new Map<string, Loaded<Region>>();
  for (const r of loaded.regions) {
    if (r.file !== regionPath(CONTENT, r.data.code)) err(r, ['code'], `文件名与地区代码 ${r.data.code} 不一致`, `把文件改名为 ${regionPath(CONTENT, r.data.code)}`);
    if (regions.has(r.data.code)) err(r, ['code'], `地区代码 ${r.data.code} 重复`, `已在 ${regions.get(r.data.code)!.file} 中定义`);
    regions.set(r.data.code, r);
  }

  const departments = new Map<string, Loaded<Department>>();
  for (const d of loaded.departments) {
    const key = departmentKey(d.data);
    const expected = departmentPath(CONTENT, d.data.region, d.data.year, key);
    if (d.file !== expected) err(d, [d.data.unitCode ? 'unitCode' : 'slug'], `文件位置与地区、年度、单位编码不一致`, `移动到 ${expected}`);
    if (!regions.has(d.data.region) && !invalid.has(regionPath(CONTENT, d.data.region))) err(d, ['region'], `地区 ${d.data.region} 没有地区文件`, `新建 ${regionPath(CONTENT, d.data.region)}，或改正地区代码`);
    const id = `${d.data.region}/${d.data.year}/${key}`;
    if (departments.has(id)) {
      err(d, [d.data.unitCode ? 'unitCode' : 'slug'], `同一地区、年度的单位编码 ${key} 重复`, `已在 ${departments.get(id)!.file} 中使用；单位编码只在地区内唯一`);
      continue;
    }
    departments.set(id, d);
  }

  const projects = new Map<string, Loaded<Project>>();
  for (const p of loaded.projects) {
    const expected = projectPath(CONTENT, p.data.region, p.data.year, p.data.id);
    if (p.file !== expected) err(p, ['id'], '文件位置与地区、年度、项目 id 不一致', `移动到 ${expected}`);
    const other = projects.get(p.data.id);
    if (other) err(p, ['id'], `项目 id ${p.data.id} 与 ${other.file} 重复`, '项目 id 在全站必须唯一；核对项目编码');
    projects.set(p.data.id, p);
    if (!regions.has(p.data.region) && !invalid.has(regionPath(CONTENT, p.data.region))) err(p, ['region'], `地区 ${p.data.region} 没有地区文件`, `新建 ${regionPath(CONTENT, p.data.region)}，或改正地区代码`);
    const dept = departments.get(`${p.data.region}/${p.data.year}/${p.data.department}`);
    if (!dept) {
      if (invalid.has(departmentPath(CONTENT, p.data.region, p.data.year, p.data.department))) continue;
      err(p, ['department'], `找不到部门文件 ${p.data.region}/${p.data.year}/${p.data.department}`, `department 填部门文件的单位编码（或 slug），并确认 ${departmentPath(CONTENT, p.data.region, p.data.year, p.data.department)} 存在`);
      continue;
    }
    if (!dept.data.projects.includes(p.data.id)) err(p, ['id'], `部门文件 ${dept.file} 的 projects 列表中没有这个项目，它不会被发布`, `在 ${dept.file} 的 projects 中加上 ${p.data.id}`);
    if (dept.data.amountUnit !== p.data.amountUnit) err(p, ['amountUnit'], `金额单位 ${p.data.amountUnit} 与部门文件的 ${dept.data.amountUnit} 不一致`, '同一份文件的金额单位相同；核对原文“单位：”一栏');
  }
  for (const d of departments.values()) {
    const seen = new Set<string>();
    d.data.projects.forEach((id, i) => {
      const p = projects.get(id);
      if (!p && !invalid.has(projectPath(CONTENT, d.data.region, d.data.year, id))) {
        err(d, ['projects', i], `列出的项目 ${id} 不存在`, `新建 ${projectPath(CONTENT, d.data.region, d.data.year, id)}，或从列表中删除`);
      } else if (p && (p.data.region !== d.data.region || p.data.year !== d.data.year || p.data.department !== departmentKey(d.data))) {
        err(d, ['projects', i], `列出的项目 ${id} 属于另一个部门文件`, '核对项目文件的 region、year、department');
      }
      if (seen.has(id)) err(d, ['projects', i], `项目 ${id} 在列表中出现了两次`, '删除重复的一项');
      seen.add(id);
    });
  }
  out.push(...unitSlipProblems(departments, projects));
  return out;
}

/** A project total 10 000× away from its siblings is almost always 元 typed as 万元 or back. */
function unitSlipProblems(departments: Map<string, Loaded<Department>>, projects: Map<string, Loaded<Project>>): Problem[] {
  const out: Problem[] = [];
  for (const d of departments.values()) {
    const members = d.data.projects.map((id) => projects.get(id)).filter((p): p is Loaded<Project> => !!p);
    if (members.length < 3) continue;
    const totals = members.map((o) => toFen(o.data.total, o.data.amountUnit) ?? 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    // The lower median: one slipped amount cannot drag it along.
    const median = totals[Math.floor((totals.length - 1) / 2)];
    for (const p of members) {
      const own = toFen(p.data.total, p.data.amountUnit) ?? 0n;
      if (median === 0n || own === 0n) continue;
      if (own >= median * 5000n || own * 5000n <= median) {
        out.push({
          file: p.file,
          ...positionOf(p.yaml, ['total']),
          path: 'total',
          message: `预算数 ${p.data.total} ${p.data.amountUnit} 与同一部门其他项目相差约一万倍，可能把单位写错了`,
          hint: '核对原文的“单位：元/万元”；万元的金额写成 5.00，元的金额写成 50000.00',
          severity: 'error',
          code: 'unit-slip',
        });
      }
    }
  }
  return out;
}

/** Every error in full, warnings in full with `verbose` or summarised per rule, then the totals. */
export function formatProblems(result: CheckResult, verbose = true): string {
  const counts = emptyCounts();
  for (const p of result.problems) countProblem(counts, p);
  return formatReport(result.problems, counts, { verbose, subject: `检查了 ${result.files} 个文件` });
}
