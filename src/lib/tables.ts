/**
 * The site's data tables as HTML strings, from page data, for `set:html` (see ./html.ts for why).
 * Each function writes exactly the markup its component wrote: a <caption>, `scope` on every
 * header cell, one <tbody> per row group, numeric cells right-aligned (`num`), `data-label` for
 * the stacked phone layout and `data-sort-value` for sorting.
 */
import type { LevelColumn, LevelIndicator, NamedIndicator, ParsedValue, Project, SpendingPlan } from '../schemas/project.ts';
import { countIndicators, DEFAULT_LEVEL_COLUMNS, isPlaceholderRow } from '../schemas/project.ts';
import type { ProjectInOtherYear } from './crossYear.ts';
import { attr, text } from './html.ts';
import { formatMoney, toFen, type AmountUnit } from './money.ts';
import { planConflictReason, PLAN_FLAG_TITLE } from './openData.ts';
import type { IndicatorFlag, PlanConflict, ProjectQuality, QualityCounts, QualitySort } from './quality.ts';
import { coverageText, FLAG_TITLE, formatShare, shareValue } from './quality.ts';
import { layoutLevelRows, level1Groups, type DepartmentView, type ProjectView } from './site.ts';

const BLANK = '<span class="blank">（空白）</span>';

/**
 * A table too wide for a phone that cannot be stacked into cards: it scrolls sideways in a
 * region that the keyboard can reach, named after the table's caption, with a visible hint
 * and its first column kept in view (see .table-wrap.scroll in site.css).
 */
export function scrollTable(table: string): string {
  // The caption is at the table's start: found by position, not by a regex over every row.
  const open = table.indexOf('<caption');
  const start = open < 0 ? -1 : table.indexOf('>', open) + 1;
  const end = start > 0 ? table.indexOf('</caption>', start) : -1;
  const caption = (end >= 0 ? table.slice(start, end) : '表格')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .trim();
  return `<section class="table-wrap scroll" tabindex="0"${attr('aria-label', `${caption}（表格可左右滑动）`)}><p class="scroll-hint" aria-hidden="true">表格较宽，可左右滑动查看 →</p>${table}</section>`;
}

/** An amount cell: the amount formatted in its unit, and the text as printed when there is one. */
function amountCell(fen: bigint | null, unit: AmountUnit, printed?: string | null): string {
  return (
    `<td class="num"${attr('data-sort-value', fen === null ? '' : fen.toString())}>` +
    (fen === null ? BLANK : text(formatMoney(fen, unit))) +
    (printed != null && printed !== '' ? `<span class="printed">原文 ${text(printed)}</span>` : '') +
    '</td>'
  );
}

/** 预算规模及资金来源: the total and each funding source. */
export function fundingTable(project: Project): string {
  const unit = project.amountUnit;
  const label = project.totalLabel ?? (project.indicators.form === 'named' ? '项目总资金额' : '预算数');
  let rows = `<tr><th scope="row">${text(label)}</th>${amountCell(toFen(project.total, unit), unit, project.total)}</tr>`;
  for (const f of project.fundingSources) {
    rows += `<tr><th scope="row">${text(f.source)}</th>${amountCell(f.amount === null ? null : toFen(f.amount, unit), unit, f.amount)}</tr>`;
  }
  return `<div class="table-wrap"><table class="funding"><caption>预算规模及资金来源（单位：${text(unit)}）</caption><tbody>${rows}</tbody></table></div>`;
}

/** 资金支出计划: one column per checkpoint, the cells as printed. */
export function spendingPlanTable(plan: SpendingPlan, project: Project): string {
  const reading = plan.basis === 'percent' ? '累计支出比例（%）' : `累计支出金额（${project.amountUnit}）`;
  const head = plan.points.map((p) => `<th scope="col" class="num">${text(p.by)}</th>`).join('');
  const cells = plan.points
    .map((p) => `<td class="num"${attr('data-label', p.by)}${attr('data-sort-value', p.value ?? '')}>${p.printed === '' ? BLANK : text(p.printed)}</td>`)
    .join('');
  return `<div class="table-wrap"><table class="plan stack"><caption>资金支出计划：${text(reading)}</caption><thead><tr>${head}</tr></thead><tbody><tr>${cells}</tr></tbody></table></div>`;
}

/** What the importer read from a 指标值, beside the value as printed. */
function parsedValue(parsed: ParsedValue | undefined): string {
  if (parsed?.number === undefined) return '';
  return `<span class="parsed">解析：${text([parsed.operator, parsed.number, parsed.unit].filter(Boolean).join(' '))}</span>`;
}

const NUMERIC_LEVEL_COLUMNS = new Set(['weight']);

/**
 * The 一级/二级/三级 indicator table with the printed columns, one <tbody> per 一级 group. On a
 * narrow screen each row becomes a card of labelled cells under its 一级/二级 headings
 * (see .indicators.stack in site.css).
 */
export function levelIndicatorTable(rows: LevelIndicator[], columns: readonly LevelColumn[] = DEFAULT_LEVEL_COLUMNS): string {
  const counted = rows.filter((r) => !isPlaceholderRow(r)).length;
  const numericClass = (c: LevelColumn) => (NUMERIC_LEVEL_COLUMNS.has(c.key) ? 'num' : undefined);
  const head = columns.map((c) => `<th scope="col"${attr('class', numericClass(c))}${attr('data-key', c.key)}>${text(c.header)}</th>`).join('');
  let body = '';
  for (const group of level1Groups(layoutLevelRows(rows))) {
    body += '<tbody>';
    for (const { row, level1Span, level2Span } of group) {
      const placeholder = isPlaceholderRow(row);
      body += `<tr class="${placeholder ? 'indicator-row placeholder' : 'indicator-row'}">`;
      for (const c of columns) {
        if (c.key === 'level1') {
          if (level1Span > 0) body += `<th scope="rowgroup" class="level1" rowspan="${level1Span}">${text(row.level1)}</th>`;
        } else if (c.key === 'level2') {
          if (level2Span > 0) body += `<th scope="rowgroup" class="level2" rowspan="${level2Span}">${text(row.level2)}</th>`;
        } else if (c.key === 'level3') {
          body += placeholder ? '<td class="empty">（原表此行空白）</td>' : `<th scope="row" class="level3">${text(row.level3)}</th>`;
        } else if (c.key === 'value') {
          body += `<td class="value"${attr('data-label', c.header)}><span class="printed-value">${text(row.value)}</span>${parsedValue(row.parsed)}</td>`;
        } else {
          body += `<td${attr('class', numericClass(c))}${attr('data-label', c.header)}>${text(row[c.key] ?? '')}</td>`;
        }
      }
      body += '</tr>';
    }
    body += '</tbody>';
  }
  return `<section class="table-wrap" aria-labelledby="indicators-caption" tabindex="0"><table class="indicators levels stack"><caption id="indicators-caption">绩效指标（${counted} 项）</caption><thead><tr>${head}</tr></thead>${body}</table></section>`;
}

/** The 指标名称/指标性质/指标值/指标单位/分值/是否核心 indicator table. */
export function namedIndicatorTable(rows: NamedIndicator[], scoreTotal?: string): string {
  const scoreHeader = `分值${scoreTotal ? `（${scoreTotal}分）` : ''}`;
  const body = rows
    .map(
      (row) =>
        `<tr class="indicator-row"><th scope="row" class="level3">${text(row.name)}</th>` +
        `<td data-label="指标性质">${text(row.nature)}</td>` +
        `<td class="num value" data-label="指标值"${attr('data-sort-value', row.parsed?.number ?? '')}><span class="printed-value">${text(row.value)}</span></td>` +
        `<td data-label="指标单位">${text(row.unit)}</td>` +
        `<td class="num"${attr('data-label', scoreHeader)}${attr('data-sort-value', row.score)}>${text(row.score)}</td>` +
        `<td data-label="是否核心">${text(row.core)}</td></tr>`,
    )
    .join('');
  return (
    '<section class="table-wrap" aria-labelledby="indicators-caption" tabindex="0"><table class="indicators named stack">' +
    `<caption id="indicators-caption">绩效指标（${rows.length} 项）</caption>` +
    '<thead><tr><th scope="col">指标名称</th><th scope="col">指标性质</th><th scope="col" class="num">指标值</th><th scope="col">指标单位</th>' +
    `<th scope="col" class="num">${text(scoreHeader)}</th><th scope="col">是否核心</th></tr></thead><tbody>${body}</tbody></table></section>`
  );
}

/** The quality figures of a project, a department or the site. */
export function qualityFigures(c: QualityCounts): string {
  return (
    '<dl class="facts quality-figures">' +
    `<div><dt>指标行</dt><dd class="num" data-figure="indicators">${c.indicators}</dd></div>` +
    `<div><dt>可量化指标</dt><dd class="num" data-figure="quantified">${c.quantified}（${text(formatShare(c.quantified, c.indicators))}）</dd></div>` +
    `<div><dt>有标记的指标行</dt><dd class="num" data-figure="flagged">${c.flaggedRows}（${text(formatShare(c.flaggedRows, c.indicators))}）</dd></div>` +
    `<div><dt>一级指标覆盖</dt><dd data-figure="coverage">${text(coverageText(c.level1))}</dd></div>` +
    `<div><dt>支出计划正文与表格不一致</dt><dd class="num" data-figure="plans">${c.planConflicts}</dd></div>` +
    '</dl>'
  );
}

export interface FlagItem {
  project: ProjectView;
  flag: IndicatorFlag | null;
  conflict: PlanConflict | null;
}

/** A project's flags, then its spending-plan conflict. */
export function projectFlagItems(project: ProjectView, quality: ProjectQuality): FlagItem[] {
  return [
    ...quality.flags.map((flag) => ({ project, flag, conflict: null })),
    ...(quality.planConflict ? [{ project, flag: null, conflict: quality.planConflict }] : []),
  ];
}

/** Indicator flags and spending-plan conflicts; lists of several projects name the project on each row. */
export function flagTable(items: FlagItem[], caption: string, showProject = false): string {
  const body = items
    .map(({ project, flag, conflict }) => {
      const code = flag?.code ?? 'plan-text-disagrees';
      return (
        `<tr class="flag-row"${attr('data-flag', code)}>` +
        (showProject ? `<th scope="row"><a${attr('href', project.url)}>${text(project.data.name)}</a></th><td>${text(project.department.title)}（${project.data.year}）</td>` : '') +
        `<td class="num">${flag ? flag.row : '—'}</td>` +
        `<td><a${attr('href', `/quality/#${code}`)}>${text(flag ? FLAG_TITLE[flag.code] : PLAN_FLAG_TITLE)}</a></td>` +
        `<td>${flag ? text(flag.reason) : conflict ? text(planConflictReason(conflict)) : ''}</td></tr>`
      );
    })
    .join('');
  const head = (showProject ? '<th scope="col">项目</th><th scope="col">部门（年度）</th>' : '') + '<th scope="col" class="num">指标行</th><th scope="col">标记</th><th scope="col">事实（引用原文）</th>';
  return scrollTable(`<table class="flags"><caption>${text(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
}

export interface RankRow {
  name: string;
  url: string;
  /** Department (for a project) or region (for a department). */
  context: string;
  year: number;
  counts: QualityCounts;
}

/** The server-sorted views of a ranking, when the table is one of them: a link per sort and the current sort. */
export interface RankViews {
  href: (sort: QualitySort) => string;
  current: QualitySort;
  pages: number;
}

/** Quality figures per project or department, sortable in place when the table is complete on its page. */
export function qualityRankTable(rows: RankRow[], caption: string, contextLabel: string, views?: RankViews): string {
  const header = (sort: QualitySort, label: string, order: 'ascending' | 'descending', cls: string) =>
    `<th scope="col"${cls} data-sort-type="${sort === 'department' ? 'text' : 'number'}"` +
    `${attr('aria-sort', views?.current === sort ? order : undefined)}>${views ? `<a${attr('href', views.href(sort))}>${text(label)}</a>` : text(label)}</th>`;
  const head =
    header('department', '名称', 'ascending', '') +
    `<th scope="col">${text(contextLabel)}</th>` +
    header('year', '年度', 'descending', ' class="num"') +
    '<th scope="col" class="num" data-sort-type="number">指标行</th>' +
    header('share', '可量化占比', 'ascending', ' class="num"') +
    '<th scope="col" class="num" data-sort-type="number">有标记行占比</th><th scope="col">一级指标覆盖</th>';
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row"${attr('data-sort-value', r.name)}><a${attr('href', r.url)}>${text(r.name)}</a></th>` +
        `<td>${text(r.context)}</td>` +
        `<td class="num"${attr('data-sort-value', r.year)}>${r.year}</td>` +
        `<td class="num"${attr('data-sort-value', r.counts.indicators)}>${r.counts.indicators}</td>` +
        `<td class="num share"${attr('data-sort-value', shareValue(r.counts.quantified, r.counts.indicators))}>${text(formatShare(r.counts.quantified, r.counts.indicators))}（${r.counts.quantified}）</td>` +
        `<td class="num"${attr('data-sort-value', shareValue(r.counts.flaggedRows, r.counts.indicators))}>${text(formatShare(r.counts.flaggedRows, r.counts.indicators))}（${r.counts.flaggedRows}）</td>` +
        `<td>${text(coverageText(r.counts.level1))}</td></tr>`,
    )
    .join('');
  return scrollTable(
    `<table class="quality-rank" data-sortable${attr('data-pages', views?.pages ?? 1)}><caption>${text(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`,
  );
}

/** A department's projects with their budgets and indicator counts, and the total. */
export function projectTable(department: DepartmentView): string {
  const unit = department.data.amountUnit;
  const amountLabel = `预算数（${unit}）`;
  let indicators = 0;
  const body = department.projects
    .map((p, i) => {
      const count = countIndicators(p.data.indicators);
      indicators += count;
      return (
        `<tr><td class="num" data-label="序号"${attr('data-sort-value', i + 1)}>${i + 1}</td>` +
        `<th scope="row"><a${attr('href', p.url)}>${text(p.data.name)}</a></th>` +
        `<td class="code" data-label="项目编码">${text(p.data.code ?? '（未印编码）')}</td>` +
        `<td class="num"${attr('data-label', amountLabel)}${attr('data-sort-value', p.totalFen.toString())}>${text(formatMoney(p.totalFen, unit))}</td>` +
        `<td class="num" data-label="指标数"${attr('data-sort-value', count)}>${count}</td></tr>`
      );
    })
    .join('');
  return (
    `<div class="table-wrap"><table class="projects stack"><caption>${text(department.title)} ${department.data.year} 年预算项目（单位：${text(unit)}）</caption>` +
    '<thead><tr><th scope="col" class="num">序号</th><th scope="col">项目名称</th><th scope="col">项目编码</th><th scope="col" class="num">预算数</th><th scope="col" class="num">指标数</th></tr></thead>' +
    `<tbody>${body}</tbody><tfoot><tr><th scope="row" colspan="3">合计（${department.projects.length} 个项目）</th>` +
    `<td class="num total"${attr('data-label', amountLabel)}${attr('data-sort-value', department.totalFen.toString())}>${text(formatMoney(department.totalFen, unit))}</td>` +
    `<td class="num" data-label="指标数">${indicators}</td></tr></tfoot></table></div>`
  );
}

/** The same project in the unit's documents of other years, with the change in budget. */
export function projectOtherYearsTable(project: ProjectView, matches: ProjectInOtherYear[]): string {
  const unit = project.data.amountUnit;
  const signed = (fen: bigint) => (fen > 0n ? `+${formatMoney(fen, unit)}` : formatMoney(fen, unit));
  const body = matches
    .map(
      (m) =>
        `<tr><td>${m.project.data.year}</td>` +
        `<th scope="row"><a${attr('href', m.project.url)}>${text(m.project.data.name)}</a>${m.similarity < 1 ? `<span class="printed">名称相近（相似度 ${m.similarity.toFixed(2)}）</span>` : ''}</th>` +
        `<td class="num"${attr('data-sort-value', m.project.totalFen.toString())}>${text(formatMoney(m.project.totalFen, m.project.data.amountUnit))}</td>` +
        `<td class="num change"${attr('data-sort-value', m.changeFen.toString())}>${text(signed(m.changeFen))}${m.changePercent ? text(`（${m.changePercent}）`) : ''}</td></tr>`,
    )
    .join('');
  return scrollTable(
    '<table class="project-years"><caption>本单位名称相同或相近的项目（<a href="/quality/#cross-year">比对规则</a>）</caption>' +
      `<thead><tr><th scope="col">年度</th><th scope="col">项目名称</th><th scope="col" class="num">预算</th><th scope="col" class="num">本年（${project.data.year}）比该年增减</th></tr></thead>` +
      `<tbody>${body}</tbody></table>`,
  );
}
