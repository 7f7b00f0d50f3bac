import { getQualityReport, getSiteModel } from '../../data.ts';
import { csvResponse, siteScope, TABLES, type TableSpec } from '../../lib/openData.ts';

export function getStaticPaths() {
  return TABLES.map((table) => ({ params: { table: table.name }, props: { table } }));
}

/** A site-wide table as CSV (the rule for formula-leading cells is on /data/). */
export async function GET({ props }: { props: { table: TableSpec } }) {
  const [model, report] = await Promise.all([getSiteModel(), getQualityReport()]);
  return csvResponse(props.table, siteScope(model), report);
}
