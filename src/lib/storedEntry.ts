/**
 * Where the content loader keeps what it made of each file: its data, Markdown body and rendered
 * narrative as one JSON string, in a store of our own beside Astro's data store (a "shelf" per
 * collection in the cache folder, a file per region). Astro's store holds only each entry's id,
 * path and digest.
 *
 * Astro writes its whole store (devalue) after every content sync that changed an entry, reads it
 * back at start-up and bundles it again as one JavaScript module of the prerender bundle. With the
 * content inside it (19 MB at 10,000 projects, even deflated), an edit of one file re-serialised,
 * rewrote and re-bundled all of it (about 1.5 s); a shelf's file is a V8-serialised map of
 * strings, read and written in milliseconds. Its strings are plain JSON, not deflated: the pages
 * parse every entry once per build, and 11,000 separate inflate calls cost about a second.
 *
 * The shelf reaches the pages (src/data.ts) and the search index in this same process through a
 * global slot: Astro 7 renders the pages in the process that ran the content sync.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { globalSlot } from './globalSlot.ts';
import { readStoreFile, writeStoreFile } from './derivedStore.ts';

/** What the pages read of one content file. */
export interface EntryContent<T = unknown> {
  data: T;
  /** The Markdown body as written, when there is one. */
  body?: string;
  /** The body rendered to HTML by the site's Markdown pipeline, when there is one. */
  html?: string;
}

/** An entry's content as kept: one JSON string (a type, not an interface, so that it is a plain record). */
export type PackedEntry = { packed: string };

export function packEntry(content: EntryContent): PackedEntry {
  return packJson(JSON.stringify(content.data), content.body, content.html);
}

/**
 * packEntry of content whose data is already JSON text (as the check's store keeps it,
 * src/check/cache.ts): JSON.stringify's very string, without building the data's objects.
 */
export function packJson(data: string, body?: string, html?: string): PackedEntry {
  let packed = `{"data":${data}`;
  if (body !== undefined) packed += `,"body":${JSON.stringify(body)}`;
  if (html !== undefined) packed += `,"html":${JSON.stringify(html)}`;
  return { packed: `${packed}}` };
}

/** The content of a packed entry. */
export function unpackEntry<T>(stored: PackedEntry): EntryContent<T> {
  return JSON.parse(stored.packed) as EntryContent<T>;
}

/** An entry on a shelf: its id (its path without `.md`), its packed content and the loader's digest of its file. */
export interface ShelvedEntry {
  id: string;
  data: PackedEntry;
  digest: string;
}

/** The layout of a shelf file; the loader's digests cover the code that made the entries. */
const FORMAT = 1;

/** The part of a shelf an entry is kept in: its region (the first folder of its path), so that an edit rewrites one region's file. */
const partOf = (id: string) => {
  const slash = id.indexOf('/');
  return slash < 0 ? '' : id.slice(0, slash);
};
const partFile = (part: string) => `${encodeURIComponent(part) || '_'}.bin`;

/**
 * One collection's entries as the loader keeps them, between builds in
 * `<cacheDir>/gongkai-content/<kind>/<region>.bin`: at 10,000 projects the whole shelf is 43 MB,
 * which every edit rewrote; a region's file is a tenth of it.
 */
export class EntryShelf {
  readonly path: string;
  readonly #kind: string;
  readonly #entries: Map<string, ShelvedEntry>;
  readonly #changed = new Set<string>();

  private constructor(path: string, kind: string, entries: Map<string, ShelvedEntry>) {
    this.path = path;
    this.#kind = kind;
    this.#entries = entries;
  }

  /** The shelf of `kind` in `cacheDir`, as the last sync left it; a part that is missing, corrupt or of another layout holds nothing. */
  static open(cacheDir: string, kind: string): EntryShelf {
    const path = join(cacheDir, 'gongkai-content', kind);
    const entries = new Map<string, ShelvedEntry>();
    let files: string[] = [];
    try {
      files = readdirSync(path).filter((f) => f.endsWith('.bin'));
    } catch {
      // No shelf yet.
    }
    for (const file of files) for (const [id, entry] of readStoreFile<ShelvedEntry>(join(path, file), FORMAT, kind) ?? []) entries.set(id, entry);
    return new EntryShelf(path, kind, entries);
  }

  /** Whether the shelf holds the entry `id` made from a file of digest `digest`. */
  holds(id: string, digest: string): boolean {
    return this.#entries.get(id)?.digest === digest;
  }

  get(id: string): ShelvedEntry | undefined {
    return this.#entries.get(id);
  }

  put(id: string, digest: string, content: EntryContent | PackedEntry): void {
    this.#entries.set(id, { id, data: 'packed' in content ? content : packEntry(content), digest });
    this.#changed.add(partOf(id));
  }

  /** Drops every entry whose id `keep` refuses (a file deleted, or outside this build's shard). */
  retain(keep: (id: string) => boolean): void {
    for (const id of this.#entries.keys()) {
      if (keep(id)) continue;
      this.#entries.delete(id);
      this.#changed.add(partOf(id));
    }
  }

  values(): ShelvedEntry[] {
    return [...this.#entries.values()];
  }

  /** Writes the parts this sync changed, for the next build; a part left empty is deleted. */
  save(): void {
    if (this.#changed.size === 0) return;
    const parts = new Map<string, Map<string, ShelvedEntry>>([...this.#changed].map((part) => [part, new Map()]));
    for (const [id, entry] of this.#entries) parts.get(partOf(id))?.set(id, entry);
    for (const [part, entries] of parts) {
      const file = join(this.path, partFile(part));
      if (entries.size) writeStoreFile(file, FORMAT, this.#kind, entries);
      else rmSync(file, { force: true });
    }
    this.#changed.clear();
  }
}

/** The shelves of this process's last content sync, by collection: put by the loader, read by the pages. */
export const shelves = globalSlot<Map<string, EntryShelf>>('entryShelves');

export function putShelf(kind: string, shelf: EntryShelf): void {
  // A new map each time: what the pages computed from the old one is stale (`npm run dev` reloads a saved file).
  const all = new Map(shelves.get());
  all.set(kind, shelf);
  shelves.put(all);
}
