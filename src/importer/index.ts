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
import { gridFromRows, readTextGrid, type Grid } from './grid.ts';
import { readGeneric, type Fate, type GenericDraft } from './generic.ts';
import { escapeMarkdown } from './narrative.ts';
import { toFen } from '../lib/money.ts';
import { labelKey } from './rows.ts';
import type { SourcePlaces } from './places.ts';
import type { TextEncoding } from './encoding.ts';

export interface ImportOptions {
  /** File name recorded as the department's sourceFile. */
  fileName: string;
  /** GB/T 2260 code, required where the document prints none. */
  region?: string;
  /** Budget year, required where the document prints none. */
  year?: number;
  /** URL key for a department without a unit code. */
  slug?: string;
  /** 单位名称 where the document prints none. */
  unitName?: string;
}

/** How many non-blank source lines got each fate; they add up to `lines`. */
export type FateCounts = Record<Fate, number>;

export interface ImportReport {
  layout: string;
  /** Lines that could not be placed: never dropped silently. */
  unplaced: Unplaced[];
  /** What the importer changed on the way (repeats collapsed, rows joined). */
  notes: string[];
  /** Problems that stop the import: nothing is written when there is one. */
  errors: string[];
  /** The fate of every non-blank line, counted. */
  fates: FateCounts;
  /** Non-blank source lines (or grid rows for .docx/.xlsx/.pdf). */
  lines: number;
  /** Where each grid row was printed, for formats whose rows are not file lines (.docx, .xlsx, .pdf, JSON grids). */
  places?: SourcePlaces;
  /** The encoding a text source was read in (UTF-8, UTF-16LE/BE by BOM, or GB18030 assumed). */
  encoding?: TextEncoding;
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

/** A reader for one table form: `detect` looks at the rows, `read` imports them. */
export interface TableReader {
  name: string;
  detect: (rows: Row[]) => boolean;
  read: (rows: Row[], layout: string, options: ImportOptions) => ImportResult;
}

/** The 重点专项 form names its indicators in a 指标名称 column next to 指标性质, with no 一级指标. */
function hasNamedHeader(rows: Row[]): boolean {
  return rows.some((r) => {
    const keys = r.cells.map((c) => c.replace(/\s/g, ''));
    return keys.includes('指标名称') && keys.includes('指标性质') && !keys.includes('一级指标');
  });
}

/** Numbered 项目绩效目标表 captions with 项目编码 rows (the county documents of 000–003). */
function hasCodedTables(rows: Row[]): boolean {
  return rows.some((r) => r.text && TABLE_TITLE.test(r.cells[0])) && rows.some((r) => r.cells.some((c) => labelKey(c).includes('项目编码')));
}

/** Readers in the order they are tried; the last reads any table it can find by its header. */
export const READERS: TableReader[] = [
  { name: '重点专项绩效目标表', detect: hasNamedHeader, read: (rows, layout, options) => importForm(rows, layout, options, true) },
  { name: '项目绩效目标表（项目编码）', detect: hasCodedTables, read: (rows, layout, options) => importForm(rows, layout, options, false) },
  { name: '通用', detect: () => true, read: (rows, layout, options) => importGrid(gridFromRows(rows, layout), options) },
];

/** Imports text copied out of Word, PDF or a web page, in any of the families readTextGrid knows. */
export function importDocument(source: string, options: ImportOptions): ImportResult {
  const grid = readTextGrid(source);
  const { layout, rows } = readRows(source);
  const formReader = READERS.slice(0, -1).find((r) => r.detect(rows));
  if (!formReader && grid.family !== layout) return importGrid(grid, options);
  const result = importRows(rows, layout, options);
  // The fates are counted over the source's own non-blank lines.
  if (result.report.layout !== 'generic') result.report.fates = seedFates(grid.lines, rows, result.report.unplaced);
  result.report.lines = grid.lines.length;
  return result;
}

/** Imports rows read from any layout (text, or a .docx through {@link readDocxRows}). */
export function importRows(rows: Row[], layout: string, options: ImportOptions): ImportResult {
  const reader = READERS.find((r) => r.detect(rows))!;
  return reader.read(rows, layout, options);
}

/** Fates for the form readers: unplaced lines as reported, text before the first table narrative, the rest fields. */
function seedFates(lines: number[], rows: Row[], unplaced: Unplaced[]): FateCounts {
  const counts: FateCounts = { field: 0, narrative: 0, furniture: 0, placeholder: 0, unplaced: 0 };
  const bad = new Set(unplaced.map((u) => u.line));
  const firstTable = rows.find((r) => !r.text)?.line ?? Infinity;
  const textLines = new Set(rows.filter((r) => r.text).flatMap((r) => Array.from({ length: r.endLine - r.line + 1 }, (_, i) => r.line + i)));
  for (const l of lines) {
    if (bad.has(l)) counts.unplaced++;
    else if (l < firstTable && textLines.has(l)) counts.narrative++;
    else if (!textLines.has(l) && !rows.some((r) => l >= r.line && l <= r.endLine)) counts.furniture++;
    else counts.field++;
  }
  return counts;
}

function importForm(rows: Row[], layout: string, options: ImportOptions, named: boolean): ImportResult {
  const report: ImportReport = { layout, unplaced: [], notes: [], errors: [], fates: { field: 0, narrative: 0, furniture: 0, placeholder: 0, unplaced: 0 }, lines: 0 };
  const pdfText = layout === 'tab-rows';
  const ctx: TableContext = {
    unplaced: report.unplaced,
    notes: report.notes,
    cell: pdfText ? removeWrapSpaces : (t) => t,
  };
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
  unitName ??= options.unitName ?? null;
  if (!unitName) report.errors.push('读不出单位名称（编码+名称一行，或“主管部门”）：请用 --unit-name 给出');
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

  const department = departmentOf({ region, year, unitCode, slug, unitName, title, amountUnit: amountUnit ?? '元' }, options, projects, report);
  const lineSet = [...new Set(rows.flatMap((r) => Array.from({ length: r.endLine - r.line + 1 }, (_, i) => r.line + i)))];
  report.fates = seedFates(lineSet, rows, report.unplaced);
  report.lines = lineSet.length;
  return { department: { ...department, body: narrative.markdown }, projects, report };
}

/** The department document of an import, validated once there is nothing else to fix. */
function departmentOf(
  d: { region?: string; year?: number; unitCode?: string | null; slug?: string; unitName?: string | null; title?: string; amountUnit: AmountUnit },
  options: ImportOptions,
  projects: Project[],
  report: ImportReport,
): Department {
  const department = {
    region: d.region ?? '',
    year: d.year ?? 0,
    ...(d.unitCode ? { unitCode: d.unitCode } : {}),
    ...(d.slug ? { slug: d.slug } : {}),
    unitName: d.unitName ?? '',
    ...(d.title ? { title: d.title } : {}),
    amountUnit: d.amountUnit,
    sourceFile: basename(options.fileName),
    projects: projects.map((p) => p.id),
  };
  if (report.errors.length === 0) {
    const parsed = departmentSchema.safeParse(department);
    if (!parsed.success) for (const issue of parsed.error.issues) report.errors.push(`部门文件：${issue.path.join('.')} ${issue.message}`);
  }
  return department as Department;
}

/** Region and year: what was given on the command line, checked against what is printed. */
function regionAndYear(options: ImportOptions, printedYears: number[], errors: string[]) {
  const region = options.region;
  if (!region) errors.push('文件中没有印出地区代码：请用 --region 给出 6 位 GB/T 2260 代码，例如 --region 500115');
  let year = options.year;
  if (printedYears.length > 1 && !year) errors.push(`文件中印出的年度不一致：${printedYears.join('、')}：请用 --year 给出`);
  const printed = printedYears.length === 1 ? printedYears[0] : undefined;
  if (printed && year && printed !== year) errors.push(`文件印出的年度是 ${printed}，与 --year ${year} 不一致`);
  year ??= printed;
  if (!year) errors.push('文件中没有印出年度：请用 --year 给出，例如 --year 2024');
  return { region, year };
}

/** Imports a grid through the generic reader: any table found by its header and labels. */
export function importGrid(grid: Grid, options: ImportOptions): ImportResult {
  const read = readGeneric(grid);
  const report: ImportReport = {
    layout: grid.family,
    unplaced: [],
    notes: read.notes,
    errors: [],
    fates: { field: 0, narrative: 0, furniture: 0, placeholder: 0, unplaced: 0 },
    lines: grid.lines.length,
  };
  const fates = read.fates;
  const unplace = (lines: number[], reason: string) => {
    for (const l of lines) {
      const f = fates.get(l);
      fates.set(l, { fate: 'unplaced', reason, text: f?.text ?? '' });
    }
  };
  if (read.tablesFound === 0) unplace(grid.lines, '文件中没有找到绩效指标表（表头应有一级指标、二级指标、三级指标和指标值）');

  const { region, year } = regionAndYear(options, read.years, report.errors);
  const unitCode = read.unitCode;
  const slug = unitCode ? undefined : options.slug;
  if (!unitCode && !slug) report.errors.push('文件中没有单位编码：请用 --slug 给出网址用的英文简称，例如 --slug qwlgj');
  const key = unitCode ?? slug ?? '';

  const projects: Project[] = [];
  read.drafts.forEach((d: GenericDraft) => {
    const lines = [...new Set(d.tokens.flatMap((t) => Array.from({ length: t.endLine - t.line + 1 }, (_, i) => t.line + i)))];
    const p = d.project;
    const missing = [!p.name && '项目名称', !p.total && '预算金额', !p.amountUnit && '金额单位', !p.indicators && '指标表'].filter(Boolean);
    // A draft that read nothing (labels of a header row) loses no content.
    if (!p.name && !p.total && !p.indicators) return;
    if (missing.length) {
      unplace(lines, `第 ${d.line} 行起的表格缺少${missing.join('、')}，未能读成项目`);
      return;
    }
    const funding = p.fundingSources ?? [];
    const addsUp = funding.length > 0 && funding.every((f) => f.amount === null || toFen(f.amount, p.amountUnit!) !== null) &&
      funding.reduce((n, f) => n + (f.amount === null ? 0n : toFen(f.amount, p.amountUnit!)!), 0n) === toFen(p.total!, p.amountUnit!);
    if (funding.length && !addsUp) {
      report.notes.push(`第 ${d.line} 行起的项目“${p.name}”：资金来源 ${funding.map((f) => `${f.source} ${f.amount ?? '（空）'}`).join('、')} 相加不等于 ${p.total}，未作为资金来源导入`);
    }
    const contact = p.contact && p.contact.name && p.contact.phone ? p.contact : undefined;
    const project = {
      id: `${region}-${year}-${key}-${String(projects.length + 1).padStart(2, '0')}`,
      name: p.name,
      department: key,
      region,
      year,
      ...(p.supervisor ? { supervisor: p.supervisor } : {}),
      ...(p.implementer ? { implementer: p.implementer } : {}),
      amountUnit: p.amountUnit,
      total: p.total,
      fundingSources: addsUp ? funding : [],
      ...(p.purpose ? { purposeLabel: p.purposeLabel, purpose: p.purpose } : {}),
      goals: p.goals ?? [],
      ...(p.printedFields?.length ? { printedFields: p.printedFields } : {}),
      ...(contact ? { contact } : {}),
      indicators: p.indicators,
    };
    const parsed = projectSchema.safeParse(project);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report.errors.push(`第 ${d.line} 行起的项目“${p.name}”：${issue.path.join('.')} ${issue.message}`);
      return;
    }
    projects.push(parsed.data);
  });

  for (const line of grid.lines) {
    const f = fates.get(line) ?? (grid.padding.has(line) ? { fate: 'furniture' as const, text: '' } : { fate: 'unplaced' as const, text: '', reason: '这一行没有读进任何单元格' });
    report.fates[f.fate]++;
    if (f.fate === 'unplaced') report.unplaced.push({ line, ...('column' in f && f.column !== undefined ? { column: f.column } : {}), text: f.text, reason: f.reason ?? '不是已知的标签、金额或指标表的单元格' });
  }
  if (projects.length === 0 && report.errors.length === 0) report.errors.push('没有读出任何项目表');
  const unitName = read.unitName ?? options.unitName ?? null;
  if (!unitName) report.errors.push('文件中没有印出单位名称（主管部门、预算部门或预算单位）：请用 --unit-name 给出');
  const department = departmentOf({ region, year, unitCode, slug, unitName, amountUnit: projects[0]?.amountUnit ?? '万元' }, options, projects, report);
  const body = read.narrative.length ? read.narrative.map(escapeMarkdown).join('\n\n') + '\n' : '';
  return { department: { ...department, body }, projects, report };
}
