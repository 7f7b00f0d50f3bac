import { getQualityReport, getSiteModel } from '../../data.ts';
import { siteScope, TABLES, tableRows } from '../../lib/openData.ts';
import { siteFitsXlsx, toXlsx } from '../../lib/openDataXlsx.ts';

/** Every site-wide table as one workbook, while the largest table fits in a sheet (else only the region-and-year workbooks exist). */
export async function getStaticPaths() {
  const [model, report] = await Promise.all([getSiteModel(), getQualityReport()]);
  return siteFitsXlsx(model, report) ? [{ params: { workbook: 'gongkai' } }] : [];
}

export async function GET() {
  const [model, report] = await Promise.all([getSiteModel(), getQualityReport()]);
  const scope = siteScope(model);
  const body = await toXlsx(TABLES.map((table) => ({ table, rows: tableRows(table, scope, report) })));
  return new Response(new Uint8Array(body), { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
}
