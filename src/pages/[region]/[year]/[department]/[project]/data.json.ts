import { getSiteModel } from '../../../../../data.ts';
import { jsonResponse, projectScope } from '../../../../../lib/openData.ts';
import type { ProjectView } from '../../../../../lib/site.ts';
import { projectRoutes } from '../../../../../lib/routes.ts';

/** One project with its department document and region, in the shape of /data/gongkai.json. */
export async function getStaticPaths() {
  return projectRoutes(await getSiteModel());
}

export function GET({ props }: { props: { project: ProjectView } }) {
  return jsonResponse(projectScope(props.project));
}
