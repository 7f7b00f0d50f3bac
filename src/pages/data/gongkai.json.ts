import { getSiteModel } from '../../data.ts';

/** Everything as published: regions, department documents and projects with their raw fields. */
export async function GET() {
  const model = await getSiteModel();
  const body = {
    regions: model.regions,
    departments: model.departments.map((d) => ({ ...d.data, url: d.url })),
    projects: model.projects.map((p) => ({ ...p.data, url: p.url })),
  };
  return new Response(JSON.stringify(body, null, 1), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
