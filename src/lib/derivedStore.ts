/**
 * Values the build derives from content files, kept between builds in the cache folder, so that
 * an edit computes them again only for the files it changed: each value is stored under the
 * digests of the files it is computed from (src/lib/pageCacheKey.ts), and the whole store under
 * a digest of the code that computes it (src/check/cache.ts codeVersion). A store that is
 * missing, unreadable, corrupt or from other code is ignored: it can make a build slower, never
 * wrong and never fail.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** A store file: a layout number, the code's digest and the entries, serialised by V8. */
interface StoreFile<T> {
  format: number;
  version: string;
  entries: Map<string, T>;
}

/** The entries of a deserialised store section when it has this layout and this code's digest; null otherwise. */
function entriesOf<T>(section: unknown, format: number, version: string): Map<string, T> | null {
  const store = section as StoreFile<T> | null;
  return store && store.format === format && store.version === version && store.entries instanceof Map ? store.entries : null;
}

/**
 * The entries of the store at `path` when it has this layout and this code's digest; null otherwise.
 * `withExtra`: the file was written with an extra section (writeStoreFile), and only the first
 * section's bytes are read (the check's store: 8 MB of its 53 MB at 10,000 projects).
 */
export function readStoreFile<T>(path: string, format: number, version: string, { withExtra = false } = {}): Map<string, T> | null {
  try {
    return entriesOf<T>(deserialize(withExtra ? readSection(path, 'first') : readFileSync(path)), format, version);
  } catch {
    // Missing or corrupt: as if there were none.
  }
  return null;
}

/** The entries of the extra section of the store at `path` (writeStoreFile), like readStoreFile; null without one. */
export function readStoreExtra<T>(path: string, format: number, version: string): Map<string, T> | null {
  try {
    return entriesOf<T>(deserialize(readSection(path, 'extra')), format, version);
  } catch {
    // Missing, corrupt or without an extra section: as if there were none.
  }
  return null;
}

/** The bytes of one section of a store written with an extra section; throws when the file has no such layout. */
function readSection(path: string, section: 'first' | 'extra'): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const trailer = Buffer.alloc(TRAILER);
    readAll(fd, trailer, size - TRAILER);
    const start = Number(trailer.readBigUInt64LE());
    if (!(start > 0 && start <= size - TRAILER)) throw new Error(`${path}: no extra section`);
    const [from, to] = section === 'first' ? [0, start] : [start, size - TRAILER];
    return readAll(fd, Buffer.allocUnsafe(to - from), from);
  } finally {
    closeSync(fd);
  }
}

/** Fills `into` from `fd` at `position`; returns it. */
function readAll(fd: number, into: Buffer, position: number): Buffer {
  for (let at = 0; at < into.length; ) {
    const read = readSync(fd, into, at, into.length - at, position + at);
    if (read === 0) throw new Error('the file ended early');
    at += read;
  }
  return into;
}

/** Bytes at the end of a store with an extra section: the offset where that section starts. */
const TRAILER = 8;

/**
 * Writes a store under a temporary name and renames it, so that a build that is interrupted
 * leaves the old store or the new one; a failure to write is nobody's problem but the next build's speed.
 *
 * `extra` is a second section that a reader may take without the first (readStoreExtra): it
 * follows the first, and the file ends with the byte offset where it starts (8 bytes,
 * little-endian). Each section is written as soon as it is serialised and let go of before the
 * next: the check's two are hundreds of MB at 100,000 projects, and one buffer holding both raised
 * its peak by about 470 MB.
 */
export function writeStoreFile<T, U = never>(path: string, format: number, version: string, entries: Map<string, T>, extra?: Map<string, U>): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      const firstLength = writeAll(fd, serialize({ format, version, entries } satisfies StoreFile<T>));
      if (extra) {
        writeAll(fd, serialize({ format, version, entries: extra } satisfies StoreFile<U>));
        const trailer = Buffer.alloc(TRAILER);
        trailer.writeBigUInt64LE(BigInt(firstLength));
        writeAll(fd, trailer);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** Writes all of `bytes` at the end of `fd`; returns its length. */
function writeAll(fd: number, bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  return bytes.length;
}

const FORMAT = 1;

/** Values computed anew are "few" below one in this many of a build's values (see worthRewriting). */
const FEW = 20;

/**
 * Whether a store of values kept between builds is worth writing again, after a build that
 * computed `computed` of the `size` values it used, where the store it read held `keptSize`: when
 * something changed, unless the values computed anew are few and none were added (computing them
 * again costs less than writing every value). Also the rule of the open-data parts (src/lib/openDataParts.ts).
 */
export function worthRewriting(computed: number, size: number, keptSize: number): boolean {
  if (computed === 0) return size !== keptSize;
  return computed * FEW >= size || size > keptSize;
}

/** One kind of derived value (a project's quality …), by the digests of its inputs. */
export class DerivedStore<T> {
  readonly #path: string;
  readonly #version: string;
  readonly #old: Map<string, T>;
  readonly #next = new Map<string, T>();
  /** Values taken from the store, and values computed, in this build. */
  hits = 0;
  misses = 0;

  private constructor(path: string, version: string, old: Map<string, T>) {
    this.#path = path;
    this.#version = version;
    this.#old = old;
  }

  /** The store `<folder>/<name>` for code of digest `version`. */
  static open<T>(folder: string, name: string, version: string): DerivedStore<T> {
    const path = join(folder, name);
    return new DerivedStore<T>(path, version, readStoreFile<T>(path, FORMAT, version) ?? new Map());
  }

  /** The value stored under `key`, or `compute()`'s, kept for the next build. */
  get(key: string, compute: () => T): T {
    let value = this.#next.get(key) ?? this.#old.get(key);
    if (value === undefined) {
      value = compute();
      this.misses++;
    } else this.hits++;
    this.#next.set(key, value);
    return value;
  }

  /**
   * Keeps this build's values for the next (values no longer asked for are dropped), unless nothing
   * changed, or unless the values computed anew are few: computing them again costs less than
   * writing every value (an edit at 10,000 projects computed 1 quality of 10,000 and wrote all of
   * them, about 0.3 s of the main thread). The store then stays as it was, and values computed
   * again pile up in later builds until they are worth writing.
   */
  save(): void {
    if (worthRewriting(this.misses, this.#next.size, this.#old.size)) writeStoreFile(this.#path, FORMAT, this.#version, this.#next);
  }
}
