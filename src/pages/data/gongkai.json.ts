import { getSiteModel } from '../../data.ts';
import { jsonResponse, siteScope } from '../../lib/openData.ts';

/** Everything as published: regions, department documents and projects with their raw fields. */
export async function GET() {
  return jsonResponse(siteScope(await getSiteModel()));
}
