import { getQualityReport, getSiteModel } from '../../../../data.ts';
import { departmentScope, PROJECTS_TABLE, tableRows, toCsv } from '../../../../lib/openData.ts';
import type { DepartmentView } from '../../../../lib/site.ts';
import { departmentRoutes } from '../../../../lib/routes.ts';

/** The projects of one department document, as in /data/projects.csv. */
export async function getStaticPaths() {
  return departmentRoutes(await getSiteModel());
}

export async function GET({ props }: { props: { department: DepartmentView } }) {
  const rows = tableRows(PROJECTS_TABLE, departmentScope(props.department), await getQualityReport());
  return new Response(toCsv(PROJECTS_TABLE, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
