/**
 * Imports one budget performance document (the text copied out of Word or PDF) into a
 * department document and its projects, validated with the same schemas as the build.
 */
import { basename } from 'node:path';
import { departmentSchema, type Department } from '../schemas/department.ts';
import { projectSchema, type Project } from '../schemas/project.ts';
import type { AmountUnit } from '../lib/money.ts';
import { readRows, removeWrapSpaces, type Row } from './rows.ts';
import { buildNarrative } from './narrative.ts';
import { readLevelProjects, TABLE_TITLE } from './levelsTable.ts';
import { readNamedProjects } from './namedTable.ts';
import type { TableContext, Unplaced } from './common.ts';

export interface ImportOptions {
  /** File name recorded as the department's sourceFile. */
  fileName: string;
  /** GB/T 2260 code, required where the document prints none. */
  region?: string;
  /** Budget year, required where the document prints none. */
  year?: number;
  /** URL key for a department without a unit code. */
  slug?: string;
}

export interface ImportReport {
  layout: string;
  /** Lines that could not be placed: never dropped silently. */
  unplaced: Unplaced[];
  /** What the importer changed on the way (repeats collapsed, rows joined). */
  notes: string[];
  /** Problems that stop the import: nothing is written when there is one. */
  errors: string[];
}

export interface ImportResult {
  department: Department & { body: string };
  projects: Project[];
  report: ImportReport;
}

function detectYearFromTitles(rows: Row[]): number[] {
  const years = new Set<number>();
  for (const r of rows) {
    for (const c of r.cells) {
      const m = /(20\d{2})\s*年(?:度)?(?:部门预算|重点专项|一般性项目|部门)/.exec(c);
      if (m) years.add(Number(m[1]));
    }
  }
  return [...years];
}

function documentTitle(rows: Row[]): string | undefined {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!r.text) continue;
    const t = r.cells[0];
    if (/^(20\d{2})\s*年.*(预算绩效|绩效信息|绩效文本)/.test(t)) {
      const next = rows[i + 1];
      if (next?.text && /^[（(]草案[）)]$/.test(next.cells[0])) return `${t} ${next.cells[0]}`;
      return t;
    }
    if (TABLE_TITLE.test(t)) break;
  }
  return undefined;
}

/** Imports the text copied out of a Word or PDF document. */
export function importDocument(source: string, options: ImportOptions): ImportResult {
  const { layout, rows } = readRows(source);
  return importRows(rows, layout, options);
}

/** Imports rows read from any layout (text, or a .docx through {@link readDocxRows}). */
export function importRows(rows: Row[], layout: string, options: ImportOptions): ImportResult {
  const report: ImportReport = { layout, unplaced: [], notes: [], errors: [] };
  const pdfText = layout === 'tab-rows';
  const ctx: TableContext = {
    unplaced: report.unplaced,
    notes: report.notes,
    cell: pdfText ? removeWrapSpaces : (t) => t,
  };
  // The 重点专项 form names its indicators in a 指标名称 column next to 指标性质.
  const named = rows.some((r) => {
    const keys = r.cells.map((c) => c.replace(/\s/g, ''));
    return keys.includes('指标名称') && keys.includes('指标性质');
  });
  const firstTable = rows.findIndex((r) =>
    named ? r.cells.some((c) => /绩效目标表$/.test(c)) : r.text && TABLE_TITLE.test(r.cells[0]),
  );
  const head = firstTable >= 0 ? rows.slice(0, firstTable) : rows;
  const tables = firstTable >= 0 ? rows.slice(firstTable) : [];

  let unitCode: string | null = null;
  let unitName: string | null = null;
  let amountUnit: AmountUnit | null = null;
  let drafts;
  let title = documentTitle(head);
  if (named) {
    const r = readNamedProjects(tables, ctx);
    drafts = r.projects;
    unitName = r.supervisor;
    amountUnit = r.amountUnit ?? drafts[0]?.amountUnit ?? null;
    title ??= tables.flatMap((row) => row.cells).find((c) => /绩效目标表$/.test(c));
  } else {
    const r = readLevelProjects(tables, ctx);
    drafts = r.projects;
    unitCode = r.unitCode;
    unitName = r.unitName;
    amountUnit = r.amountUnit;
  }
  const narrative = named ? { markdown: '', notes: [] } : buildNarrative(head, pdfText);
  report.notes.unshift(...narrative.notes);
  if (named) head.filter((r) => !r.text).forEach((r) => report.unplaced.push({ line: r.line, text: r.cells.join(' | '), reason: '出现在第一张表之前' }));

  // Region and year: from what is printed, checked against what was given.
  const codeRegions = new Set<string>();
  const codeYears = new Set<number>();
  for (const d of drafts) {
    const m = d.code ? /^(\d{6})(\d{2})/.exec(d.code) : null;
    if (m) {
      codeRegions.add(m[1]);
      codeYears.add(2000 + Number(m[2]));
    }
  }
  const titleYears = detectYearFromTitles(rows);
  const printedYears = new Set([...codeYears, ...titleYears]);
  let region = options.region;
  if (codeRegions.size > 1) report.errors.push(`项目编码指向多个地区：${[...codeRegions].join('、')}`);
  const printedRegion = [...codeRegions][0];
  if (printedRegion && region && printedRegion !== region) {
    report.errors.push(`项目编码的地区代码是 ${printedRegion}，与 --region ${region} 不一致`);
  }
  region ??= printedRegion;
  if (!region) report.errors.push('文件中没有印出地区代码：请用 --region 给出 6 位 GB/T 2260 代码，例如 --region 500115');
  if (printedYears.size > 1) report.errors.push(`文件中印出的年度不一致：${[...printedYears].join('、')}`);
  let year = options.year;
  const printedYear = [...printedYears][0];
  if (printedYear && year && printedYear !== year) report.errors.push(`文件印出的年度是 ${printedYear}，与 --year ${year} 不一致`);
  year ??= printedYear;
  if (!year) report.errors.push('文件中没有印出年度：请用 --year 给出，例如 --year 2024');
  if (!unitName) report.errors.push('读不出单位名称（编码+名称一行，或“主管部门”）');
  if (!amountUnit) report.errors.push('读不出金额单位（“单位：元”或“单位：万元”）');
  const slug = unitCode ? undefined : options.slug;
  if (!unitCode && !slug) report.errors.push('文件中没有单位编码：请用 --slug 给出网址用的英文简称，例如 --slug qwlgj');
  if (drafts.length === 0) report.errors.push('没有读出任何项目表');

  const key = unitCode ?? slug ?? '';
  const projects: Project[] = [];
  drafts.forEach((d, i) => {
    const { line, code, codePrinted, name, ...rest } = d;
    const project = {
      id: code ?? `${region}-${year}-${key}-${String(i + 1).padStart(2, '0')}`,
      ...(code ? { code } : {}),
      ...(codePrinted ? { codePrinted } : {}),
      name,
      department: key,
      region,
      year,
      ...rest,
    };
    const parsed = projectSchema.safeParse(project);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        report.errors.push(`第 ${line} 行起的项目“${name}”：${issue.path.join('.')} ${issue.message}`);
      }
      return;
    }
    projects.push(project as Project);
  });

  const department = {
    region: region ?? '',
    year: year ?? 0,
    ...(unitCode ? { unitCode } : {}),
    ...(slug ? { slug } : {}),
    unitName: unitName ?? '',
    ...(title ? { title } : {}),
    amountUnit: amountUnit ?? '元',
    sourceFile: basename(options.fileName),
    projects: projects.map((p) => p.id),
  };
  if (report.errors.length === 0) {
    const parsed = departmentSchema.safeParse(department);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report.errors.push(`部门文件：${issue.path.join('.')} ${issue.message}`);
    }
  }
  return { department: { ...(department as Department), body: narrative.markdown }, projects, report };
}
