/**
 * Short names for a bundle's index files, so that its metadata file (pf_meta) is smaller.
 *
 * Every first search downloads each bundle's pf_meta, and most of it is names: Pagefind names
 * each page's fragment file and each word-list chunk by a hash of its own content (`zh-cn_` and
 * 7 hex digits, random to gzip) and lists every one of them in pf_meta: at 10,000 projects about
 * 5 of each bundle's 13 KiB are page names and 1.5 KiB chunk names. Here the files are named
 * `<generation>_<number>` (src/search/names.ts), numbers counting up, which gzip packs tight. The generation is a hash
 * of Pagefind's names for a group of `GROUP` files in a row, so one name still means one content
 * (the files may be cached for ever, as deploy/ sets up), and an edit renames only the groups
 * whose files it changes: one generation for the whole bundle made pf_meta 0.4 KiB smaller but
 * had an edit copy all 1,500 files of its bundle instead of a few hundred.
 *
 * pf_meta is CBOR (pagefind_web/src/metadata.rs): version, pages [hash, word count, …], chunks
 * [from, to, hash], filters [name, hash], sorts, meta fields. Pages, chunks and filters are
 * referred to by their position everywhere else, so only the names change. The few CBOR shapes
 * Pagefind writes are read and written here (unsigned integers, text, arrays); a file this code
 * cannot write back byte for byte is left as Pagefind wrote it, which costs bytes, not the search.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GROUP, shortName } from './names.ts';

/** What every Pagefind file begins with once decompressed. */
export const SIGNATURE = 'pagefind_dcd';

/** The CBOR values Pagefind's metadata holds. */
type Cbor = number | string | Cbor[];

const UNSIGNED = 0;
const TEXT = 3;
const ARRAY = 4;

/** Decodes one CBOR item of the kinds Pagefind writes; null for anything else. */
export function decodeCbor(bytes: Uint8Array): Cbor | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  const argument = (info: number): number => {
    if (info < 24) return info;
    const size = info - 24;
    if (size > 2) throw new Error(`CBOR argument ${info}`);
    const value = size === 0 ? view.getUint8(at) : size === 1 ? view.getUint16(at) : view.getUint32(at);
    at += 1 << size;
    return value;
  };
  const item = (): Cbor => {
    const head = view.getUint8(at++);
    const major = head >> 5;
    const n = argument(head & 31);
    if (major === UNSIGNED) return n;
    if (major === TEXT) {
      const s = text.decode(bytes.subarray(at, at + n));
      at += n;
      return s;
    }
    if (major === ARRAY) return Array.from({ length: n }, item);
    throw new Error(`CBOR major type ${major}`);
  };
  try {
    const value = item();
    return at === bytes.length ? value : null;
  } catch {
    return null;
  }
}

/** Encodes what `decodeCbor` reads, with the shortest argument, as Pagefind's encoder does. */
export function encodeCbor(value: Cbor): Uint8Array {
  const out: number[] = [];
  const head = (major: number, n: number) => {
    const m = major << 5;
    if (n < 24) out.push(m | n);
    else if (n < 0x100) out.push(m | 24, n);
    else if (n < 0x10000) out.push(m | 25, n >> 8, n & 0xff);
    else out.push(m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
  };
  const item = (v: Cbor) => {
    if (typeof v === 'number') head(UNSIGNED, v);
    else if (typeof v === 'string') {
      const bytes = new TextEncoder().encode(v);
      head(TEXT, bytes.length);
      for (const b of bytes) out.push(b);
    } else {
      head(ARRAY, v.length);
      v.forEach(item);
    }
  };
  item(value);
  return Uint8Array.from(out);
}

/** A Pagefind file's content without its gzip and signature. */
function unpack(file: Buffer): Buffer {
  const data = file.subarray(0, SIGNATURE.length).toString() === SIGNATURE ? file : gunzipSync(file);
  return data.subarray(SIGNATURE.length);
}

interface Entry {
  languages: Record<string, { hash: string; [k: string]: unknown }>;
  [k: string]: unknown;
}

/** The lists of pf_meta that name files, each with the folder and extension of those files. */
const NAMED_LISTS = [
  { list: 1, at: 0, folder: 'fragment', ext: '.pf_fragment' },
  { list: 2, at: 2, folder: 'index', ext: '.pf_index' },
  { list: 3, at: 1, folder: 'filter', ext: '.pf_filter' },
] as const;

/** Whether `meta` has Pagefind's shape: a list whose named lists hold rows with a name at `at`. */
function isMeta(meta: Cbor | null): meta is Cbor[] {
  return (
    Array.isArray(meta) &&
    NAMED_LISTS.every(({ list, at }) => Array.isArray(meta[list]) && (meta[list] as Cbor[]).every((row) => Array.isArray(row) && typeof row[at] === 'string'))
  );
}

/**
 * Gives the index files of the Pagefind bundle in `dir` short names (see above) and rewrites its
 * pf_meta and pagefind-entry.json to match. Returns the generations of its pages' fragment names
 * (of its one language), or null, changing nothing, for a bundle whose pf_meta it cannot read
 * back exactly.
 */
export async function shortenNames(dir: string): Promise<string[] | null> {
  const entryPath = join(dir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryPath, 'utf8')) as Entry;
  const plans = [];
  for (const language of Object.values(entry.languages)) {
    const metaPath = join(dir, `pagefind.${language.hash}.pf_meta`);
    const raw = unpack(await readFile(metaPath));
    const meta = decodeCbor(raw);
    if (!isMeta(meta) || !Buffer.from(encodeCbor(meta)).equals(raw)) return null;
    plans.push({ language, metaPath, meta });
  }
  let pageGenerations: string[] = [];
  for (const { language, metaPath, meta } of plans) {
    for (const { list, at, folder, ext } of NAMED_LISTS) {
      const rows = meta[list] as Cbor[][];
      // Pagefind's names are hashes of the files' content: a hash of a group's names stands for its content.
      const generations = Array.from({ length: Math.ceil(rows.length / GROUP) }, (_, g) =>
        createHash('sha1')
          .update(rows.slice(g * GROUP, (g + 1) * GROUP).map((row) => row[at]).join('\n'))
          .digest('hex')
          .slice(0, 8),
      );
      if (list === 1) pageGenerations = generations;
      await Promise.all(
        rows.map(async (row, i) => {
          const name = shortName(generations, i);
          await rename(join(dir, folder, `${row[at]}${ext}`), join(dir, folder, `${name}${ext}`));
          row[at] = name;
        }),
      );
    }
    const content = Buffer.concat([Buffer.from(SIGNATURE), encodeCbor(meta)]);
    const prefix = language.hash.slice(0, language.hash.lastIndexOf('_') + 1);
    const hash = `${prefix}${createHash('sha1').update(content).digest('hex').slice(0, 13)}`;
    await writeFile(join(dir, `pagefind.${hash}.pf_meta`), gzipSync(content, { level: 9 }));
    if (hash !== language.hash) await rm(metaPath);
    language.hash = hash;
  }
  await writeFile(entryPath, JSON.stringify(entry));
  return pageGenerations;
}
