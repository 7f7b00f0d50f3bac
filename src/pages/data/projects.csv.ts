import { stringify } from 'csv-stringify/sync';
import { getSiteModel } from '../../data.ts';
import { PROJECT_COLUMNS, projectRows } from '../../lib/openData.ts';

export async function GET() {
  const csv = stringify(projectRows(await getSiteModel()), { header: true, columns: [...PROJECT_COLUMNS], bom: true });
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
