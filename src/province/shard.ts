/**
 * One shard job of a province build: the regions it builds and the environment of its
 * `astro build`. CI runs one such job per matrix entry (GitHub Actions `strategy.matrix`,
 * GitLab `parallel:matrix`); the bench runs them one after another on one machine.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { regionsOfShard } from '../lib/shard.ts';
import { nativeMemoryEnv } from '../build/nativeMemory.ts';

/** Region codes of a content folder, from its regions/<code>.md files. */
export function contentRegions(contentDir: string): string[] {
  return readdirSync(join(contentDir, 'regions'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.replace(/\.md$/, ''));
}

export interface ShardJob {
  index: number;
  total: number;
  regions: string[];
  /**
   * Environment for `astro build`: the regions, the output folder and a cache folder of its own,
   * and Rolldown kept off huge pages as `npm run build` keeps it (src/build/nativeMemory.ts).
   */
  env: Record<string, string>;
  outDir: string;
}

export function shardJob(contentDir: string, index: number, total: number, outRoot: string, cacheRoot: string): ShardJob {
  const regions = regionsOfShard(contentRegions(contentDir), index, total);
  const name = `shard-${index + 1}-of-${total}`;
  const outDir = join(outRoot, name);
  return {
    index,
    total,
    regions,
    outDir,
    env: { GONGKAI_CONTENT: contentDir, GONGKAI_SHARD: regions.join(','), GONGKAI_OUT: outDir, GONGKAI_CACHE: join(cacheRoot, name), ...nativeMemoryEnv() },
  };
}
