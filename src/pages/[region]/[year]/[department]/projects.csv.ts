import { getQualityReport, getSiteModel } from '../../../../data.ts';
import { csvResponse, departmentScope, PROJECTS_TABLE } from '../../../../lib/openData.ts';
import type { DepartmentView } from '../../../../lib/site.ts';
import { departmentRoutes } from '../../../../lib/routes.ts';

/** The projects of one department document, as in /data/projects.csv. */
export async function getStaticPaths() {
  return departmentRoutes(await getSiteModel());
}

export async function GET({ props }: { props: { department: DepartmentView } }) {
  return csvResponse(PROJECTS_TABLE, departmentScope(props.department), await getQualityReport());
}
