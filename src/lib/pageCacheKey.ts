/**
 * The key of a page for Astro's incremental build (`experimental.incrementalBuild`): a digest of
 * every value the page shows. A page whose key and templates are unchanged since the last build
 * is copied from the cache instead of being rendered again, so one edited project re-renders its
 * own page and the few pages that show it, not the whole site.
 */
import { createHash } from 'node:crypto';

/**
 * JSON with BigInt (amounts in 分) as decimal strings. A department or project view met inside
 * a value (a row of a list, a link to the same project in another year) stands for what a page
 * can show of it — its address, title, content data, region, total and number of projects —
 * instead of the whole view, which holds its department and so refers back to itself.
 */
function replacer(key: string, value: unknown) {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return [...value];
  if (key !== '' && value && typeof value === 'object' && 'url' in value && 'data' in value) {
    const view = value as { url: string; data: unknown; title?: string; region?: unknown; totalFen?: bigint; projects?: unknown[] };
    return { url: view.url, data: view.data, title: view.title, region: view.region, totalFen: view.totalFen, projects: view.projects?.length };
  }
  return value;
}

export function pageCacheKey(...parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts, replacer)).digest('base64url');
}
