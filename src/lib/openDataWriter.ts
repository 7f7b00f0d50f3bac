/**
 * Writes the open-data files (src/lib/openDataFiles.ts) into the output folder, reusing what the
 * last build made. Astro empties the output folder on every build, even an incremental one, so
 * each file is either made again or copied from the cache folder: a file whose key and whose
 * code (`generator`) are unchanged is copied, every other file is made and its copy kept for the
 * next build. The cache is `<cacheDir>/open-data/`: `manifest.json` (path → key) and `files/`.
 *
 * The manifest is removed before any copy is touched and written again only when every file is
 * in place, so a build that stops half-way leaves no manifest that could vouch for a wrong copy.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OpenDataFile } from './openDataFiles.ts';

const MANIFEST_VERSION = 1;

interface Manifest {
  version: number;
  /** Digest of the code that made the files: other code, other bytes. */
  generator: string;
  files: Record<string, string>;
}

export interface WriteSummary {
  /** Files made (their key or the code changed, or there was no cache). */
  made: number;
  /** Files copied unchanged from the last build. */
  reused: number;
  /** Workbooks among the files made. */
  workbooks: number;
}

export interface WriteOptions {
  /** The folder Astro keeps between builds (config.cacheDir); null: no cache, everything made. */
  cacheDir: string | null;
  /** Digest of the code that makes the files (see src/integrations/openData.ts). */
  generator: string;
}

async function readManifest(file: string, generator: string): Promise<Record<string, string>> {
  try {
    const m = JSON.parse(await readFile(file, 'utf8')) as Manifest;
    return m.version === MANIFEST_VERSION && m.generator === generator ? m.files : {};
  } catch {
    return {};
  }
}

/** One run of the writer over a cache folder: begin, write any number of batches, finish. */
export class OpenDataWriter {
  readonly #out: string;
  readonly #cache: string | null;
  readonly #generator: string;
  #previous: Record<string, string> = {};
  readonly #next: Record<string, string> = {};
  readonly #dirs = new Set<string>();

  private constructor(outDir: string, cacheDir: string | null, generator: string) {
    this.#out = outDir;
    this.#cache = cacheDir ? join(cacheDir, 'open-data') : null;
    this.#generator = generator;
  }

  /** Reads the last build's manifest and removes it (see the module comment). */
  static async begin(outDir: string, { cacheDir, generator }: WriteOptions): Promise<OpenDataWriter> {
    const w = new OpenDataWriter(outDir, cacheDir, generator);
    if (w.#cache) {
      const manifest = join(w.#cache, 'manifest.json');
      w.#previous = await readManifest(manifest, generator);
      await rm(manifest, { force: true });
    }
    return w;
  }

  async #ensureDir(file: string) {
    const dir = dirname(file);
    if (this.#dirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.#dirs.add(dir);
  }

  async #one(file: OpenDataFile): Promise<boolean> {
    const out = join(this.#out, file.path);
    const cached = this.#cache && file.key !== null ? join(this.#cache, 'files', file.path) : null;
    await this.#ensureDir(out);
    if (cached && this.#previous[file.path] === file.key) {
      try {
        // A copy-on-write clone where the file system has them, else a plain copy.
        await copyFile(cached, out, constants.COPYFILE_FICLONE);
        this.#next[file.path] = file.key!;
        return false;
      } catch {
        // The copy is gone: make the file again.
      }
    }
    const bytes = await file.bytes();
    await writeFile(out, bytes);
    if (cached) {
      await this.#ensureDir(cached);
      await writeFile(cached, bytes);
      this.#next[file.path] = file.key!;
    }
    return true;
  }

  /** Writes the files, `parallel` at a time. */
  async write(files: OpenDataFile[], parallel = 16): Promise<WriteSummary> {
    const summary: WriteSummary = { made: 0, reused: 0, workbooks: 0 };
    let at = 0;
    const lane = async () => {
      while (at < files.length) {
        const file = files[at++];
        if (await this.#one(file)) {
          summary.made++;
          if (file.workbook) summary.workbooks++;
        } else summary.reused++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, lane));
    return summary;
  }

  /** Drops the copies of files that no longer exist and records what the cache now holds. */
  async finish(): Promise<void> {
    if (!this.#cache) return;
    for (const path of Object.keys(this.#previous)) {
      if (!(path in this.#next)) await rm(join(this.#cache, 'files', path), { force: true });
    }
    const manifest: Manifest = { version: MANIFEST_VERSION, generator: this.#generator, files: this.#next };
    await mkdir(this.#cache, { recursive: true });
    await writeFile(join(this.#cache, 'manifest.json'), JSON.stringify(manifest));
  }
}
