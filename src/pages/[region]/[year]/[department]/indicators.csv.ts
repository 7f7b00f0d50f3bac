import { getQualityReport, getSiteModel } from '../../../../data.ts';
import { departmentScope, INDICATORS_TABLE, tableRows, toCsv } from '../../../../lib/openData.ts';
import type { DepartmentView } from '../../../../lib/site.ts';
import { departmentRoutes } from '../../../../lib/routes.ts';

/** The indicators of one department document, as in /data/indicators.csv. */
export async function getStaticPaths() {
  return departmentRoutes(await getSiteModel());
}

export async function GET({ props }: { props: { department: DepartmentView } }) {
  const rows = tableRows(INDICATORS_TABLE, departmentScope(props.department), await getQualityReport());
  return new Response(toCsv(INDICATORS_TABLE, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
