/**
 * Writes the open-data files (src/lib/openDataFiles.ts) into the output folder, reusing what
 * earlier builds made. A file the last build of this folder wrote with the same bytes is left
 * where it is when the output was kept in place (src/integrations/freshOutDir.ts); otherwise it
 * is copied from the cache folder, or made.
 *
 * The copies in `<cacheDir>/open-data/files/` are named by a digest of the code (`generator`),
 * the file's path and its key: a copy of that name can only hold those bytes, so a file is
 * reused exactly when its copy exists. A copy's name appears only once its bytes are complete
 * (a second name of the finished output file, or a temporary file renamed), so a build that
 * stops half-way leaves no partial copy, and builds of other sites sharing the
 * cache folder (the test suite's fixture sites) never take each other's files. A manifest per
 * output folder lists the copies a build used, so that the next build of that folder removes
 * the ones it no longer needs. Where the output and the cache folder are on one file system, an
 * output file is a hard link to its copy: a file made is written once, a file reused is not copied.
 *
 * The file system is called synchronously: the writer runs on its own thread (src/lib/openDataThread.ts),
 * where a blocking call holds up nothing else. Through fs/promises each of the 23,000 files at
 * 10,000 projects took five trips through libuv's pool (open, write, close, link, mkdir), which the
 * pages' writes on the main thread keep busy: the thread sat idle for most of its 56 s of text files
 * (a profile), and the promises and file handles cost it more CPU than the calls themselves.
 */
import { readFile } from 'node:fs/promises';
import { closeSync, constants, copyFileSync, existsSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync, writevSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { dirname, join, resolve } from 'node:path';
import type { OpenDataFile } from './openDataFiles.ts';

const MANIFEST_VERSION = 1;

interface Manifest {
  version: number;
  /** Names of the copies the last build of this output folder used. */
  copies: string[];
}

export interface WriteSummary {
  /** Files made (their key or the code changed, or there was no cache). */
  made: number;
  /** Files copied unchanged from the last build, or left in place. */
  reused: number;
  /**
   * Files the last build of this folder wrote with the same bytes, found in place and left
   * there (absolute paths): the build's pruning must not take them for leftovers.
   */
  left: string[];
  /**
   * Files put in place as a second name of a kept copy (absolute paths). They carry the copy's
   * modification time, from the build that made it: the build's pruning must be told they are this
   * build's, or it deletes them as leftovers (it did, from an output a CI job had not kept).
   */
  linked: string[];
  /** Workbooks among the files made. */
  workbooks: number;
}

export interface WriteOptions {
  /** The folder Astro keeps between builds (config.cacheDir); null: no cache, everything made. */
  cacheDir: string | null;
  /** Digest of the code that makes the files (see src/integrations/openData.ts). */
  generator: string;
}

async function readManifest(file: string): Promise<string[]> {
  try {
    const m = JSON.parse(await readFile(file, 'utf8')) as Manifest;
    return m.version === MANIFEST_VERSION ? m.copies : [];
  } catch {
    return [];
  }
}

/**
 * Puts a kept copy at `out`: a hard link (a second name of the same bytes: nothing is copied),
 * else, across file systems, a copy-on-write clone or a plain copy. A file already at `out` (a
 * kept output) is removed first, never written in place: it may be a second name of another copy.
 * False when there is no copy (yet, or another build removed it).
 */
function placeCopy(copy: string, out: string): boolean {
  const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';
  try {
    linkSync(copy, out);
    return true;
  } catch (error) {
    if (missing(error)) return false;
    rmSync(out, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      try {
        linkSync(copy, out);
        return true;
      } catch (again) {
        if (missing(again)) return false;
      }
    }
  }
  try {
    copyFileSync(copy, out, constants.COPYFILE_FICLONE);
    return true;
  } catch {
    return false;
  }
}

/** Chunks one writev call takes at most (IOV_MAX on Linux). */
const IOV_MAX = 1024;

/** Writes every chunk to `fd` in order: joining them first cost a copy of every file (144 MiB at 10,000 projects). */
function writeChunks(fd: number, chunks: readonly Uint8Array[]): void {
  for (let at = 0; at < chunks.length; at += IOV_MAX) {
    const batch = chunks.slice(at, at + IOV_MAX);
    let written = writevSync(fd, batch);
    // A short write (rare on a regular file): the rest of the batch one chunk at a time.
    for (const chunk of batch) {
      if (written >= chunk.length) {
        written -= chunk.length;
        continue;
      }
      for (let offset = written; offset < chunk.length; ) offset += writeSync(fd, chunk, offset);
      written = 0;
    }
  }
}

/** Writes the chunks as a new file at `out`; a file already there is removed, never written in place. */
function writeNew(out: string, chunks: readonly Uint8Array[]): void {
  let fd: number;
  try {
    fd = openSync(out, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    rmSync(out, { force: true });
    fd = openSync(out, 'wx');
  }
  try {
    writeChunks(fd, chunks);
  } finally {
    closeSync(fd);
  }
}

const digest = (...parts: string[]) => createHash('sha1').update(parts.join('\n')).digest('hex');

/** One run of the writer over a cache folder: begin, write, finish. */
export class OpenDataWriter {
  readonly #out: string;
  readonly #cache: string | null;
  readonly #manifest: string | null;
  readonly #generator: string;
  #previous = new Set<string>();
  readonly #used = new Set<string>();
  readonly #dirs = new Set<string>();
  /** Whether the cache folder holds any copy at all (false: a first build on it). */
  #copiesKept = false;

  private constructor(outDir: string, cacheDir: string | null, generator: string) {
    this.#out = outDir;
    this.#cache = cacheDir ? join(cacheDir, 'open-data') : null;
    this.#manifest = this.#cache ? join(this.#cache, `manifest-${digest(resolve(outDir)).slice(0, 16)}.json`) : null;
    this.#generator = generator;
  }

  /** Where this output folder's kept parts of the text files are (src/lib/openDataParts.ts); null without a cache. */
  get partsFile(): string | null {
    return this.#manifest && this.#manifest.replace(/manifest-(\w+)\.json$/, 'parts-$1.bin');
  }

  /** Where this output folder's kept parts of the workbooks are; null without a cache. */
  get workbookPartsFile(): string | null {
    return this.#manifest && this.#manifest.replace(/manifest-(\w+)\.json$/, 'parts-$1.xlsx.bin');
  }

  /** Reads which copies the last build of this output folder used. */
  static async begin(outDir: string, { cacheDir, generator }: WriteOptions): Promise<OpenDataWriter> {
    const w = new OpenDataWriter(outDir, cacheDir, generator);
    if (w.#manifest) w.#previous = new Set(await readManifest(w.#manifest));
    // Copies are shared by every output folder that uses this cache folder, not only this one's.
    w.#copiesKept = w.#cache !== null && existsSync(join(w.#cache, 'files'));
    return w;
  }

  #ensureDir(file: string) {
    const dir = dirname(file);
    if (this.#dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.#dirs.add(dir);
  }

  /** The name of a file's copy: what its bytes are made of (see the module comment). */
  #copyName(file: OpenDataFile): string | null {
    if (!this.#cache || file.key === null) return null;
    const name = digest(this.#generator, file.path, file.key);
    return `${name.slice(0, 2)}/${name.slice(2)}`;
  }

  #one(file: OpenDataFile): 'made' | 'reused' | 'left' {
    const out = join(this.#out, file.path);
    const name = this.#copyName(file);
    const copy = name ? join(this.#cache!, 'files', name) : null;
    if (name) this.#used.add(name);
    // The name holds the path and the bytes: the last build of this folder wrote exactly these.
    if (name && this.#previous.has(name) && existsSync(out)) return 'left';
    this.#ensureDir(out);
    // Without any kept copy (a first build on this cache folder) there is none to look for.
    if (copy && this.#copiesKept && placeCopy(copy, out)) return 'reused';
    writeNew(out, file.chunks());
    if (copy) this.#keep(out, copy);
    return 'made';
  }

  /**
   * Keeps the file just made as its copy: a second name of the output file where both folders are
   * on one file system (its bytes are written once), else a copy written under a temporary name
   * and renamed. Either way the copy's name appears only once its bytes are complete.
   */
  #keep(out: string, copy: string): void {
    this.#ensureDir(copy);
    try {
      linkSync(out, copy);
      return;
    } catch (error) {
      // Another build made the same copy: its name says it holds the same bytes.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    }
    // Named by process and thread: two writers in one process never share a partial file.
    const partial = `${copy}.${process.pid}-${threadId}.partial`;
    copyFileSync(out, partial);
    renameSync(partial, copy);
  }

  /**
   * Writes the files one after another, letting this thread's other work in (the kept parts'
   * file, written while the workbooks are made) every `between` files.
   */
  async write(files: OpenDataFile[], between = 256): Promise<WriteSummary> {
    const summary: WriteSummary = { made: 0, reused: 0, workbooks: 0, left: [], linked: [] };
    for (let at = 0; at < files.length; at++) {
      if (at > 0 && at % between === 0) await new Promise((resolve) => setImmediate(resolve));
      const file = files[at];
      const how = this.#one(file);
      if (how === 'made') {
        summary.made++;
        if (file.workbook) summary.workbooks++;
      } else {
        summary.reused++;
        (how === 'left' ? summary.left : summary.linked).push(join(this.#out, file.path));
      }
    }
    return summary;
  }

  /** Removes the copies the last build of this folder used and this one did not, and records this build's. */
  async finish(): Promise<void> {
    if (!this.#cache || !this.#manifest) return;
    for (const name of this.#previous) {
      if (!this.#used.has(name)) rmSync(join(this.#cache, 'files', name), { force: true });
    }
    const manifest: Manifest = { version: MANIFEST_VERSION, copies: [...this.#used] };
    mkdirSync(this.#cache, { recursive: true });
    writeFileSync(this.#manifest, JSON.stringify(manifest));
  }
}
