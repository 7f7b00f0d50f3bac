/**
 * `npm run new`: skeleton content files for a new department document or project, and the
 * check that explains, field by field, what is still to fill in. Every value the editor must
 * supply is the placeholder 【待填写】, which no real document prints; the check reports each one
 * with the field's explanation from the schemas' JSDoc, instead of the schema's own complaint
 * about, say, an amount that is not a decimal.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compareProblems, type Problem } from '../problems.ts';
import { splitFrontmatter } from '../check/frontmatter.ts';
import { formatPath, parseStrictYaml, type StrictYamlResult } from '../check/strictYaml.ts';
import type { CheckResult } from '../check/index.ts';
import { scalarLeaves } from '../check/since.ts';
import { departmentPath, projectPath, regionPath } from './contentLayout.ts';

export const PLACEHOLDER = '【待填写】';

const PLACEHOLDER_BYTES = Buffer.from(PLACEHOLDER);

/** Whether a file's bytes hold the placeholder: the check asks it of every file it reads. */
export const holdsPlaceholder = (bytes: Buffer) => bytes.includes(PLACEHOLDER_BYTES);

export interface SkeletonFile {
  /** Path relative to the project root. */
  file: string;
  text: string;
  /** For an existing file being changed (the department's project list), its current text. */
  replaces?: string;
}

export type SkeletonResult = { ok: true; files: SkeletonFile[]; next: string[] } | { ok: false; message: string; hint: string };

const q = (s: string) => JSON.stringify(s);
const fail = (message: string, hint: string): SkeletonResult => ({ ok: false, message, hint });

function regionSkeleton(code: string): SkeletonFile {
  return {
    file: regionPath('content', code),
    text: `---
code: ${q(code)}
# 省级名称，例如 河北省 或 重庆市
province: ${PLACEHOLDER}
# 地级市名称，例如 唐山市；直辖市下的区县删除这一行
city: ${PLACEHOLDER}
# 县级名称，例如 玉田县
county: ${PLACEHOLDER}
---
`,
  };
}

export interface DepartmentOptions {
  region: string;
  year: number;
  /** 单位编码, where the document prints one. */
  unit?: string;
  /** URL key where it prints none. */
  slug?: string;
}

export function departmentSkeleton(root: string, o: DepartmentOptions): SkeletonResult {
  if (!/^\d{6}$/.test(o.region)) return fail(`地区代码 ${o.region} 不是 6 位数字`, '用 GB/T 2260 行政区划代码，例如 --region 130229');
  if (!Number.isInteger(o.year) || o.year < 2000 || o.year > 2100) return fail(`年度 ${o.year} 不是 2000–2100 之间的整数`, '例如 --year 2026');
  if (o.unit && o.slug) return fail('--unit 和 --slug 只能给一个', '原文印有单位编码就用 --unit，没有才用 --slug');
  if (o.unit && !/^\d{6}$/.test(o.unit)) return fail(`单位编码 ${o.unit} 不是 6 位数字`, '例如 --unit 287001；原文没有单位编码时用 --slug');
  if (o.slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(o.slug)) return fail(`slug ${o.slug} 只能含小写字母、数字和连字符`, '例如 --slug qwlgj');
  // Without a key yet, the file gets a temporary name; the check says where to move it once unitCode is filled in.
  const key = o.unit ?? o.slug ?? 'new-department';
  const file = departmentPath('content', o.region, o.year, key);
  if (existsSync(join(root, file))) return fail(`${file} 已经存在`, '换一个单位编码，或直接编辑这个文件');
  const identity = o.slug
    ? `# 原文没有单位编码：slug 是网址用的简称\nslug: ${q(o.slug)}`
    : `# 单位编码，按原文，6 位数字，带引号\nunitCode: ${o.unit ? q(o.unit) : q(PLACEHOLDER)}`;
  const files: SkeletonFile[] = [
    {
      file,
      text: `---
region: ${q(o.region)}
year: ${o.year}
${identity}
# 单位名称，按原文
unitName: ${PLACEHOLDER}
# 文件中所有金额的单位：元 或 万元
amountUnit: ${PLACEHOLDER}
# 原始文件的文件名，例如 2026年部门预算绩效目标.docx
sourceFile: ${PLACEHOLDER}
# 原文的发布日期（可选），例如 publishedOn: "2026-02-10"
# 项目：用 npm run new -- project --department ${o.region}/${o.year}/${key} 逐个添加
projects: []
---

## 一、总体绩效目标

${PLACEHOLDER}（按原文粘贴；原文没有这一部分就删除这一节）

## 二、分项绩效目标

${PLACEHOLDER}

## 三、工作保障措施

${PLACEHOLDER}
`,
    },
  ];
  if (!existsSync(join(root, regionPath('content', o.region)))) files.push(regionSkeleton(o.region));
  return {
    ok: true,
    files,
    next: [
      `打开 ${file}，把每个 ${PLACEHOLDER} 换成原文内容`,
      ...(o.unit || o.slug ? [] : [`填好 unitCode 后，把文件改名为 <单位编码>.md（npm run check 会提示新位置）`]),
      ...(files.length > 1 ? [`还新建了地区文件 ${files[1].file}，也要填写`] : []),
      '运行 npm run check，逐条按提示填写，直到没有错误',
    ],
  };
}

export interface ProjectOptions {
  /** The department document: `<region>/<year>/<key>`, or just its key when that is unique. */
  department: string;
  /** 项目编码 as printed, where there is one. */
  code?: string;
}

interface DepartmentFile {
  file: string;
  text: string;
  region: string;
  year: number;
  key: string;
  amountUnit: string;
  projects: string[];
}

function findDepartments(root: string, spec: string): string[] {
  const dir = join(root, 'content', 'departments');
  if (!existsSync(dir)) return [];
  const all = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `content/departments/${f.split(sep).join('/')}`);
  const wanted = spec.replace(/\.md$/, '').replace(/^content\/departments\//, '');
  return all.filter((f) => f === `content/departments/${wanted}.md` || (!wanted.includes('/') && f.endsWith(`/${wanted}.md`)));
}

function readDepartment(root: string, file: string): DepartmentFile | null {
  const text = readFileSync(join(root, file), 'utf8');
  const split = splitFrontmatter(text);
  if (!split.ok) return null;
  const v = parseStrictYaml(split.file.yaml, split.file.yamlLine).value as Record<string, unknown> | undefined;
  if (!v || typeof v.region !== 'string' || typeof v.year !== 'number') return null;
  const key = file.split('/').pop()!.replace(/\.md$/, '');
  return { file, text, region: v.region, year: v.year, key, amountUnit: typeof v.amountUnit === 'string' ? v.amountUnit : PLACEHOLDER, projects: Array.isArray(v.projects) ? v.projects.map(String) : [] };
}

/** The department file with `id` added to its `projects` list, text otherwise untouched. */
export function addToProjectList(text: string, id: string): string | null {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^projects:/.test(l));
  if (at < 0) return null;
  if (/^projects:\s*\[\s*\]\s*$/.test(lines[at])) {
    lines.splice(at, 1, 'projects:', `  - ${id}`);
    return lines.join('\n');
  }
  let last = at;
  while (last + 1 < lines.length && /^\s+- /.test(lines[last + 1])) last++;
  const indent = last > at ? lines[last].match(/^(\s+)- /)![1] : '  ';
  lines.splice(last + 1, 0, `${indent}- ${id}`);
  return lines.join('\n');
}

export function projectSkeleton(root: string, o: ProjectOptions): SkeletonResult {
  const found = findDepartments(root, o.department);
  if (found.length === 0) return fail(`找不到部门文件 ${o.department}`, '用 地区代码/年度/单位编码，例如 --department 130229/2023/287001；新部门先运行 npm run new -- department');
  if (found.length > 1) return fail(`部门 ${o.department} 不止一个：${found.join('、')}`, '写全 地区代码/年度/单位编码，例如 --department 130229/2023/287001');
  const dept = readDepartment(root, found[0]);
  if (!dept) return fail(`${found[0]} 读不出地区和年度`, '先运行 npm run check 改正这个部门文件');
  if (o.code && !/^[0-9A-Z-]+$/.test(o.code)) return fail(`项目编码 ${o.code} 只能含大写字母、数字和连字符`, '去掉换行造成的空格，例如 --code 13022923P00JXC415588T');
  let id = o.code;
  if (!id) {
    let n = 1;
    while (dept.projects.includes(`new-${n}`) || existsSync(join(root, projectPath('content', dept.region, dept.year, `new-${n}`)))) n++;
    id = `new-${n}`;
  }
  const file = projectPath('content', dept.region, dept.year, id);
  if (existsSync(join(root, file)) || dept.projects.includes(id)) return fail(`项目 ${id} 已经存在（${file}）`, '直接编辑这个文件，或换一个项目编码');
  const listed = addToProjectList(dept.text, id);
  if (!listed) return fail(`${dept.file} 没有 projects 字段`, '在部门文件中加上 projects: []，再运行这个命令');
  const code = o.code ? `code: ${q(o.code)}` : '# 项目编码，按原文（去掉换行造成的空格）；原文没有编码就删除这一行\ncode: ' + q(PLACEHOLDER);
  const text = `---
# 项目的网址标识：有项目编码时与 code 相同（文件名也随之改为 <编码>.md），没有编码时保留这个简称
id: ${id}
${code}
# 项目名称，按原文
name: ${PLACEHOLDER}
department: ${q(dept.key)}
region: ${q(dept.region)}
year: ${dept.year}
amountUnit: ${dept.amountUnit === PLACEHOLDER ? PLACEHOLDER : dept.amountUnit}
# 预算数，单位见 amountUnit，带引号的十进制数，例如 "50000.00"
total: ${q(PLACEHOLDER)}
# 资金来源，按原文逐项；空白的来源写 amount: null；各项之和必须等于 total
fundingSources:
  - source: 财政资金
    amount: ${q(PLACEHOLDER)}
purposeLabel: 资金用途
# 资金用途（或 项目概况），按原文
purpose: ${PLACEHOLDER}
# 绩效目标，每条一行，按原文
goals:
  - ${PLACEHOLDER}
# 绩效指标表，每行一个三级指标；一级、二级指标按原文（合并单元格每行都写）
indicators:
  form: levels
  rows:
    - level1: 产出指标
      level2: 数量指标
      level3: ${PLACEHOLDER}
      description: ""
      value: ${PLACEHOLDER}
      basis: ""
---
`;
  return {
    ok: true,
    files: [
      { file, text },
      { file: dept.file, text: listed, replaces: dept.text },
    ],
    next: [
      `打开 ${file}，把每个 ${PLACEHOLDER} 换成原文内容（已把 ${id} 加入 ${dept.file} 的 projects 列表）`,
      ...(o.code ? [] : ['有项目编码时：填写 code，把 id 改成同一个编码，文件改名为 <编码>.md，并改部门文件 projects 中的 ' + id]),
      '运行 npm run check，逐条按提示填写，直到没有错误',
    ],
  };
}

// ---- the check's side: what is still to fill in -------------------------------------------

export interface FieldExplainer {
  (folder: string, path: string): { doc: string; format?: string } | undefined;
}

/** One problem per placeholder left in a file: in the front matter, field by field, and in the body. */
export function placeholderProblems(file: string, source: string, explain: FieldExplainer): Problem[] {
  if (!source.includes(PLACEHOLDER)) return [];
  const split = splitFrontmatter(source);
  if (!split.ok) return [];
  const out: Problem[] = [];
  const yaml: StrictYamlResult = parseStrictYaml(split.file.yaml, split.file.yamlLine);
  const found = scalarLeaves(yaml.value).filter((l) => typeof l.value === 'string' && l.value.includes(PLACEHOLDER));
  const folder = file.split('/')[1] ?? '';
  for (const { path } of found) {
    const name = formatPath(path);
    const field = explain(folder, name.replace(/\[\d+\]/g, '[]'));
    out.push({
      file,
      ...(yaml.positions.get(name) ?? yaml.keyPositions.get(name) ?? { line: 1, column: 1 }),
      path: name,
      message: `还没有填写：${field?.doc ?? name}`,
      hint: `把 ${PLACEHOLDER} 换成原文的内容${field?.format && field.format !== field.doc ? `（格式：${field.format}）` : ''}；字段说明见 docs/编辑指南.md`,
      severity: 'error',
      code: 'placeholder',
    });
  }
  split.file.body.split('\n').forEach((line, i) => {
    const column = line.indexOf(PLACEHOLDER);
    if (column < 0) return;
    out.push({
      file,
      line: split.file.bodyLine + i,
      column: column + 1,
      path: 'body',
      message: '正文还没有填写',
      hint: `把 ${PLACEHOLDER} 换成原文的这一部分；原文没有这一部分就删除这一节`,
      severity: 'error',
      code: 'placeholder',
    });
  });
  return out;
}

function contentFiles(root: string): string[] {
  const dir = join(root, 'content');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => relative(root, join(dir, f)).split(sep).join('/'));
}

/**
 * The check's result with every placeholder explained. The schema's complaints about the same
 * fields (an amount 【待填写】 is not a decimal) are dropped: the placeholder message says it better.
 * Only the files the check found a placeholder in are read again (every file under content/ for
 * a result that does not list them).
 */
export async function withPlaceholders(result: CheckResult, root: string): Promise<CheckResult> {
  const found: Problem[] = [];
  let explain: FieldExplainer | null = null;
  for (const file of result.placeholders ?? contentFiles(root)) {
    const source = readFileSync(join(root, file), 'utf8');
    if (!source.includes(PLACEHOLDER)) continue;
    // The schemas' JSDoc is read (with the TypeScript parser) only when there is something to explain.
    explain ??= await fieldExplainer();
    found.push(...placeholderProblems(file, source, explain));
  }
  if (!found.length) return result;
  const covered = new Set(found.map((p) => `${p.file}\0${p.path}`));
  const problems = [...result.problems.filter((p) => !covered.has(`${p.file}\0${p.path}`)), ...found].sort(compareProblems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { ...result, problems, errors, warnings: problems.length - errors };
}

async function fieldExplainer(): Promise<FieldExplainer> {
  const { collectFieldDocs } = await import('./fieldDocs.ts');
  const docs = collectFieldDocs();
  const byFolder = new Map(Object.entries(docs).map(([folder, fields]) => [folder, new Map(fields.map((f) => [f.path, f]))]));
  // A list item without a JSDoc of its own is explained by its list's (goals[] by goals).
  return (folder, path) => {
    const fields = byFolder.get(folder);
    const own = fields?.get(path);
    return own?.doc ? own : (fields?.get(path.replace(/\[\]$/, '')) ?? own);
  };
}
