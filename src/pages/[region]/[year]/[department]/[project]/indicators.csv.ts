import { getQualityReport, getSiteModel } from '../../../../../data.ts';
import { csvResponse, INDICATORS_TABLE, projectScope } from '../../../../../lib/openData.ts';
import type { ProjectView } from '../../../../../lib/site.ts';
import { projectRoutes } from '../../../../../lib/routes.ts';

/** The indicator rows of one project, as in /data/indicators.csv. */
export async function getStaticPaths() {
  return projectRoutes(await getSiteModel());
}

export async function GET({ props }: { props: { project: ProjectView } }) {
  return csvResponse(INDICATORS_TABLE, projectScope(props.project), await getQualityReport());
}
