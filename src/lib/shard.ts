/**
 * Province builds run as shards: each CI job builds the regions it is given (GONGKAI_SHARD, a
 * comma-separated list of region codes) as a site of its own, with its own pages and search
 * index; `npm run province -- assemble` then joins the shards' outputs under one portal.
 * Regions go to shards by their sorted position, so a matrix of N jobs needs only its index.
 */

/** The regions this build is limited to, or null for a whole-site build. */
export function shardRegions(env: NodeJS.ProcessEnv = process.env): Set<string> | null {
  const list = env.GONGKAI_SHARD?.split(',').map((s) => s.trim()).filter(Boolean);
  return list?.length ? new Set(list) : null;
}

/**
 * Whether a content file belongs to the shard: regions/<code>.md, and departments/ and
 * projects/ files below <code>/. `entryPath` is relative to the collection's folder.
 */
export function inShard(entryPath: string, regions: Set<string> | null): boolean {
  return !regions || regions.has(entryPath.split('/')[0].replace(/\.md$/, ''));
}

/** The regions of shard `index` (0-based) of `total`: every total-th region in code order. */
export function regionsOfShard(allRegions: string[], index: number, total: number): string[] {
  return [...allRegions].sort().filter((_, i) => i % total === index);
}
