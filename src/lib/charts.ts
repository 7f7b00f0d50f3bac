/**
 * Charts as static SVG strings, built with the site: no chart code runs in the reader's
 * browser. Scales and shapes come from d3-scale and d3-shape. Horizontal positions are
 * percentages and vertical ones em, so a chart fills any screen width without scaling its
 * text down, and grows with the reader's text size. Every chart carries a text alternative;
 * the page shows the same numbers in a table beside it.
 */
import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { Project, SpendingPlan } from '../schemas/project.ts';
import { formatMoney } from './money.ts';
import { text as escape } from './html.ts';
import { formatTotal, type DepartmentView, type RegionYearSummary } from './site.ts';

export interface BarDatum {
  label: string;
  /** Value on a common scale (e.g. 元 as a number); only its ratio to the largest matters. */
  value: number;
  /** The value as the reader sees it, with its unit. */
  display: string;
}

export interface Chart {
  svg: string;
  /** One sentence a screen reader hears instead of the picture. */
  summary: string;
}

/**
 * `${+n.toFixed(digits)}` (n rounded to `digits` decimals, as short as it can be written), with
 * `scale` = 10 ** digits. toFixed makes a string that is parsed back for every coordinate of every
 * chart (most of a chart's cost on a project page); n scaled and rounded is the same number unless
 * it lies within a hair of a half, where toFixed's exact decimal rounding decides.
 */
export function fixed(n: number, digits: number, scale: number): string {
  const x = n * scale;
  const r = Math.round(x);
  return Math.abs(Math.abs(x - r) - 0.5) < 1e-6 ? String(+n.toFixed(digits)) : String(r / scale);
}

const em = (n: number) => `${fixed(n, 3, 1000)}em`;
const pct = (n: number) => `${fixed(n, 2, 100)}%`;

/** Shortens a label to what fits a phone's line; the full text stays in the table. */
export function shortLabel(label: string, max = 16): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

function frame(id: string, height: number, summary: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" height="${em(height)}" role="img" aria-labelledby="${id}"><title id="${id}">${escape(summary)}</title>${body}</svg>`;
}

/**
 * Horizontal bars, largest first, each under its label. Past `limit` rows the rest are added
 * up into one bar, so that a department of 200 projects still reads at a glance.
 */
export function barChart(data: BarDatum[], { id, title, limit = 12, rest }: { id: string; title: string; limit?: number; rest?: (count: number, sum: number) => BarDatum }): Chart {
  const sorted = [...data].sort((a, b) => b.value - a.value);
  let rows = sorted;
  if (rest && sorted.length > limit) {
    const others = sorted.slice(limit - 1);
    rows = [...sorted.slice(0, limit - 1), rest(others.length, others.reduce((s, d) => s + d.value, 0))];
  }
  const x = scaleLinear().domain([0, Math.max(...rows.map((d) => d.value), 0) || 1]).range([0, 100]);
  const rowHeight = 3.9;
  // Three lines a row: the label, the bar, the amount. Nothing shares a line, so nothing
  // collides at any width or text size; a label too long for the line is cut (the table
  // beside the chart has it in full).
  const body = rows
    .map((d, i) => {
      const top = i * rowHeight;
      const other = rest && sorted.length > limit && i === rows.length - 1;
      return (
        `<g><text x="0" y="${em(top + 1)}">${escape(shortLabel(d.label))}</text>` +
        `<rect class="bar${other ? ' other' : ''}" x="0" y="${em(top + 1.35)}" width="${pct(Math.max(x(d.value), 0.4))}" height="${em(0.9)}"/>` +
        `<text class="value" x="0" y="${em(top + 3.2)}">${escape(d.display)}</text></g>`
      );
    })
    .join('');
  const top3 = rows.slice(0, 3).map((d) => `${d.label} ${d.display}`).join('；');
  const summary = `${title}：共 ${data.length} 项，按金额从高到低，前几项为 ${top3}。全部数字见下表。`;
  return { svg: frame(id, rows.length * rowHeight + 0.3, summary, body), summary };
}

export interface PlanPoint {
  /** Checkpoint as printed, e.g. 6月底. */
  by: string;
  /** Month the checkpoint closes (3, 6, 10, 12). */
  month: number;
  /** Cumulative value, or null where the plan leaves the cell blank. */
  value: number | null;
  display: string;
}

// Made once: the month axis and the two path generators are the same on every project page.
const monthX = scaleLinear().domain([0, 12]).range([12, 93]);
const planLine = line<[number, number]>();
const planArea = area<[number, number]>().y0(100);
/** Grids already drawn, by the scale's top and its labels. */
const grids = new Map<string, string>();

/**
 * A cumulative spending plan over the year: a line from the year's start through each
 * checkpoint, on a month axis, up to `max` (100 for percentages, the total for amounts).
 */
export function planChart(points: PlanPoint[], { id, title, max, axisLabel }: { id: string; title: string; max: number; axisLabel: (v: number) => string }): Chart {
  const x = monthX;
  const top = 1.6;
  const plotHeight = 7;
  const yUnit = scaleLinear().domain([0, max || 1]).range([100, 0]);
  const yEm = (v: number) => top + (yUnit(v) / 100) * plotHeight;
  const known: Array<[number, number]> = [[x(0), yUnit(0)]];
  for (const p of points) if (p.value !== null) known.push([x(p.month), yUnit(p.value)]);
  const path = planLine(known) ?? '';
  const fill = planArea(known) ?? '';
  // The grid depends on the scale's top and its labels alone: the same on most pages (100%).
  const labels = [0, 0.5, 1].map((f) => axisLabel(f * max));
  const gridKey = `${max}\n${labels.join('\n')}`;
  let grid = grids.get(gridKey);
  if (grid === undefined) {
    grid = [0, 0.5, 1]
      .map((f, i) => `<line class="grid" x1="${pct(x(0))}" x2="${pct(x(12))}" y1="${em(yEm(f * max))}" y2="${em(yEm(f * max))}"/><text class="value" x="${pct(x(0) - 1.5)}" y="${em(yEm(f * max) + 0.3)}" text-anchor="end">${escape(labels[i])}</text>`)
      .join('');
    // Amounts give each project its own top: a few grids are kept, not one per project.
    if (grids.size >= 64) grids.clear();
    grids.set(gridKey, grid);
  }
  const marks = points
    .map((p) => {
      const cx = pct(x(p.month));
      const label = `<text x="${cx}" y="${em(top + plotHeight + 1.3)}" text-anchor="middle">${escape(p.by)}</text>`;
      if (p.value === null) return `${label}<text class="value" x="${cx}" y="${em(top + plotHeight + 2.5)}" text-anchor="middle">（空白）</text>`;
      const cy = yEm(p.value);
      return `${label}<circle class="plan-point" cx="${cx}" cy="${em(cy)}" r="0.3em"/><text class="value" x="${cx}" y="${em(cy - 0.6)}" text-anchor="middle">${escape(p.display)}</text>`;
    })
    .join('');
  // The line lives in a 100×100 box stretched over the plot; its stroke keeps its width.
  const plot = `<svg x="0" y="${em(top)}" width="100%" height="${em(plotHeight)}" viewBox="0 0 100 100" preserveAspectRatio="none"><path class="plan-area" d="${fill}"/><path class="plan-line" d="${path}" vector-effect="non-scaling-stroke"/></svg>`;
  const summary = `${title}：${points.map((p) => `${p.by} ${p.value === null ? '空白' : p.display}`).join('，')}。`;
  return { svg: frame(id, top + plotHeight + 3, summary, grid + plot + marks), summary };
}

// The site's three pictures, from the page data.

/** A department's projects by amount. */
export function departmentProjectsChart(department: DepartmentView): Chart {
  const unit = department.data.amountUnit;
  return barChart(
    department.projects.map((p) => ({ label: p.data.name, value: Number(p.totalFen), display: formatMoney(p.totalFen, unit) })),
    {
      id: 'chart-projects',
      title: `${department.title} ${department.data.year} 年各项目预算数`,
      rest: (count, sum) => ({ label: `其余 ${count} 个项目合计`, value: sum, display: formatMoney(BigInt(sum), unit) }),
    },
  );
}

/** Budget totals by region and year; amounts in 元 and 万元 compare through 分. */
export function regionYearChart(summaries: RegionYearSummary[], { title, withRegion = true }: { title: string; withRegion?: boolean }): Chart {
  return barChart(
    // The city and county name the region on a phone's line; the table beside has the full name.
    summaries.map((s) => ({ label: withRegion ? `${s.region.city ?? s.region.province}${s.region.county} ${s.year} 年` : `${s.year} 年`, value: Number(s.total.fen), display: formatTotal(s.total) })),
    { id: 'chart-totals', title, limit: 30 },
  );
}

/** A project's cumulative spending plan by checkpoint (3月底 … 12月底). */
export function spendingPlanChart(project: Project, plan: SpendingPlan): Chart {
  const percent = plan.basis === 'percent';
  const max = percent ? 100 : Number(project.total);
  const digits = percent ? 0 : 2;
  return planChart(
    plan.points.map((p) => ({
      by: p.by,
      month: Number(/^(\d+)月/.exec(p.by)?.[1] ?? 12),
      value: p.value === null ? null : Number(p.value),
      display: percent ? `${(p.printed || p.value || '').replace(/%$/, '')}%` : p.printed || (p.value ?? ''),
    })),
    {
      id: 'chart-plan',
      title: percent ? '累计支出比例（%）' : `累计支出金额（${project.amountUnit}）`,
      max,
      axisLabel: (v) => (percent ? `${v.toFixed(digits)}%` : v.toFixed(digits)),
    },
  );
}
