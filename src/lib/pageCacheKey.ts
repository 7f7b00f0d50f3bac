/**
 * The key of a page for Astro's incremental build (`experimental.incrementalBuild`): a digest of
 * every value the page shows. A page whose key and templates are unchanged since the last build
 * is copied from the cache instead of being rendered again, so one edited project re-renders its
 * own page and the few pages that sum it, not the whole site.
 */
import { createHash } from 'node:crypto';

/** JSON with BigInt (amounts in 分) written as decimal strings. */
const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

export function pageCacheKey(...parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts, replacer)).digest('base64url');
}
