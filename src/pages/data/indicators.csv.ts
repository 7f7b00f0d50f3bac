import { stringify } from 'csv-stringify/sync';
import { getSiteModel } from '../../data.ts';
import { INDICATOR_COLUMNS, indicatorRows } from '../../lib/openData.ts';

export async function GET() {
  const csv = stringify(indicatorRows(await getSiteModel()), { header: true, columns: [...INDICATOR_COLUMNS], bom: true });
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}
