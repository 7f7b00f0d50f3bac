/**
 * The light search records of a shard: what the province portal's one index holds about each
 * department and project (name, code, where, how much), so a search across 100,000 projects
 * downloads one small index instead of every shard's full-text index. Written by each shard
 * build to /shard/records.json; `npm run province -- assemble` indexes them with Pagefind.
 */
import { formatMoney } from './money.ts';
import { regionName, regionUrl, type SiteModel } from './site.ts';

export interface SearchRecord {
  url: string;
  /** Words the portal's index holds for the page. */
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

/** A shard's summary for the portal's home page: one line per region and year. */
export interface ShardSummary {
  regions: Array<{ code: string; name: string; url: string; years: Array<{ year: number; departments: number; projects: number; total: string }> }>;
}

export function searchRecords(model: SiteModel): SearchRecord[] {
  const records: SearchRecord[] = [];
  for (const d of model.departments) {
    const region = regionName(d.region);
    const year = String(d.data.year);
    const amount = formatMoney(d.totalFen, d.data.amountUnit);
    records.push({
      url: d.url,
      content: `${d.title} ${d.data.unitCode ?? ''} ${region}`,
      meta: { title: `${d.title}（${year} 年）`, type: '部门', region, year, department: d.title, amount },
      filters: { 类型: ['部门'], 部门页: ['是'], 地区: [region], 年度: [year], 部门: [d.title] },
      sort: { amount: d.totalFen.toString(), year },
    });
    for (const p of d.projects) {
      const projectAmount = formatMoney(p.totalFen, p.data.amountUnit);
      records.push({
        url: p.url,
        content: `${p.data.name} ${p.data.code ?? ''} ${d.title} ${region} ${p.data.purpose}`,
        meta: { title: p.data.name, type: '项目', region, year, department: d.title, amount: projectAmount, ...(p.data.code ? { code: p.data.code } : {}) },
        filters: { 类型: ['项目'], 地区: [region], 年度: [year], 部门: [d.title] },
        sort: { amount: p.totalFen.toString(), year },
      });
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
