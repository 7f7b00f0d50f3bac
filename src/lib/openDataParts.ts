/**
 * The parts of the open-data files kept between builds: each region's, department's and
 * project's rows of each table (and its JSON), as the files hold them (src/lib/openData.ts,
 * PartCache). A site-wide file changes with every edit, but all of its parts except the edited
 * item's are the same: an edit joins the kept parts instead of making 23,000 files' rows again.
 *
 * A part is named by the kind of part and the key of what its rows are made of (the content
 * files and their paths, src/lib/openDataFiles.ts); the file records the digest of the code that
 * made the parts, and parts of other code are never read. One file per output folder, written
 * under a temporary name and renamed, holding only the parts the last build used.
 */
import { worthRewriting } from './derivedStore.ts';
import { open, readFile, rename, rm, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';

const VERSION = 1;

interface Header {
  version: number;
  /** Digest of the code that made the parts (src/integrations/openData.ts, codeDigest). */
  generator: string;
  /** Each part's name and byte length, in the order of the bytes after the header. */
  parts: Array<[string, number]>;
}

/** What an edit reused and made of the parts. */
export interface PartCounts {
  reused: number;
  made: number;
}

/** The kept parts of one output folder: read once, looked up by name, written back. */
export class KeptParts {
  readonly #file: string | null;
  readonly #generator: string;
  readonly #kept: Map<string, Uint8Array>;
  readonly #used = new Map<string, Uint8Array>();
  readonly counts: PartCounts = { reused: 0, made: 0 };

  private constructor(file: string | null, generator: string, kept: Map<string, Uint8Array>) {
    this.#file = file;
    this.#generator = generator;
    this.#kept = kept;
  }

  /** Reads the parts the last build wrote with the same code; a missing or unreadable file keeps none. */
  static async open(file: string | null, generator: string): Promise<KeptParts> {
    let kept = new Map<string, Uint8Array>();
    if (file) {
      try {
        kept = decodeParts(await readFile(file), generator);
      } catch {
        // No parts yet (first build of this folder): every part is made.
      }
    }
    return new KeptParts(file, generator, kept);
  }

  /** The kept part of this name, or `make()`'s, kept for the next build. */
  get(name: string, make: () => Uint8Array): Uint8Array {
    let bytes = this.#used.get(name);
    if (bytes) return bytes;
    bytes = this.#kept.get(name);
    if (bytes) this.counts.reused++;
    else {
      bytes = make();
      this.counts.made++;
    }
    this.#used.set(name, bytes);
    return bytes;
  }

  /**
   * Writes the parts this build used, where they differ from the ones read and are worth writing:
   * an edit at 10,000 projects made 6 parts of 42,000 and wrote them all (src/lib/derivedStore.ts).
   */
  async save(): Promise<void> {
    if (!this.#file) return;
    if (!worthRewriting(this.counts.made, this.#used.size, this.#kept.size)) return;
    const partial = `${this.#file}.${process.pid}-${threadId}.partial`;
    await mkdir(dirname(this.#file), { recursive: true });
    const handle = await open(partial, 'w');
    try {
      const chunks = encodeParts(this.#used, this.#generator);
      // writev takes a bounded number of buffers at once.
      for (let at = 0; at < chunks.length; at += 1024) await handle.writev(chunks.slice(at, at + 1024));
    } catch (error) {
      await handle.close();
      await rm(partial, { force: true });
      throw error;
    }
    await handle.close();
    await rename(partial, this.#file);
  }
}

/** The file's bytes as chunks: a 4-byte length, the JSON header, then every part's bytes. */
export function encodeParts(parts: ReadonlyMap<string, Uint8Array>, generator: string): Uint8Array[] {
  const header: Header = { version: VERSION, generator, parts: [...parts].map(([name, bytes]) => [name, bytes.length]) };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return [length, json, ...parts.values()];
}

/**
 * The parts of a file made by {@link encodeParts}; none where the code differs or the file is
 * not whole (a build that stopped mid-write leaves only a .partial file, but a disk can still
 * hand back a short file).
 */
export function decodeParts(file: Buffer, generator: string): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array>();
  if (file.length < 4) return parts;
  const end = 4 + file.readUInt32LE(0);
  if (end > file.length) return parts;
  const header = JSON.parse(file.subarray(4, end).toString('utf8')) as Header;
  if (header.version !== VERSION || header.generator !== generator) return parts;
  const total = header.parts.reduce((n, [, length]) => n + length, end);
  if (total !== file.length) return parts;
  let at = end;
  for (const [name, length] of header.parts) {
    parts.set(name, file.subarray(at, at + length));
    at += length;
  }
  return parts;
}
