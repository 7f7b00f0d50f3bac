import { getSiteModel } from '../../../../data.ts';
import { departmentScope, jsonResponse } from '../../../../lib/openData.ts';
import type { DepartmentView } from '../../../../lib/site.ts';
import { departmentRoutes } from '../../../../lib/routes.ts';

/** One department document with its projects, in the shape of /data/gongkai.json. */
export async function getStaticPaths() {
  return departmentRoutes(await getSiteModel());
}

export function GET({ props }: { props: { department: DepartmentView } }) {
  return jsonResponse(departmentScope(props.department));
}
