/**
 * What the check found in each file, kept between runs so that an editor who changes one file
 * does not wait for every other file to be parsed again. A file's stored result is used only
 * when its path, its bytes and the code that judges it are all the same as when it was stored;
 * the rules that span files still run over every file's facts each time, so a run with the
 * cache prints exactly what a run without it prints.
 *
 * The store is one file in the cache folder (GONGKAI_CACHE, which the build also uses for
 * Astro's cache, else Astro's default node_modules/.astro under the checked root, so the one
 * folder a CI job keeps between runs holds both), written to a
 * temporary name and renamed, so a run that is interrupted leaves the old store or the new one.
 * A store that is missing, unreadable, corrupt or from other code is ignored: it can make the
 * check slower, never wrong and never fail.
 */
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from '../problems.ts';
import type { DepartmentFacts, ProjectFacts, RegionFacts } from './crossFile.ts';
import { readStoreExtra, readStoreFile, writeStoreFile } from '../lib/derivedStore.ts';

/** The facts of one valid file that the cross-file rules read. */
export type FileFacts = { kind: 'regions'; facts: RegionFacts } | { kind: 'departments'; facts: DepartmentFacts } | { kind: 'projects'; facts: ProjectFacts };

/** What the reader made of a valid file, as the build's content loader needs it. */
export interface ParsedEntry {
  data: unknown;
  body: string;
}

/** Everything the check takes from one file: its own problems in the order found, and its facts (none when invalid). */
export interface FileOutcome {
  problems: Problem[];
  facts?: FileFacts;
  /** The validated data and body of a file without errors, for the build (not kept in memory by the check). */
  parsed?: ParsedEntry;
}

/**
 * A parsed entry as the store keeps it: its data as JSON text, the form the loader's shelf keeps
 * (src/lib/storedEntry.ts), so that neither the check, which never looks at it, nor the build's
 * loader, which only shelves it, builds its objects again. It is made on the thread that parsed
 * the file; before, the loader's thread turned a serialised object back into objects and then
 * into this very text (about 2 s of the main thread at 10,000 projects, in a profile).
 */
export interface CheckedEntry {
  /** JSON.stringify of the validated data. */
  data: string;
  body: string;
}

/** An outcome as stored: the parsed entry as text (CheckedEntry). */
export interface StoredOutcome {
  problems: Problem[];
  facts?: FileFacts;
  parsed?: CheckedEntry;
}

/** An outcome as the store keeps it, with its parsed entry as JSON text. */
export function storable({ parsed, ...outcome }: FileOutcome): StoredOutcome {
  return parsed ? { ...outcome, parsed: { data: JSON.stringify(parsed.data), body: parsed.body } } : outcome;
}

/** Bumped when the store's layout changes. */
const FORMAT = 3;
export const CACHE_FILE = 'gongkai-check.bin';

/**
 * A file's entry in the store: the digest of the bytes its outcome was found in, and the outcome
 * without its parsed entry (the store keeps those in a section of their own, below).
 */
interface StoredEntry {
  digest: string;
  outcome: Omit<StoredOutcome, 'parsed'>;
}

/** A parsed entry as the store keeps it for the build's loader: the digest of the bytes it was parsed from. */
interface StoredParsed extends CheckedEntry {
  digest: string;
}

/*
 * The store file holds two sections (src/lib/derivedStore.ts writeStoreFile's `extra`): first every
 * file's problems and facts (what the next check reads), then the parsed entries of the files
 * parsed in this run (what the build's loader reads). Each reader deserialises its own section
 * only: at 10,000 projects the loader spent ~0.1 s of the main thread deserialising problems and
 * facts it never looks at, and an edit's check read and rewrote 44 MB of parsed entries it never
 * looks at. A run that takes most files from the store keeps the parsed entries of the files it
 * parsed only; the loader reads any other file itself (an edit's loader reads its few files itself anyway).
 */

/** The folder the check keeps its store in for a project rooted at `root`. */
export function cacheFolder(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.GONGKAI_CACHE ? resolve(env.GONGKAI_CACHE) : join(root, 'node_modules', '.astro');
}

/** The digest of a file's bytes. */
export function digestOf(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'base64');
}

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * A digest of the code that decides a file's problems and facts: every source file reachable
 * through relative imports from the check's entry (the reader, schemas, taxonomy, quality
 * notes, the safety plugin, crossFile …) and from the worker threads' part (parallel.ts), the
 * lock file that pins the libraries (YAML, zod, remark), and the Node version (its UTF-8
 * decoder, ICU and the store's serialisation).
 * Following imports rather than listing folders means a module the check starts to use is
 * covered without anyone remembering to add it here; it costs a few milliseconds.
 */
export function codeVersion(entries: string[] = [join(HERE, 'index.ts'), join(HERE, 'parallel.ts')], extras: string[] = [join(HERE, '../../package-lock.json')]): string {
  const seen = new Set<string>();
  const parts: string[] = [`node ${process.version}`, `format ${FORMAT}`];
  const pending = entries.map((e) => resolve(e));
  const base = dirname(pending[0] ?? HERE);
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      parts.push(`missing ${relative(base, file)}`);
      continue;
    }
    parts.push(`${relative(base, file)} ${hash('sha256', text, 'base64')}`);
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.\.?\/[^'"]+)['"]/g)) pending.push(resolve(dirname(file), m[1]));
  }
  for (const extra of extras) {
    try {
      parts.push(`${relative(base, extra)} ${hash('sha256', readFileSync(extra), 'base64')}`);
    } catch {
      parts.push(`missing ${relative(base, extra)}`);
    }
  }
  return hash('sha256', parts.sort().join('\n'), 'base64');
}

/** The stored results of one run, and the results of this run to store for the next. */
export class CheckCache {
  readonly #path: string;
  readonly #version: string;
  readonly #old: Map<string, StoredEntry>;
  readonly #next: Map<string, StoredEntry> = new Map();
  /** The parsed entries of the files parsed in this run, for the store's second section. */
  readonly #parsedNext: Map<string, StoredParsed> = new Map();
  /** The store's parsed entries, read when the loader first asks for one. */
  #parsed: Map<string, StoredParsed> | undefined;
  /** Files whose stored result was used, and files read in full, in this run. */
  hits = 0;
  misses = 0;

  /** Whether the store on disk was read and is this code's. */
  readonly #loaded: boolean;

  private constructor(path: string, version: string, old: Map<string, StoredEntry>, loaded: boolean) {
    this.#path = path;
    this.#version = version;
    this.#old = old;
    this.#loaded = loaded;
  }

  /** Opens the store in `folder`; anything wrong with it means starting empty. */
  static open(folder: string, version = codeVersion()): CheckCache {
    const path = join(folder, CACHE_FILE);
    // Missing, corrupt or another code's: the check reads every file, as without a cache.
    // Its first section only: the parsed entries after it are the build's loader's (parsedEntry).
    const entries = readStoreFile<StoredEntry>(path, FORMAT, version, { withExtra: true });
    return new CheckCache(path, version, entries ?? new Map(), entries !== null);
  }

  /** A store that starts empty whatever is on disk (`--no-cache`); this run's results still replace it. */
  static empty(folder: string, version = codeVersion()): CheckCache {
    return new CheckCache(join(folder, CACHE_FILE), version, new Map(), false);
  }

  /** The store in `folder` as the build's loader reads it: its parsed entries only (parsedEntry), never saved. */
  static parsedOnly(folder: string, version = codeVersion()): CheckCache {
    return new CheckCache(join(folder, CACHE_FILE), version, new Map(), true);
  }

  /** The stored outcome of `file` when its bytes are the same; otherwise `compute()`'s, kept for next time. */
  outcome(file: string, bytes: Uint8Array, compute: () => FileOutcome): Omit<FileOutcome, 'parsed'> {
    const digest = digestOf(bytes);
    return digest === this.storedDigest(file) ? this.reuse(file) : this.keep(file, digest, storable(compute()));
  }

  /**
   * The digest of the bytes `file`'s stored outcome was found in, when there is a usable one:
   * a worker thread that reads the file compares its digest with this and parses only on a difference.
   */
  storedDigest(file: string): string | undefined {
    const stored = this.#old.get(file);
    return stored && isOutcome(stored.outcome) ? stored.digest : undefined;
  }

  /** The stored outcome of `file`, whose bytes still have its storedDigest(). */
  reuse(file: string): Omit<FileOutcome, 'parsed'> {
    const stored = this.#old.get(file)!;
    // Taken out as it is used, so that old and new results are not both held for every file.
    this.#old.delete(file);
    this.hits++;
    this.#next.set(file, stored);
    return { problems: stored.outcome.problems, facts: stored.outcome.facts };
  }

  /** A new outcome of `file` (made storable by `storable()`, in this thread or a worker), kept for next time. */
  keep(file: string, digest: string, { parsed, ...outcome }: StoredOutcome): Omit<FileOutcome, 'parsed'> {
    this.#old.delete(file);
    this.misses++;
    this.#next.set(file, { digest, outcome });
    if (parsed) this.#parsedNext.set(file, { digest, data: parsed.data, body: parsed.body });
    return { problems: outcome.problems, facts: outcome.facts };
  }

  /**
   * The data and body the check's reader made of `file` when it had these very bytes and no
   * error, for the build's content loader; undefined when the store has nothing sure for it.
   * Each entry is handed out once (a build loads a file once) and then let go of.
   */
  parsedEntry(file: string, bytes: Uint8Array): CheckedEntry | undefined {
    this.#parsed ??= readStoreExtra<StoredParsed>(this.#path, FORMAT, this.#version) ?? new Map();
    const parsed = this.#parsed.get(file);
    this.#parsed.delete(file);
    if (!parsed || typeof parsed !== 'object' || parsed.digest !== digestOf(bytes)) return undefined;
    // What a corrupt or foreign store holds is not taken for an entry: an object's JSON text, and a body.
    return typeof parsed.body === 'string' && typeof parsed.data === 'string' && parsed.data.startsWith('{') ? { data: parsed.data, body: parsed.body } : undefined;
  }

  /**
   * Writes this run's results (files no longer present are dropped), unless every file came
   * from the store and none has gone; a failure to write is not the editor's problem.
   */
  save(): void {
    if (this.misses === 0 && this.#old.size === 0 && this.#loaded) return;
    writeStoreFile(this.#path, FORMAT, this.#version, this.#next, this.#parsedNext);
  }
}

/** A stored outcome that a corrupt or foreign store could not pass off as one. */
function isOutcome(o: unknown): o is StoredOutcome {
  if (!o || typeof o !== 'object' || !Array.isArray((o as StoredOutcome).problems)) return false;
  const facts = (o as StoredOutcome).facts;
  return facts === undefined || (typeof facts === 'object' && facts !== null && typeof facts.kind === 'string' && typeof facts.facts === 'object' && facts.facts !== null && (facts.facts as { at?: unknown }).at instanceof Map);
}
