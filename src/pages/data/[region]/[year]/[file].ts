import { getQualityReport, getSiteModel } from '../../../../data.ts';
import { csvResponse, jsonResponse, regionYearSlices, SLICE_FILES, TABLES, tableRows, type RegionYearSlice } from '../../../../lib/openData.ts';
import { toXlsx } from '../../../../lib/openDataXlsx.ts';

/** The files of one region and year (see SLICE_FILES). */
export async function getStaticPaths() {
  const slices = regionYearSlices(await getSiteModel());
  return slices.flatMap((slice) => SLICE_FILES.map((file) => ({ params: { region: slice.region.code, year: String(slice.year), file }, props: { slice, file } })));
}

export async function GET({ props: { slice, file } }: { props: { slice: RegionYearSlice; file: string } }) {
  const report = await getQualityReport();
  if (file === 'gongkai.json') return jsonResponse(slice);
  if (file === 'gongkai.xlsx') {
    const body = await toXlsx(TABLES.map((table) => ({ table, rows: tableRows(table, slice, report) })));
    return new Response(new Uint8Array(body), { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
  }
  const table = TABLES.find((t) => `${t.name}.csv` === file)!;
  return csvResponse(table, slice, report);
}
