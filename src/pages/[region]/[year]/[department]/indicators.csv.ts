import { getQualityReport, getSiteModel } from '../../../../data.ts';
import { csvResponse, departmentScope, INDICATORS_TABLE } from '../../../../lib/openData.ts';
import type { DepartmentView } from '../../../../lib/site.ts';
import { departmentRoutes } from '../../../../lib/routes.ts';

/** The indicators of one department document, as in /data/indicators.csv. */
export async function getStaticPaths() {
  return departmentRoutes(await getSiteModel());
}

export async function GET({ props }: { props: { department: DepartmentView } }) {
  return csvResponse(INDICATORS_TABLE, departmentScope(props.department), await getQualityReport());
}
