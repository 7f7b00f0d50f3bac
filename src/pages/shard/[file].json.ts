/**
 * /shard/records.json and /shard/summary.json: written only by a shard build (GONGKAI_SHARD),
 * for the province portal to index and list; `npm run province -- assemble` removes them.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteModel } from '../../data.ts';
import { shardRegions } from '../../lib/shard.ts';
import { searchRecords, shardSummary } from '../../lib/searchRecords.ts';

export const getStaticPaths = (() => (shardRegions() ? [{ params: { file: 'records' } }, { params: { file: 'summary' } }] : [])) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const model = await getSiteModel();
  const body = params.file === 'records' ? searchRecords(model) : shardSummary(model);
  return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
