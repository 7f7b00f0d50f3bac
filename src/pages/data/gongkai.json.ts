import { getSiteModel } from '../../data.ts';
import { siteScope, toJson } from '../../lib/openData.ts';

/** Everything as published: regions, department documents and projects with their raw fields. */
export async function GET() {
  return new Response(toJson(siteScope(await getSiteModel())), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
