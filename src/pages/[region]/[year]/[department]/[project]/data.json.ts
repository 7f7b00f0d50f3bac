import { getSiteModel } from '../../../../../data.ts';
import { projectScope, toJson } from '../../../../../lib/openData.ts';
import type { ProjectView } from '../../../../../lib/site.ts';
import { projectRoutes } from '../../../../../lib/routes.ts';

/** One project with its department document and region, in the shape of /data/gongkai.json. */
export async function getStaticPaths() {
  return projectRoutes(await getSiteModel());
}

export function GET({ props }: { props: { project: ProjectView } }) {
  return new Response(toJson(projectScope(props.project)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
