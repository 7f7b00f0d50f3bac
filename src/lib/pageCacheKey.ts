/**
 * The key of a page for Astro's incremental build (`experimental.incrementalBuild`): a digest of
 * every value the page shows. A page whose key and templates are unchanged since the last build
 * is copied from the cache instead of being rendered again, so one edited project re-renders its
 * own page and the few pages that show it, not the whole site.
 */
import { createHash } from 'node:crypto';

/**
 * JSON with BigInt (amounts in 分) as decimal strings. A department or project view met inside
 * another value (a link to the same project in another year, a row of the quality table) stands
 * for what a page shows of it — its address, title, name and total — instead of the whole view,
 * which holds its department and so refers back to itself.
 */
function replacer(key: string, value: unknown) {
  if (typeof value === 'bigint') return value.toString();
  if (key !== '' && value && typeof value === 'object' && 'url' in value && 'data' in value) {
    const view = value as { url: string; title?: string; totalFen?: bigint; data: { name?: string; year?: number; title?: string } };
    return { url: view.url, title: view.title, name: view.data.name, year: view.data.year, totalFen: view.totalFen?.toString() };
  }
  if (value instanceof Map) return [...value];
  return value;
}

export function pageCacheKey(...parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts, replacer)).digest('base64url');
}
