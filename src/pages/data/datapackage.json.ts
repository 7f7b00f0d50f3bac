import { getPublishing } from '../../publishing.ts';
import { dataAsOf, dataPackage } from '../../lib/openData.ts';

/** Frictionless Tabular Data Package describing the site-wide CSV files beside it. */
export async function GET() {
  return new Response(JSON.stringify(dataPackage(dataAsOf(await getPublishing())), null, 1), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
