/**
 * The key of a page for Astro's incremental build (`experimental.incrementalBuild`): a digest of
 * every value the page shows. A page whose key and templates are unchanged since the last build
 * is copied from the cache instead of being rendered again, so one edited project re-renders its
 * own page and the few pages that show it, not the whole site.
 */
import { hash } from 'node:crypto';

// One call per text: a Hash object and an update per part crossed into C++ some 200,000 times per build.
/** A text's SHA-1 in base64url: the form of every key and digest here. */
export const sha1 = (text: string) => hash('sha1', text, 'base64url');

/**
 * Digests of values already seen, by identity: a project's content data is part of the keys of
 * its own page, its department's page and the quality pages, and is never serialised (its
 * stored entry's digest stands for it); a view's data met in a list is serialised once.
 */
const digests = new WeakMap<object, string>();

function digestOf(value: object): string {
  let digest = digests.get(value);
  if (digest === undefined) {
    digest = sha1(jsonOf(value));
    digests.set(value, digest);
  }
  return digest;
}

/** The JSON of values without a digest, by identity, once made (see keyText). */
const texts = new WeakMap<object, string>();

/**
 * What a value of a page stands for in its key: the digest it was given, or else its JSON. A
 * value met in one key only (the page's publication record, its list of other years) is not
 * hashed on its own before the key is: only the key's text is. A value met in several keys is
 * serialised once: a row of the 指标质量 rankings, on a page of each of their three orders, is
 * keyed by the digests of its files (shownFrom in src/lib/quality.ts), or by its JSON where they
 * have none.
 */
function keyText(value: object): string {
  const digest = digests.get(value);
  if (digest !== undefined) return digest;
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = jsonOf(value)));
  return text;
}

/** JSON of a value; a list holds views and goes through the replacer at once. */
function jsonOf(value: object): string {
  return Array.isArray(value) ? JSON.stringify(value, replacer) : plainJson(value);
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
  const digest = inputsDigest(...inputs);
  if (digest !== undefined) digests.set(value, digest);
}

/**
 * The digests of values side by side (the key they enter is hashed, so they need not be again),
 * or undefined when one of them has none: what a value computed from them alone is keyed by.
 */
export function inputsDigest(...inputs: object[]): string | undefined {
  const parts = inputs.map((input) => digests.get(input));
  return parts.every((part) => part !== undefined) ? parts.join(' ') : undefined;
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

/**
 * The key of a page from everything it shows, one value after another: a digest's text, or a
 * value's JSON, a line each (JSON has no line break of its own, a digest no brace), all hashed once.
 */
export function pageCacheKey(...parts: unknown[]): string {
  let text = '';
  for (const part of parts) text += `${part && typeof part === 'object' ? keyText(part) : typeof part === 'string' ? JSON.stringify(part) : (JSON.stringify(part, replacer) ?? 'undefined')}\n`;
  return sha1(text);
}
