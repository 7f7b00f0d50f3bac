/**
 * The build's content loader: reads each file with the same function as the editors' check
 * (readEntry: strict UTF-8, strict YAML, limits, safe body, schema), so the build and the
 * check never disagree about a file. A file the check would refuse fails the build with the
 * check's own messages, even when `astro build` runs without `npm run check` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';

type RenderedContent = Awaited<ReturnType<LoaderContext['renderMarkdown']>>;
import { formatProblem } from '../problems.ts';
import { readEntry, type Kind } from './reader.ts';
import { CheckCache, codeVersion, type CheckedEntry } from './cache.ts';
import { CONTENT } from './crossFile.ts';
import { inShard, shardRegions } from '../lib/shard.ts';
import { EntryShelf, packJson, putShelf, type PackedEntry } from '../lib/storedEntry.ts';
import { offerContentStore } from '../search/contentStores.ts';
import { awaitCheck, checkPending } from '../build/gate.ts';
import { splitFrontmatter } from './frontmatter.ts';
import { LIMITS } from './limits.ts';

/** Nesting of each collection's files below its folder (regions/<code>.md, projects/<region>/<year>/<id>.md). */
const DEPTH: Record<Kind, number> = { regions: 1, departments: 3, projects: 3 };

/** `.md` files exactly `depth` folders deep, as paths relative to `dir`, in a stable order. */
function* listFiles(dir: string, depth: number, prefix = ''): Generator<string> {
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (depth > 1 && e.isDirectory()) yield* listFiles(dir, depth - 1, rel);
    else if (depth === 1 && e.isFile() && e.name.endsWith('.md')) yield rel;
  }
}

export class ContentRefused extends Error {
  constructor(report: string) {
    super(`内容检查未通过，网站没有构建：\n${report}\n按每条“提示”修改后再构建；npm run check 会列出全部问题。`);
    this.name = 'ContentRefused';
    // The messages name file, line and field; a stack trace of the loader would only bury them.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * What the build makes of one file: the check's reader, then the body rendered by Astro's
 * Markdown pipeline, packed as the loader's shelf keeps it. A refusal carries the check's
 * messages; anything else that goes wrong while rendering fails the build as it is.
 */
export async function buildEntry(
  kind: Kind,
  file: string,
  bytes: Uint8Array,
  render: (body: string) => Promise<RenderedContent>,
  checked?: CheckedEntry,
): Promise<{ entry: PackedEntry } | { refused: string[] }> {
  // What `npm run check` made of these very bytes with this very code, when it has just read them.
  if (checked) return packed(checked.data, checked.body, render);
  const entry = readEntry(kind, file, bytes);
  if (!entry.data) return { refused: entry.problems.filter((p) => p.severity === 'error').map(formatProblem) };
  return packed(JSON.stringify(entry.data), entry.body, render);
}

async function packed(data: string, body: string, render: (body: string) => Promise<RenderedContent>): Promise<{ entry: PackedEntry }> {
  const source = markdownSource(body);
  if (source === undefined) return { entry: packJson(data) };
  const rendered = await render(source);
  return { entry: packJson(data, body, rendered.html) };
}

/** What Astro's Markdown renderer is given for a body; undefined for a body with nothing to render. */
function markdownSource(body: string): string | undefined {
  if (body.trim() === '') return undefined;
  // Astro's renderer strips a leading front-matter block (--- or +++, even TOML) from what it is
  // given; an empty one in front keeps a body that starts with --- from being read as YAML.
  return `---\n---\n${body}`;
}

/** A body rendered before the check's verdict: the source it was rendered from, and the result. */
interface RenderedAhead {
  source: string;
  rendered: RenderedContent;
}

/**
 * Renders the files' bodies while the check running beside the build (`npm run build`) has not
 * given its verdict, and stops as soon as it has. At 10,000 projects the loader waited about 1.4 s
 * for it with this thread idle, then rendered ~1,000 department narratives (about 0.8 s) while the
 * other core had nothing to do. Rendering writes nothing, so a refused tree still stops the build
 * before anything is written; a body is taken from here only when the check's own reading of the
 * file gives the very same source (else, and for a body the renderer refuses, it is rendered again
 * after the verdict, as before).
 */
async function renderAhead(files: Array<{ full: string; bytes: Buffer }>, render: (full: string, source: string) => Promise<RenderedContent>): Promise<Map<string, RenderedAhead>> {
  const ahead = new Map<string, RenderedAhead>();
  const decoder = new TextDecoder();
  for (const { full, bytes } of files) {
    if (!checkPending()) break;
    if (bytes.length > LIMITS.fileBytes || endsWithFence(bytes)) continue;
    const split = splitFrontmatter(decoder.decode(bytes));
    const source = split.ok ? markdownSource(split.file.body) : undefined;
    if (source === undefined) continue;
    try {
      ahead.set(full, { source, rendered: await render(full, source) });
    } catch {
      // Rendered again after the verdict, where its error counts (or the check's refusal comes first).
    }
  }
  return ahead;
}

/**
 * Whether the file's last line that is not blank is `---` or `...`: then it most likely has no body
 * (a project's file), and is not decoded to find out. Skipping a file only leaves it to be rendered
 * after the verdict.
 */
function endsWithFence(bytes: Buffer): boolean {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  const last = bytes.toString('latin1', Math.max(0, end - 3), end);
  return last === '---' || last === '...';
}

/** The check's store, opened once per build for the three collections (read only: the check writes it). */
const checkedStores = new Map<string, CheckCache>();

function checkedStore(cacheDir: URL): CheckCache {
  const folder = fileURLToPath(cacheDir);
  let store = checkedStores.get(folder);
  if (!store) checkedStores.set(folder, (store = CheckCache.parsedOnly(folder)));
  return store;
}

/**
 * Below this share of a collection's files to load, the loader reads them itself: opening the
 * check's store reads every file's stored outcome, which at 10,000 projects cost more than reading
 * the few files an edit changed (about 1 ms each); a full build takes them from the store.
 */
const STORE_SHARE = 1 / 20;

let version: string | undefined;

/**
 * A digest of the code that turns a file into its stored entry (the reader, the schemas, this
 * loader and the stored entry's layout): part of every entry's digest, so that a change to that
 * code loads every file again instead of keeping entries made by the old code.
 */
function loaderVersion(): string {
  version ??= codeVersion([fileURLToPath(new URL('./index.ts', import.meta.url)), fileURLToPath(import.meta.url)]);
  return version;
}

/** The loader of one collection, reading `<contentDir>/<kind>/…`. */
export function contentLoader(kind: Kind, contentDir: string): Loader {
  let watching: LoaderContext['watcher'];
  const loader: Loader = {
    name: `gongkai-${kind}`,
    async load(context: LoaderContext) {
      const { store, config, generateDigest, renderMarkdown, logger, watcher } = context;
      const root = fileURLToPath(config.root);
      const base = resolve(root, contentDir, kind);
      const untouched = new Set(store.keys());
      // Each file's content is kept on our own shelf beside Astro's store (src/lib/storedEntry.ts).
      const shelf = EntryShelf.open(fileURLToPath(config.cacheDir), kind);
      const listed = new Set<string>();
      const refused: string[] = [];
      const shard = shardRegions();
      const changed: Array<{ entryPath: string; full: string; bytes: Buffer; id: string; digest: string }> = [];
      const stored: Array<{ id: string; data: Record<string, never>; filePath: string; digest: string }> = [];
      let files = 0;
      for (const entryPath of listFiles(base, DEPTH[kind])) {
        if (!inShard(entryPath, shard)) continue;
        files++;
        const full = join(base, entryPath);
        const bytes = readFileSync(full);
        const id = entryPath.replace(/\.md$/, '');
        untouched.delete(id);
        listed.add(id);
        const digest = generateDigest(`${loaderVersion()}\n${bytes.toString('latin1')}`);
        if (store.get(id)?.digest !== digest || !shelf.holds(id, digest)) changed.push({ entryPath, full, bytes, id, digest });
      }
      const render = (full: string, source: string) => renderMarkdown(source, { fileURL: pathToFileURL(full) });
      const ahead = checkPending() ? await renderAhead(changed, render) : undefined;
      // Under `npm run build` the check runs beside Astro's start: its store is complete only once it has passed.
      await awaitCheck();
      const checked = changed.length > files * STORE_SHARE ? checkedStore(config.cacheDir) : undefined;
      for (const { entryPath, full, bytes, id, digest } of changed) {
        const file = relative(root, full).split('\\').join('/');
        // The check names files by the layout under content/, wherever GONGKAI_CONTENT points.
        const reuse = checked?.parsedEntry(`${CONTENT}/${kind}/${entryPath}`, bytes);
        const early = ahead?.get(full);
        const built = await buildEntry(kind, file, bytes, (source) => (early?.source === source ? Promise.resolve(early.rendered) : render(full, source)), reuse);
        if ('refused' in built) {
          for (const line of built.refused) refused.push(line);
          continue;
        }
        shelf.put(id, digest, built.entry);
        // Astro's store keeps the digest only: what tells `astro dev` that the entry changed.
        stored.push({ id, data: {}, filePath: file, digest });
      }
      shelf.retain((id) => listed.has(id));
      if (refused.length) {
        logger.error(`${refused.length} 个问题，网站没有构建`);
        throw new ContentRefused(refused.join('\n'));
      }
      shelf.save();
      // Astro's store and the shelf change together: a page that `astro dev` renders meanwhile
      // reads the digests of the shelf it is given, never the new ones with the old shelf.
      for (const entry of stored) store.set(entry);
      for (const id of untouched) store.delete(id);
      putShelf(kind, shelf);
      // The search index starts from the stored entries while the pages are still to be built.
      offerContentStore(kind, shelf);
      // `npm run dev`: a saved file is loaded again (only files whose bytes changed are read), so the
      // preview shows it; a file the check refuses leaves the preview as it was, with the check's messages.
      if (watcher && watching !== watcher) {
        watching = watcher;
        watcher.add(base);
        let reload = Promise.resolve();
        const onFile = (path: string) => {
          if (!path.startsWith(base) || !path.endsWith('.md')) return;
          reload = reload.then(() => loader.load(context)).then(
            () => logger.info(`已重新读取 ${relative(root, path)}`),
            (e: Error) => logger.error(e.message),
          );
        };
        for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, onFile);
      }
    },
  };
  return loader;
}
