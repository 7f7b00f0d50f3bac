/**
 * The key of a page for Astro's incremental build (`experimental.incrementalBuild`): a digest of
 * every value the page shows. A page whose key and templates are unchanged since the last build
 * is copied from the cache instead of being rendered again, so one edited project re-renders its
 * own page and the few pages that show it, not the whole site.
 */
import { createHash } from 'node:crypto';

const sha1 = (text: string) => createHash('sha1').update(text).digest('base64url');

/**
 * Digests of values already seen, by identity: a project's content data is part of the keys of
 * its own page, its department's page and the quality pages, and is serialised once.
 */
const digests = new WeakMap<object, string>();

function digestOf(value: object): string {
  let digest = digests.get(value);
  if (digest === undefined) {
    digest = sha1(Array.isArray(value) ? JSON.stringify(value, replacer) : plainJson(value));
    digests.set(value, digest);
  }
  return digest;
}

/**
 * Plain data through the native serialiser, many times faster than one with a replacer; a value
 * holding a view or an amount (BigInt) makes it fail, and goes through the replacer. A list
 * (other years' documents, the same project in other years) holds views, on which the native
 * serialiser fails only after writing out the first view's data: lists go to the replacer at once.
 */
function plainJson(value: object): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify(value, replacer);
  }
}

/**
 * Gives a value the digest it is keyed by: a content entry's data takes the digest of the entry as
 * stored (src/data.ts), which changes whenever the data does, instead of being serialised again.
 */
export function rememberDigest(value: object, digest: string): void {
  digests.set(value, digest);
}

/**
 * Gives a value computed from others (a project's quality, from its data and its department's)
 * a digest made of theirs, so that it is never serialised to be keyed: the value must depend on
 * nothing else but the code, which Astro's cache keys by itself. Without a digest for every
 * input the value keeps being keyed by its content.
 */
export function deriveDigest(value: object, ...inputs: object[]): void {
  const parts = inputs.map((input) => digests.get(input));
  if (parts.every((part) => part !== undefined)) digests.set(value, sha1(parts.join('\n')));
}

/**
 * JSON with BigInt (amounts in 分) as decimal strings; page values hold no Map or Set (the native
 * serialiser would write them as {}). A department or project view met inside
 * a value (a row of a list, a link to the same project in another year) stands for what a page
 * can show of it — its address, title, content data, region, total and number of projects —
 * instead of the whole view, which holds its department and so refers back to itself.
 */
function replacer(key: string, value: unknown) {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return [...value];
  if (key !== '' && value && typeof value === 'object' && 'url' in value && 'data' in value) {
    const view = value as { url: string; data: object; title?: string; region?: unknown; totalFen?: bigint; projects?: unknown[] };
    return { url: view.url, data: digestOf(view.data), title: view.title, region: view.region, totalFen: view.totalFen, projects: view.projects?.length };
  }
  return value;
}

export function pageCacheKey(...parts: unknown[]): string {
  return sha1(parts.map((part) => (part && typeof part === 'object' ? digestOf(part) : JSON.stringify(part, replacer) ?? 'undefined')).join('\n'));
}
