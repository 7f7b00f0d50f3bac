/**
 * Page data, computed once from the three collections: departments with their projects and
 * totals, regions × years summaries, URLs. Totals are exact integer 分; a total across
 * documents printed in 元 and 万元 is converted, never summed raw.
 */
import type { Region } from '../schemas/region.ts';
import type { Department } from '../schemas/department.ts';
import { departmentKey } from '../schemas/department.ts';
import { countIndicators, type LevelIndicator, type Project } from '../schemas/project.ts';
import { type AmountUnit, formatMoney, toFen } from './money.ts';

export interface DepartmentView {
  data: Department;
  /** Key inside region and year: unit code or slug. */
  key: string;
  url: string;
  region: Region;
  /** 单位名称 with the region, as a heading. */
  title: string;
  projects: ProjectView[];
  /** Sum of the projects' totals, in 分. */
  totalFen: bigint;
}

export interface ProjectView {
  data: Project;
  url: string;
  totalFen: bigint;
  department: DepartmentView;
}

/** An exact total that remembers whether all its parts shared one unit. */
export interface Total {
  fen: bigint;
  /** The unit to show: the shared unit, or 元 when documents in both units are mixed. */
  unit: AmountUnit;
}

export interface RegionYearSummary {
  region: Region;
  year: number;
  departments: number;
  projects: number;
  total: Total;
  url: string;
}

export function regionName(r: Region): string {
  return [r.province, r.city, r.county].filter(Boolean).join('');
}

export function departmentUrl(d: Pick<Department, 'region' | 'year' | 'unitCode' | 'slug'>): string {
  return `/${d.region}/${d.year}/${departmentKey(d)}/`;
}

export function projectUrl(p: Pick<Project, 'region' | 'year' | 'department' | 'id'>): string {
  return `/${p.region}/${p.year}/${p.department}/${p.id}/`;
}

export const regionUrl = (code: string) => `/regions/${code}/`;
export const yearUrl = (year: number) => `/years/${year}/`;

/** Adds totals exactly; the unit is kept when every part shares it, else 元. */
export function sumTotals(parts: Array<{ fen: bigint; unit: AmountUnit }>): Total {
  const units = new Set(parts.map((p) => p.unit));
  const unit: AmountUnit = units.size === 1 ? [...units][0] : '元';
  return { fen: parts.reduce((s, p) => s + p.fen, 0n), unit };
}

export function formatTotal(t: Total): string {
  return formatMoney(t.fen, t.unit);
}

/** The total of a project in 分; the schema has already checked that it parses. */
export function projectFen(p: Project): bigint {
  const fen = toFen(p.total, p.amountUnit);
  if (fen === null) throw new Error(`项目 ${p.id} 的总额 ${p.total} 无法换算`);
  return fen;
}

export interface SiteModel {
  regions: Region[];
  departments: DepartmentView[];
  projects: ProjectView[];
  summaries: RegionYearSummary[];
  years: number[];
  /** Indicator rows published across all projects. */
  indicatorRows: number;
  /** All projects' budgets together, converted exactly where units differ. */
  grandTotal: Total;
}

/** Groups projects under their department documents in printed order and computes totals. */
export function buildSiteModel(regions: Region[], departments: Department[], projects: Project[]): SiteModel {
  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const views: DepartmentView[] = [];
  const projectViews: ProjectView[] = [];
  for (const d of departments) {
    const region = regionByCode.get(d.region);
    if (!region) throw new Error(`部门文件引用了不存在的地区 ${d.region}`);
    const view: DepartmentView = {
      data: d,
      key: departmentKey(d),
      url: departmentUrl(d),
      region,
      title: d.unitName,
      projects: [],
      totalFen: 0n,
    };
    for (const id of d.projects) {
      const p = projectById.get(id);
      if (!p) throw new Error(`部门文件 ${view.url} 列出的项目 ${id} 不存在`);
      const pv: ProjectView = { data: p, url: projectUrl(p), totalFen: projectFen(p), department: view };
      view.projects.push(pv);
      view.totalFen += pv.totalFen;
      projectViews.push(pv);
    }
    views.push(view);
  }
  const collator = new Intl.Collator('zh-CN');
  views.sort((a, b) => a.data.region.localeCompare(b.data.region) || b.data.year - a.data.year || collator.compare(a.title, b.title));

  const summaries = new Map<string, RegionYearSummary & { parts: Array<{ fen: bigint; unit: AmountUnit }> }>();
  for (const v of views) {
    const key = `${v.data.region}/${v.data.year}`;
    let s = summaries.get(key);
    if (!s) {
      s = { region: v.region, year: v.data.year, departments: 0, projects: 0, total: { fen: 0n, unit: '元' }, url: regionUrl(v.data.region), parts: [] };
      summaries.set(key, s);
    }
    s.departments++;
    s.projects += v.projects.length;
    s.parts.push({ fen: v.totalFen, unit: v.data.amountUnit });
    s.total = sumTotals(s.parts);
  }
  return {
    regions: [...regions].sort((a, b) => a.code.localeCompare(b.code)),
    departments: views,
    projects: projectViews,
    summaries: [...summaries.values()].map(({ parts: _parts, ...s }) => s),
    years: [...new Set(views.map((v) => v.data.year))].sort((a, b) => b - a),
    indicatorRows: projectViews.reduce((n, p) => n + countIndicators(p.data.indicators), 0),
    grandTotal: sumTotals(views.map((d) => ({ fen: d.totalFen, unit: d.data.amountUnit }))),
  };
}

/**
 * Above this many department documents in a year, the year's page lists the year's regions with
 * their totals only, each linking to the region's page, which lists its documents: listing every
 * document made the page grow with the whole site (at 10,000 projects 500 rows, 180 KB of HTML;
 * a province of 100,000 would have 5,000). A county's year, about 100 documents, is listed whole.
 */
export const YEAR_LIST_LIMIT = 200;

/** What /years/<year>/ shows. */
export interface YearPage {
  year: number;
  /** The year's regions with their documents, projects and budget totals. */
  summaries: RegionYearSummary[];
  /** Every department document of the year, or null when there are more than the limit. */
  departments: DepartmentView[] | null;
  /** How many department documents the year has. */
  departmentCount: number;
}

/** The page of each year, newest first; `limit` is YEAR_LIST_LIMIT but for tests. */
export function yearPages(model: SiteModel, limit = YEAR_LIST_LIMIT): YearPage[] {
  const byYear = new Map<number, DepartmentView[]>(model.years.map((y) => [y, []]));
  for (const d of model.departments) byYear.get(d.data.year)!.push(d);
  return model.years.map((year) => {
    const departments = byYear.get(year)!;
    return { year, summaries: model.summaries.filter((s) => s.year === year), departments: departments.length <= limit ? departments : null, departmentCount: departments.length };
  });
}

export interface LevelRowLayout {
  row: LevelIndicator;
  /** rowspan of the 一级 cell on this row; 0 when a cell above spans over it. */
  level1Span: number;
  /** rowspan of the 二级 cell on this row; 0 when a cell above spans over it. */
  level2Span: number;
}

/** Lays out the 一级/二级 cells as the original merges them: one cell over consecutive equal rows. */
export function layoutLevelRows(rows: LevelIndicator[]): LevelRowLayout[] {
  const out: LevelRowLayout[] = rows.map((row) => ({ row, level1Span: 0, level2Span: 0 }));
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j].level1 === rows[i].level1) j++;
    out[i].level1Span = j - i;
    for (let k = i; k < j; ) {
      let m = k;
      while (m < j && rows[m].level2 === rows[k].level2) m++;
      out[k].level2Span = m - k;
      k = m;
    }
    i = j;
  }
  return out;
}

/** The laid-out rows cut into their 一级 groups, one <tbody> each, so rowgroup headers cover their group only. */
export function level1Groups(layout: LevelRowLayout[]): LevelRowLayout[][] {
  const groups: LevelRowLayout[][] = [];
  for (const r of layout) {
    if (r.level1Span > 0 || groups.length === 0) groups.push([]);
    groups[groups.length - 1].push(r);
  }
  return groups;
}
