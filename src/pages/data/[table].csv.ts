import { getQualityReport, getSiteModel } from '../../data.ts';
import { siteScope, TABLES, tableRows, toCsv, type TableSpec } from '../../lib/openData.ts';

export function getStaticPaths() {
  return TABLES.map((table) => ({ params: { table: table.name }, props: { table } }));
}

/** A site-wide table as CSV (the rule for formula-leading cells is on /data/). */
export async function GET({ props }: { props: { table: TableSpec } }) {
  const [model, report] = await Promise.all([getSiteModel(), getQualityReport()]);
  return new Response(toCsv(props.table, tableRows(props.table, siteScope(model), report)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
