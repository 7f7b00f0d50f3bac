/**
 * The open-data tables: the same facts as the pages, one row per region, department
 * document, project, indicator and quality flag, with the printed text beside every parsed
 * value and amounts both as printed (with their unit) and converted exactly to 元.
 *
 * One description per table ({@link TABLES}) drives the CSV header, the XLSX cell types and
 * the Frictionless data package, so the three cannot disagree.
 */
import { stringify } from 'csv-stringify/sync';
import type { Region } from '../schemas/region.ts';
import type { Publishing } from './publishing.ts';
import type { DepartmentView, ProjectView, SiteModel } from './site.ts';
import { regionName } from './site.ts';
import { formatDecimal } from './money.ts';
import { countIndicators, isPlaceholderRow, type Project } from '../schemas/project.ts';
import { FLAG_TITLE, indicatorFacts, isQuantified, PLAN_RULE, type ProjectQuality } from './quality.ts';
import { xlsxRowsPart, xlsxWorkbookChunks } from './openDataXlsx.ts';

const yuan = (fen: bigint) => formatDecimal({ units: fen, scale: 2 });

/** Frictionless Table Schema field types used here. */
export type FieldType = 'string' | 'integer' | 'number' | 'year' | 'boolean';

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** Chinese column title. */
  title: string;
  description: string;
  /** Unit of a number, where one unit holds for the whole column. */
  unit?: string;
}

export interface ForeignKey {
  fields: string[];
  reference: { resource: string; fields: string[] };
}

export interface TableSpec {
  /** Resource name in the data package, and the file's base name. */
  name: string;
  title: string;
  description: string;
  fields: FieldSpec[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

export type Row = Record<string, string>;

/** What the flags table reads of the 指标质量 report: each project's flags, by page URL. */
export interface FlagSource {
  byProject: ReadonlyMap<string, Pick<ProjectQuality, 'flags' | 'planConflict'>>;
}

/** What a file covers: the whole site, one region and year, one department or one project. */
export interface OpenDataScope {
  regions: Region[];
  departments: DepartmentView[];
  projects: ProjectView[];
}

const f = (name: string, type: FieldType, title: string, description: string, unit?: string): FieldSpec => ({ name, type, title, description, ...(unit ? { unit } : {}) });

export const REGIONS_TABLE: TableSpec = {
  name: 'regions',
  title: '地区',
  description: 'Regions that publish documents, by GB/T 2260 code.',
  fields: [
    f('code', 'string', '地区代码', 'GB/T 2260 administrative division code, six digits.'),
    f('province', 'string', '省级', 'Province-level name as printed.'),
    f('city', 'string', '地级', 'Prefecture-level name; empty under a municipality.'),
    f('county', 'string', '县级', 'County-level name.'),
    f('name', 'string', '地区名称', 'Full name: province, city and county together.'),
  ],
  primaryKey: ['code'],
  foreignKeys: [],
};

export const DEPARTMENTS_TABLE: TableSpec = {
  name: 'departments',
  title: '部门文件',
  description: "One unit's budget performance document (部门预算绩效目标) for one year.",
  fields: [
    f('region_code', 'string', '地区代码', 'Region (GB/T 2260 code).'),
    f('year', 'year', '年度', 'Budget year.'),
    f('key', 'string', '部门键', 'Key of the document inside its region and year: the unit code, or a slug where none is printed.'),
    f('unit_code', 'string', '单位编码', '单位编码 as printed; empty where the document prints none.'),
    f('department', 'string', '单位名称', '单位名称 as printed.'),
    f('title', 'string', '文件标题', "The document's own title where it prints one."),
    f('amount_unit', 'string', '金额单位', 'Unit every amount of the document is printed in: 元 or 万元.'),
    f('total_yuan', 'number', '项目预算合计（元）', "Sum of the document's project budgets, converted exactly to 元.", '元'),
    f('projects', 'integer', '项目数', 'Number of projects in the document.'),
    f('source_file', 'string', '来源文件', 'File name of the source document.'),
    f('url', 'string', '网址', 'Path of the department page on this site.'),
  ],
  primaryKey: ['region_code', 'year', 'key'],
  foreignKeys: [{ fields: ['region_code'], reference: { resource: 'regions', fields: ['code'] } }],
};

export const PROJECTS_TABLE: TableSpec = {
  name: 'projects',
  title: '预算项目',
  description: 'One row per budget project (预算项目) with its amounts, funding sources and spending plan as printed.',
  fields: [
    f('id', 'string', '项目 id', 'Stable id: the printed 项目编码 without wrap spaces, or a slug where none is printed.'),
    f('code', 'string', '项目编码', '项目编码, wrap spaces removed; empty where none is printed.'),
    f('code_printed', 'string', '项目编码（原文）', 'The code exactly as printed.'),
    f('name', 'string', '项目名称', '项目名称 as printed.'),
    f('region_code', 'string', '地区代码', 'Region (GB/T 2260 code).'),
    f('region', 'string', '地区', 'Region name.'),
    f('year', 'year', '年度', 'Budget year.'),
    f('department_key', 'string', '部门键', 'Key of the department document (unit code or slug); with region_code and year it points at departments.'),
    f('unit_code', 'string', '单位编码', '单位编码 as printed; empty where none is printed.'),
    f('department', 'string', '单位名称', '单位名称 as printed.'),
    f('amount_unit', 'string', '金额单位', 'Unit of total_printed, funding_sources and an amount plan: 元 or 万元.'),
    f('total_printed', 'string', '预算数（原文）', 'Budget exactly as printed (a decimal in amount_unit), kept as text.'),
    f('total_yuan', 'number', '预算数（元）', 'Budget converted exactly to 元.', '元'),
    f('funding_sources', 'string', '资金来源', 'Funding sources as printed, "source:amount" in amount_unit, separated by "; "; an empty amount is a blank cell.'),
    f('purpose', 'string', '资金用途', '资金用途 / 项目概况 as printed.'),
    f('spending_plan_basis', 'string', '支出计划口径', 'percent: cumulative share of the budget; amount: cumulative amount in amount_unit; empty without a plan.'),
    f('plan_mar', 'string', '3月底', 'Cumulative plan at the end of March, as printed.'),
    f('plan_jun', 'string', '6月底', 'Cumulative plan at the end of June, as printed.'),
    f('plan_oct', 'string', '10月底', 'Cumulative plan at the end of October, as printed.'),
    f('plan_dec', 'string', '12月底', 'Cumulative plan at the end of December, as printed.'),
    f('goals', 'string', '绩效目标', 'Goals as printed, one per line.'),
    f('indicator_rows', 'integer', '指标数', 'Indicators in the project table (empty placeholder rows not counted).'),
    f('url', 'string', '网址', 'Path of the project page on this site.'),
  ],
  primaryKey: ['id'],
  foreignKeys: [
    { fields: ['region_code', 'year', 'department_key'], reference: { resource: 'departments', fields: ['region_code', 'year', 'key'] } },
  ],
};

export const INDICATORS_TABLE: TableSpec = {
  name: 'indicators',
  title: '绩效指标',
  description: 'One row per printed indicator row, the printed text beside what could be read from it.',
  fields: [
    f('project_id', 'string', '项目 id', 'The project (projects.id).'),
    f('project_name', 'string', '项目名称', '项目名称 as printed.'),
    f('row', 'integer', '行号', '1-based row in the printed indicator table.'),
    f('level1', 'string', '一级指标', '一级指标 as printed (levels form).'),
    f('level2', 'string', '二级指标', '二级指标 as printed (levels form).'),
    f('level3_or_name', 'string', '三级指标/指标名称', '三级指标 (levels form) or 指标名称 (named form) as printed.'),
    f('category_level1', 'string', '一级类别', 'Standard 一级 category of the national framework the printed label maps to; empty where it maps to none or the form has no levels.'),
    f('category_level2', 'string', '二级类别', 'Standard 二级 category the printed label maps to.'),
    f('placeholder', 'boolean', '空白行', 'true for a row that prints only a 二级指标 with nothing under it: shown as printed, not counted as an indicator.'),
    f('description', 'string', '指标描述', '绩效指标描述 as printed.'),
    f('value_printed', 'string', '指标值（原文）', '指标值 exactly as printed.'),
    f('operator', 'string', '运算符', 'Operator read from the value or printed as 指标性质: = ≥ ≤ > <.'),
    f('number', 'number', '数值', 'Number read from the value, where one can be read without guessing.'),
    f('unit', 'string', '单位', 'Unit that follows the number, or the printed 指标单位 (named form).'),
    f('quantified', 'boolean', '可量化', 'true when a number can be read from the printed value.'),
    f('long_term_value', 'string', '长期指标值', '长期指标值 as printed, where the table has 长期 and 年度 columns.'),
    f('basis', 'string', '指标值确定依据', '指标值确定依据 / 绩效标准 as printed.'),
    f('nature', 'string', '指标性质', '指标性质 / 运算符 column as printed.'),
    f('score', 'string', '分值/权重', '分值 or 权重 as printed.'),
    f('remark', 'string', '备注', '备注 as printed.'),
    f('core', 'string', '是否核心', '是否核心 as printed (named form).'),
  ],
  primaryKey: ['project_id', 'row'],
  foreignKeys: [{ fields: ['project_id'], reference: { resource: 'projects', fields: ['id'] } }],
};

export const FLAGS_TABLE: TableSpec = {
  name: 'quality-flags',
  title: '指标质量标记',
  description: 'Every quality flag of the 指标质量 report: one row per flag on an indicator row, and one per spending plan whose narrative and table disagree (row empty). See /quality/ for the rules.',
  fields: [
    f('project_id', 'string', '项目 id', 'The project (projects.id).'),
    f('project_name', 'string', '项目名称', '项目名称 as printed.'),
    f('department', 'string', '单位名称', '单位名称 as printed.'),
    f('region_code', 'string', '地区代码', 'Region (GB/T 2260 code).'),
    f('year', 'year', '年度', 'Budget year.'),
    f('row', 'integer', '行号', 'Indicator row the flag is about; empty for a spending-plan flag.'),
    f('flag', 'string', '标记代码', 'Rule code, e.g. no-number, value-repeats-name, plan-text-disagrees.'),
    f('title', 'string', '标记', 'Rule title in Chinese.'),
    f('reason', 'string', '事实', 'The fact, quoting the printed text.'),
    f('url', 'string', '网址', 'Path of the project page.'),
  ],
  primaryKey: [],
  foreignKeys: [{ fields: ['project_id'], reference: { resource: 'projects', fields: ['id'] } }],
};

export const TABLES = [REGIONS_TABLE, DEPARTMENTS_TABLE, PROJECTS_TABLE, INDICATORS_TABLE, FLAGS_TABLE] as const;

/** Flag code of a spending plan whose narrative and table disagree. */
export const PLAN_FLAG = PLAN_RULE.code;
export const PLAN_FLAG_TITLE = PLAN_RULE.title;

export function regionRows(scope: OpenDataScope): Row[] {
  return scope.regions.map((r) => ({ code: r.code, province: r.province, city: r.city ?? '', county: r.county, name: regionName(r) }));
}

export function departmentRows(scope: OpenDataScope): Row[] {
  return scope.departments.map((d) => ({
    region_code: d.data.region,
    year: String(d.data.year),
    key: d.key,
    unit_code: d.data.unitCode ?? '',
    department: d.title,
    title: d.data.title ?? '',
    amount_unit: d.data.amountUnit,
    total_yuan: yuan(d.totalFen),
    projects: String(d.projects.length),
    source_file: d.data.sourceFile,
    url: d.url,
  }));
}

export function projectRows(scope: OpenDataScope): Row[] {
  return scope.projects.map(({ data: p, department: d, url, totalFen }) => {
    const plan = p.spendingPlan?.points.map((x) => x.printed) ?? ['', '', '', ''];
    return {
      id: p.id,
      code: p.code ?? '',
      code_printed: p.codePrinted ?? p.code ?? '',
      name: p.name,
      region_code: p.region,
      region: regionName(d.region),
      year: String(p.year),
      department_key: d.key,
      unit_code: d.data.unitCode ?? '',
      department: d.title,
      amount_unit: p.amountUnit,
      total_printed: p.total,
      total_yuan: yuan(totalFen),
      funding_sources: p.fundingSources.map((s) => `${s.source}:${s.amount ?? ''}`).join('; '),
      purpose: p.purpose ?? '',
      spending_plan_basis: p.spendingPlan?.basis ?? '',
      plan_mar: plan[0],
      plan_jun: plan[1],
      plan_oct: plan[2],
      plan_dec: plan[3],
      goals: p.goals.join('\n'),
      indicator_rows: String(countIndicators(p.indicators)),
      url,
    };
  });
}

/**
 * A project's indicator rows, made once and shared by every file that holds them: its CSV part
 * (kept for all four indicators.csv) and both workbooks' department runs (the site's and its
 * region and year's), which re-read the values and the quality rules three times otherwise.
 */
const indicatorRowsOf = new WeakMap<ProjectView, Row[]>();

export function indicatorRows(scope: OpenDataScope): Row[] {
  return scope.projects.flatMap((view) => {
    let rows = indicatorRowsOf.get(view);
    if (!rows) indicatorRowsOf.set(view, (rows = projectIndicatorRows(view.data)));
    return rows;
  });
}

function projectIndicatorRows(p: Project): Row[] {
  const facts = new Map(indicatorFacts(p).map((x) => [x.row, x.facts]));
  const common = (i: number, value: string) => {
    const fx = facts.get(i + 1);
    return {
      project_id: p.id,
      project_name: p.name,
      row: String(i + 1),
      category_level1: fx?.mapped?.level1 ?? '',
      category_level2: fx?.mapped?.level2 ?? '',
      value_printed: value,
      quantified: String(fx ? isQuantified(fx) : false),
    };
  };
  return p.indicators.form === 'levels'
    ? p.indicators.rows.map((r, i) => ({
        ...common(i, r.value), level1: r.level1, level2: r.level2, level3_or_name: r.level3, placeholder: String(isPlaceholderRow(r)),
        description: r.description ?? '', operator: r.parsed?.operator ?? '', number: r.parsed?.number ?? '', unit: r.parsed?.unit ?? r.unit ?? '',
        long_term_value: r.longTermValue ?? '', basis: r.basis ?? '', nature: r.nature ?? '', score: r.weight ?? '', core: '', remark: r.remark ?? '',
      }))
    : p.indicators.rows.map((r, i) => ({
        ...common(i, r.value), level1: '', level2: '', level3_or_name: r.name, placeholder: 'false', description: '',
        operator: r.parsed?.operator ?? '', number: r.parsed?.number ?? '', unit: r.unit,
        long_term_value: '', basis: '', nature: r.nature, score: r.score, core: r.core, remark: '',
      }));
}

export function flagRows(scope: OpenDataScope, report: FlagSource): Row[] {
  return scope.projects.flatMap((pv) => {
    const q = report.byProject.get(pv.url);
    if (!q) return [];
    const base = { project_id: pv.data.id, project_name: pv.data.name, department: pv.department.title, region_code: pv.data.region, year: String(pv.data.year), url: pv.url };
    const rows: Row[] = q.flags.map((fl) => ({ ...base, row: String(fl.row), flag: fl.code, title: FLAG_TITLE[fl.code], reason: fl.reason }));
    if (q.planConflict) rows.push({ ...base, row: '', flag: PLAN_FLAG, title: PLAN_FLAG_TITLE, reason: planConflictReason(q.planConflict) });
    return rows;
  });
}

/** “正文写 20%、50%、80%、100%，表格为 —、30%、50%、100%” */
export function planConflictReason(c: { text: Array<string | null>; table: string[] }): string {
  return `正文写 3月底、6月底、10月底、12月底 ${c.text.map((t) => (t === null ? '—' : `${t}%`)).join('、')}，表格为 ${c.table.map((t) => t || '—').join('、')}`;
}

export function tableRows(table: TableSpec, scope: OpenDataScope, report: FlagSource): Row[] {
  switch (table.name) {
    case 'regions': return regionRows(scope);
    case 'departments': return departmentRows(scope);
    case 'projects': return projectRows(scope);
    case 'indicators': return indicatorRows(scope);
    default: return flagRows(scope, report);
  }
}

/**
 * CSV injection (OWASP): a spreadsheet reads a cell that begins with = + - @, a tab or a
 * carriage return as a formula. Such a cell is written with a leading apostrophe, which
 * spreadsheets show as text. So that the rule can be undone exactly, a cell that already
 * begins with an apostrophe gets one more. To read the original back: drop ONE leading
 * apostrophe from any cell that has one ({@link restoreCell}).
 */
export const FORMULA_LEADS = ['=', '+', '-', '@', '\t', '\r'] as const;

/** The first characters that take an apostrophe: the formula leads and the apostrophe itself. */
const NEUTRALISED_LEADS = new Set<string | undefined>(["'", ...FORMULA_LEADS]);

export function neutraliseCell(value: string): string {
  return NEUTRALISED_LEADS.has(value[0]) ? `'${value}` : value;
}

export function restoreCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** CSV text: UTF-8 with a BOM (so Excel picks the encoding), header row, every cell neutralised. */
export function toCsv(table: TableSpec, rows: Row[], { header = true }: { header?: boolean } = {}): string {
  const columns = table.fields.map((x) => x.name);
  return stringify(
    rows.map((r) => columns.map((c) => neutraliseCell(r[c] ?? ''))),
    // Every cell with a line break is quoted, not only one with CR LF (the library's default once a
    // record delimiter is given): a reader that ends a record at any line feed, as spreadsheet
    // programs do, split a project's multi-line goals into rows of their own.
    { header, columns, bom: header, record_delimiter: 'windows', quote_record_delimiter: true },
  );
}

/** What makes {@link toCsv} quote a cell: the delimiter, the quote, or any line break. */
const NEEDS_QUOTES = /[",\r\n]/;

const columnNames = new WeakMap<TableSpec, string[]>();

/**
 * Rows as CSV records without the header: the same text as {@link toCsv} with `header: false`
 * (tests/openData.test.ts compares the two on any text), written without the library, which
 * allocated an array and an object per cell and a string per step: at 10,000 projects 1.4 GB of
 * the open-data thread's 3.8 GB, for the 42,000 parts of rows.
 */
export function csvRecords(table: TableSpec, rows: readonly Row[]): string {
  let columns = columnNames.get(table);
  if (!columns) columnNames.set(table, (columns = table.fields.map((x) => x.name)));
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const cell = neutraliseCell(row[columns[i]] ?? '');
      if (i > 0) out += ',';
      out += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
    }
    out += '\r\n';
  }
  return out;
}

/** The regions, departments or projects a table takes a part of rows from. */
const tableItems = (table: TableSpec, scope: OpenDataScope): readonly object[] =>
  table.name === 'regions' ? scope.regions : table.name === 'departments' ? scope.departments : scope.projects;

/** The scope holding just one item of a table (what {@link tableRows} reads for its part). */
function itemScope(table: TableSpec, item: object): OpenDataScope {
  if (table.name === 'regions') return { regions: [item as Region], departments: [], projects: [] };
  if (table.name === 'departments') return { regions: [], departments: [item as DepartmentView], projects: [] };
  return { regions: [], departments: [], projects: [item as ProjectView] };
}

const encoder = new TextEncoder();

/**
 * Every row of a file is the same text in each file that holds it: a project's indicator rows
 * appear in the site-wide, the region-and-year, the department's and the project's own
 * indicators.csv. Each region's, department's and project's part of a file is made once per
 * table and flag report and kept (as UTF-8) for as long as its view lives; a file is its parts
 * joined. Making each part four times took most of the open data's time.
 */
const csvParts = new WeakMap<FlagSource, Map<string, WeakMap<object, Uint8Array>>>();
const jsonParts = new WeakMap<object, Uint8Array>();
const COMMA = encoder.encode(',');

/**
 * Parts kept between builds (src/lib/openDataParts.ts): before an item's part is made, it is
 * looked up under the key of what the item's rows are made of. A site-wide file of an edit is
 * then its unchanged parts joined, not every row made again (10,000 projects: about 5 s).
 */
export interface PartCache {
  /**
   * The part of `kind` (a table name, or `json`) of an item: the kept copy where the item's key
   * is unchanged, else `make()`, kept for the next build. An item without a key is made.
   */
  part(kind: string, item: object, make: () => Uint8Array): Uint8Array;
}

/** The parts of a table's rows made from this flag report, by item. */
function csvPartsOf(table: TableSpec, report: FlagSource): WeakMap<object, Uint8Array> {
  let byTable = csvParts.get(report);
  if (!byTable) csvParts.set(report, (byTable = new Map()));
  let parts = byTable.get(table.name);
  if (!parts) byTable.set(table.name, (parts = new WeakMap()));
  return parts;
}

function csvPart(table: TableSpec, report: FlagSource, parts: WeakMap<object, Uint8Array>, item: object, cache?: PartCache): Uint8Array {
  let bytes = parts.get(item);
  if (!bytes) {
    const make = () => encoder.encode(csvRecords(table, tableRows(table, itemScope(table, item), report)));
    bytes = cache ? cache.part(table.name, item, make) : make();
    parts.set(item, bytes);
  }
  return bytes;
}

function jsonPart(item: object, value: () => unknown, cache?: PartCache): Uint8Array {
  let bytes = jsonParts.get(item);
  if (!bytes) {
    const make = () => encoder.encode(JSON.stringify(value()));
    bytes = cache ? cache.part('json', item, make) : make();
    jsonParts.set(item, bytes);
  }
  return bytes;
}

/** Each table's header (with the BOM): the same bytes in each of its 23,000 files at 10,000 projects. */
const csvHeaders = new WeakMap<TableSpec, Uint8Array>();

/** A table as CSV: the header, then each item's rows (see {@link toCsv} for the format), as the chunks of the file. */
export function csvChunks(table: TableSpec, scope: OpenDataScope, report: FlagSource, cache?: PartCache): Uint8Array[] {
  let header = csvHeaders.get(table);
  if (!header) csvHeaders.set(table, (header = encoder.encode(toCsv(table, []))));
  const chunks: Uint8Array[] = [header];
  const parts = csvPartsOf(table, report);
  for (const item of tableItems(table, scope)) chunks.push(csvPart(table, report, parts, item, cache));
  return chunks;
}

/**
 * A scope's projects in runs of one department each, with the department where the run is all of
 * its projects (a site's or a region and year's scope): the unit in which workbook rows are kept.
 */
function departmentRuns(scope: OpenDataScope): Array<{ department: DepartmentView | null; projects: ProjectView[] }> {
  const runs: Array<{ department: DepartmentView | null; projects: ProjectView[] }> = [];
  for (const p of scope.projects) {
    const last = runs[runs.length - 1];
    if (last && last.projects[0].department === p.department) last.projects.push(p);
    else runs.push({ department: p.department, projects: [p] });
  }
  for (const run of runs) {
    const all = run.department!.projects;
    if (all.length !== run.projects.length || all.some((p, i) => run.projects[i] !== p)) run.department = null;
  }
  return runs;
}

/**
 * The tables over a scope as one workbook, a sheet per table (src/lib/openDataXlsx.ts). The
 * project, indicator and flag rows are made a department at a time, a part deflated on its own
 * and numbered from the row it falls on; a part is kept (src/lib/openDataParts.ts) under its
 * department's key and that row, so an edit that changes no department's row count before it
 * reuses every part but the edited department's. The regions and departments sheets, a row per
 * file, are made whole.
 */
export function xlsxChunks(scope: OpenDataScope, report: FlagSource, cache?: PartCache): Uint8Array[] {
  const runs = departmentRuns(scope);
  return xlsxWorkbookChunks(
    TABLES.map((table) => {
      if (table === REGIONS_TABLE || table === DEPARTMENTS_TABLE) return { table, items: [(first: number) => xlsxRowsPart(table, tableRows(table, scope, report), first)] };
      const items = runs.map(({ department, projects }) => (first: number) => {
        const make = () => xlsxRowsPart(table, tableRows(table, { regions: [], departments: [], projects }, report), first);
        return cache && department ? cache.part(`${table.name}.xlsx@${first}`, department, make) : make();
      });
      return { table, items };
    }),
  );
}

/** The site-wide JSON shape, for any scope: regions, department documents, projects with their raw fields; the chunks of the file. */
export function jsonChunks(scope: OpenDataScope, cache?: PartCache): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const text = (t: string) => chunks.push(encoder.encode(t));
  const list = <T extends object>(name: string, items: T[], value: (x: T) => unknown, last = false) => {
    text(`${JSON.stringify(name)}:[`);
    items.forEach((x, i) => {
      if (i > 0) chunks.push(COMMA);
      chunks.push(jsonPart(x, () => value(x), cache));
    });
    text(last ? ']' : '],');
  };
  text('{');
  list('regions', scope.regions, (r) => r);
  list('departments', scope.departments, (d) => ({ ...d.data, url: d.url }));
  list('projects', scope.projects, (p) => ({ ...p.data, url: p.url }), true);
  text('}\n');
  return chunks;
}

export const siteScope = (model: SiteModel): OpenDataScope => ({ regions: model.regions, departments: model.departments, projects: model.projects });

export const departmentScope = (d: DepartmentView): OpenDataScope => ({ regions: [d.region], departments: [d], projects: d.projects });

export const projectScope = (p: ProjectView): OpenDataScope => ({ regions: [p.department.region], departments: [p.department], projects: [p] });

export interface RegionYearSlice extends OpenDataScope {
  region: Region;
  year: number;
  /** Folder of the slice's files, e.g. /data/130229/2023/. */
  url: string;
}

/** The files of one region and year: the JSON, one workbook and every table as CSV. */
export const SLICE_FILES = ['gongkai.json', 'gongkai.xlsx', ...TABLES.map((t) => `${t.name}.csv`)];

/** The site split by region and year, the unit in which large sites are downloaded. */
export function regionYearSlices(model: Pick<SiteModel, 'departments'>): RegionYearSlice[] {
  const slices = new Map<string, RegionYearSlice>();
  for (const d of model.departments) {
    const key = `${d.data.region}/${d.data.year}`;
    let s = slices.get(key);
    if (!s) {
      s = { region: d.region, year: d.data.year, url: `/data/${key}/`, regions: [d.region], departments: [], projects: [] };
      slices.set(key, s);
    }
    s.departments.push(d);
    s.projects.push(...d.projects);
  }
  return [...slices.values()].sort((a, b) => a.region.code.localeCompare(b.region.code) || b.year - a.year);
}

/**
 * “Data as of”: the commit time (git %cI) of the newest commit that changed the content
 * folder, from the history the build reads once; null where the build has no history (a
 * copy without .git, or a shallow clone).
 */
export function dataAsOf(publishing: Pick<Publishing, 'changes'>): string | null {
  return publishing.changes[0]?.commit.time ?? null;
}

/** The licence of the published tables; the source documents themselves are public government information. */
export const DATA_LICENSE = {
  name: 'CC-BY-4.0',
  title: '知识共享 署名 4.0 国际（CC BY 4.0）',
  path: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

/** The CSV dialect every table file is written in (see {@link toCsv}). */
export const CSV_DIALECT = { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true } as const;

export const NEUTRALISATION_RULE =
  'A cell whose text begins with = + - @, a tab, a carriage return or an apostrophe is written with one more apostrophe in front (OWASP CSV injection advice); drop one leading apostrophe to read the printed text. The .xlsx files hold the text unchanged as text cells.';

/**
 * The Frictionless Tabular Data Package describing the site-wide files in /data/: every
 * field's type, unit and description, primary and foreign keys, the licence and the date of
 * the last content change (`created`, left out where git history is not available).
 */
export function dataPackage(dataAsOf: string | null) {
  return {
    profile: 'tabular-data-package',
    name: 'gongkai-budget-performance-targets',
    title: '预算绩效目标公开数据',
    description: `Budget performance targets (预算绩效目标) as published on this site: regions, department documents, projects, indicator rows and the 指标质量 flags. Text and numbers are as printed; parsed values sit beside them. ${NEUTRALISATION_RULE}`,
    ...(dataAsOf ? { created: dataAsOf } : {}),
    licenses: [DATA_LICENSE],
    resources: TABLES.map((t) => ({
      profile: 'tabular-data-resource',
      name: t.name,
      path: `${t.name}.csv`,
      title: t.title,
      description: t.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: CSV_DIALECT,
      schema: {
        fields: t.fields.map((x) => ({ name: x.name, type: x.type, title: x.title, description: x.description, ...(x.unit ? { unit: x.unit } : {}), ...(x.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}) })),
        ...(t.primaryKey.length ? { primaryKey: t.primaryKey } : {}),
        ...(t.foreignKeys.length ? { foreignKeys: t.foreignKeys } : {}),
        missingValues: [''],
      },
    })),
  };
}

/** Region-and-year rows per page of /data/slices/N/. */
export const SLICES_PAGE_SIZE = 100;
export const slicesPageUrl = (page: number) => `/data/slices/${page}/`;
