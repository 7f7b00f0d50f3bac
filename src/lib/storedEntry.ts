/**
 * How the content loader keeps a file in Astro's data store: its data, Markdown body and rendered
 * narrative as one string (JSON, deflated, base64), not as the objects themselves.
 *
 * Astro writes the whole store (devalue) after every content sync that changed an entry, reads it
 * back at start-up and again as one JavaScript module of the prerender bundle. devalue walks each
 * object, array and key of every entry (about a hundred per project) and escapes its strings one
 * character at a time; at 10,000 projects that walk was most of an edit's content sync, and the
 * store's 25 MB of two-byte text made the bundle's largest module. One ASCII string per entry
 * leaves devalue, the bundler and V8 nothing to walk or escape; the pages unpack each entry once
 * per build (src/data.ts).
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** What the pages read of one content file. */
export interface EntryContent<T = unknown> {
  data: T;
  /** The Markdown body as written, when there is one. */
  body?: string;
  /** The body rendered to HTML by the site's Markdown pipeline, when there is one. */
  html?: string;
}

/** The `data` of a store entry: the content, packed (a type, not an interface, so that it is a record to Astro's store). */
export type PackedEntry = { packed: string };

export function packEntry(content: EntryContent): PackedEntry {
  // Level 1: an edit packs one entry, a full build every one; a stronger level saved 4 % of the bytes.
  return { packed: deflateRawSync(JSON.stringify(content), { level: 1 }).toString('base64') };
}

/** The content of a packed entry. */
export function unpackEntry<T>(stored: PackedEntry): EntryContent<T> {
  return JSON.parse(inflateRawSync(Buffer.from(stored.packed, 'base64')).toString('utf8')) as EntryContent<T>;
}

/** A digest of a packed entry, for an entry the store keeps without the loader's digest. */
export function packedDigest(stored: PackedEntry): string {
  return createHash('sha1').update(stored.packed).digest('base64url');
}
