import { getQualityReport, getSiteModel } from '../../../../../data.ts';
import { INDICATORS_TABLE, projectScope, tableRows, toCsv } from '../../../../../lib/openData.ts';
import type { ProjectView } from '../../../../../lib/site.ts';
import { projectRoutes } from '../../../../../lib/routes.ts';

/** The indicator rows of one project, as in /data/indicators.csv. */
export async function getStaticPaths() {
  return projectRoutes(await getSiteModel());
}

export async function GET({ props }: { props: { project: ProjectView } }) {
  const rows = tableRows(INDICATORS_TABLE, projectScope(props.project), await getQualityReport());
  return new Response(toCsv(INDICATORS_TABLE, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
