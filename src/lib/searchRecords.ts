/**
 * Search records computed from the site model, never from the built HTML.
 *
 * - `siteSearchRecords`: one record per department and project page of a site, holding the words
 *   a reader finds on that page, for the site's own full-text index (src/integrations/pagefind.ts).
 * - `searchRecords`: the light records of a shard, what the province portal's one index holds
 *   about each page (name, code, where, how much), so a search across 100,000 projects downloads
 *   one small index instead of every shard's full-text index. Written by each shard build to
 *   /shard/records.json; `npm run province -- assemble` indexes them with Pagefind.
 *
 * Both carry the same meta, filters and sorts (src/search/fields.ts).
 */
import { formatMoney, toFen } from './money.ts';
import { regionName, regionUrl, type DepartmentView, type ProjectView, type SiteModel } from './site.ts';
import { DEFAULT_LEVEL_COLUMNS, isPlaceholderRow, type Project } from '../schemas/project.ts';
import { searchFields, type SearchFields, type SearchPage } from '../search/fields.ts';

export interface SearchRecord extends SearchFields {
  url: string;
  /** Words the index holds for the page. */
  content: string;
}

/** A shard's summary for the portal's home page: one line per region and year. */
export interface ShardSummary {
  regions: Array<{ code: string; name: string; url: string; years: Array<{ year: number; departments: number; projects: number; total: string }> }>;
}

function departmentPage(d: DepartmentView): SearchPage {
  return {
    type: '部门',
    title: `${d.title}（${d.data.year} 年）`,
    region: regionName(d.region),
    year: d.data.year,
    department: d.title,
    amount: formatMoney(d.totalFen, d.data.amountUnit),
    amountFen: d.totalFen,
  };
}

function projectPage(p: ProjectView): SearchPage {
  return {
    type: '项目',
    title: p.data.name,
    region: regionName(p.department.region),
    year: p.data.year,
    department: p.department.title,
    amount: formatMoney(p.totalFen, p.data.amountUnit),
    amountFen: p.totalFen,
    code: p.data.code,
  };
}

/**
 * Joins the page's pieces of text in the order the page shows them. Each piece ends as a
 * sentence, so that an excerpt reads across pieces and a word never runs into the next piece.
 */
export function joinPieces(pieces: Array<string | null | undefined | false>): string {
  return pieces
    .map((p) => (p || '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((p) => (/[。；！？.;!?：:，,、]$/.test(p) ? p : `${p}。`))
    .join(' ');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text of the content layer's sanitised HTML: block elements end a piece, inline elements
 * do not split the words they wrap.
 */
export function htmlText(html: string): string[] {
  return html
    .replace(/<\/?(?:p|h[1-6]|li|ul|ol|table|thead|tbody|tfoot|tr|td|th|caption|div|blockquote|pre|details|summary|section|dl|dt|dd|hr|br)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .split('\n');
}

/**
 * A table row's cells as one piece. A cell that repeats an earlier cell of its row (tables often
 * print the same text as 三级指标 and 指标描述) is found by its first copy: the index holds it once.
 */
function cells(values: Array<string | undefined>): string {
  return [...new Set(values.filter((v): v is string => !!v))].join(' ');
}

/** The words of a project page: the facts, funding, purpose, plan, goals and every indicator row. */
function projectContent(view: ProjectView): string {
  const p: Project = view.data;
  const dept = view.department;
  const unit = p.amountUnit;
  const money = (printed: string | null) => {
    const fen = printed === null ? null : toFen(printed, unit);
    return fen === null ? '' : formatMoney(fen, unit);
  };
  const pieces: Array<string | null | undefined | false> = [
    p.name,
    p.code,
    p.codePrinted,
    dept.title,
    p.supervisor,
    p.implementer,
    regionName(dept.region),
    `${p.year} 年`,
    formatMoney(view.totalFen, unit),
    p.executionWeight && `预算执行率权重 ${p.executionWeight}%`,
    p.contact && `联系人 ${p.contact.name} ${p.contact.phone}`,
    ...p.fundingSources.map((f) => `${f.source} ${money(f.amount)}`),
    p.purpose,
    ...(p.legalBasis ?? []),
    p.spendingPlan && p.spendingPlan.points.map((pt) => `${pt.by} ${pt.printed}`).join(' '),
    ...p.goals,
    ...(p.printedFields ?? []).map((f) => `${f.label} ${f.value}`),
  ];
  if (p.indicators.form === 'levels') {
    const columns = (p.indicators.columns ?? DEFAULT_LEVEL_COLUMNS).filter((c) => c.key !== 'level1' && c.key !== 'level2');
    let level1 = '';
    let level2 = '';
    for (const row of p.indicators.rows) {
      // The 一级 and 二级 cells are merged over their rows on the page: their words count once.
      if (row.level1 !== level1) pieces.push(row.level1);
      if (row.level1 !== level1 || row.level2 !== level2) pieces.push(row.level2);
      level1 = row.level1;
      level2 = row.level2;
      if (!isPlaceholderRow(row)) pieces.push(cells(columns.map((c) => row[c.key])));
    }
  } else {
    for (const row of p.indicators.rows) pieces.push(cells([row.name, row.nature, row.value, row.unit, row.score, row.core]));
  }
  return joinPieces(pieces);
}

/** The words of a department page: the facts, its projects' names and codes, and its narrative. */
function departmentContent(d: DepartmentView, narrativeHtml: string): string {
  return joinPieces([
    d.title,
    d.data.title,
    d.data.unitCode,
    regionName(d.region),
    `${d.data.year} 年`,
    d.data.publishedAt,
    formatMoney(d.totalFen, d.data.amountUnit),
    ...d.projects.map((p) => [p.data.name, p.data.code].filter(Boolean).join(' ')),
    ...htmlText(narrativeHtml),
  ]);
}

/**
 * The full-text records of a site, one per department and project page: the build makes them per
 * search bundle, from the site model of that bundle's files (src/search/siteBundles.ts).
 * `narrativeHtml` gives a department's rendered narrative.
 */
export function* siteSearchRecords(model: SiteModel, narrativeHtml: (d: DepartmentView) => string): Generator<SearchRecord> {
  for (const d of model.departments) {
    yield { url: d.url, content: departmentContent(d, narrativeHtml(d)), ...searchFields(departmentPage(d)) };
    for (const p of d.projects) yield { url: p.url, content: projectContent(p), ...searchFields(projectPage(p)) };
  }
}

/**
 * The light records of a shard for the province portal: name, code, department and region. Not
 * the purpose: Pagefind holds an index whole in memory while writing it, and at 100,000 projects
 * the purposes took the portal job to 7.2 GB. The portal finds a project by what identifies it.
 */
export function searchRecords(model: SiteModel): SearchRecord[] {
  const records: SearchRecord[] = [];
  for (const d of model.departments) {
    const region = regionName(d.region);
    records.push({ url: d.url, content: `${d.title} ${d.data.unitCode ?? ''} ${region}`, ...searchFields(departmentPage(d)) });
    for (const p of d.projects) {
      records.push({ url: p.url, content: `${p.data.name} ${p.data.code ?? ''} ${d.title} ${region}`, ...searchFields(projectPage(p)) });
    }
  }
  return records;
}

export function shardSummary(model: SiteModel): ShardSummary {
  return {
    regions: model.regions.map((r) => ({
      code: r.code,
      name: regionName(r),
      url: regionUrl(r.code),
      years: model.summaries
        .filter((s) => s.region.code === r.code)
        .map((s) => ({ year: s.year, departments: s.departments, projects: s.projects, total: formatMoney(s.total.fen, s.total.unit) })),
    })),
  };
}
