/**
 * The open-data tables: the same facts as the pages, one row per project and one row per
 * indicator, with the printed text beside every parsed value and amounts both as printed
 * (with their unit) and converted exactly to 元.
 */
import type { SiteModel } from './site.ts';
import { regionName } from './site.ts';
import { formatDecimal } from './money.ts';
import { countIndicators } from '../schemas/project.ts';

const yuan = (fen: bigint) => formatDecimal({ units: fen, scale: 2 });

export const PROJECT_COLUMNS = [
  'id', 'code', 'code_printed', 'name', 'region_code', 'region', 'year', 'unit_code', 'department',
  'amount_unit', 'total_printed', 'total_yuan', 'funding_sources', 'purpose', 'spending_plan_basis',
  'plan_mar', 'plan_jun', 'plan_oct', 'plan_dec', 'goals', 'indicator_rows', 'url',
] as const;

export function projectRows(model: SiteModel): Array<Record<(typeof PROJECT_COLUMNS)[number], string>> {
  return model.projects.map(({ data: p, department: d, url, totalFen }) => {
    const plan = p.spendingPlan?.points.map((x) => x.printed) ?? ['', '', '', ''];
    return {
      id: p.id,
      code: p.code ?? '',
      code_printed: p.codePrinted ?? p.code ?? '',
      name: p.name,
      region_code: p.region,
      region: regionName(d.region),
      year: String(p.year),
      unit_code: d.data.unitCode ?? '',
      department: d.title,
      amount_unit: p.amountUnit,
      total_printed: p.total,
      total_yuan: yuan(totalFen),
      funding_sources: p.fundingSources.map((f) => `${f.source}:${f.amount ?? ''}`).join('; '),
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

export const INDICATOR_COLUMNS = [
  'project_id', 'project_name', 'row', 'level1', 'level2', 'level3_or_name', 'description', 'value_printed',
  'operator', 'number', 'unit', 'basis', 'nature', 'score', 'core',
] as const;

export function indicatorRows(model: SiteModel): Array<Record<(typeof INDICATOR_COLUMNS)[number], string>> {
  return model.projects.flatMap(({ data: p }) =>
    p.indicators.form === 'levels'
      ? p.indicators.rows.map((r, i) => ({
          project_id: p.id, project_name: p.name, row: String(i + 1), level1: r.level1, level2: r.level2,
          level3_or_name: r.level3, description: r.description ?? '', value_printed: r.value,
          operator: r.parsed?.operator ?? '', number: r.parsed?.number ?? '', unit: r.parsed?.unit ?? '',
          basis: r.basis ?? '', nature: r.nature ?? '', score: r.weight ?? '', core: '',
        }))
      : p.indicators.rows.map((r, i) => ({
          project_id: p.id, project_name: p.name, row: String(i + 1), level1: '', level2: '',
          level3_or_name: r.name, description: '', value_printed: r.value,
          operator: r.parsed?.operator ?? '', number: r.parsed?.number ?? '', unit: r.unit,
          basis: '', nature: r.nature, score: r.score, core: r.core,
        })),
  );
}
