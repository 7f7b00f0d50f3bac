/**
 * The build's content loader: reads each file with the same function as the editors' check
 * (readEntry: strict UTF-8, strict YAML, limits, safe body, schema), so the build and the
 * check never disagree about a file. A file the check would refuse fails the build with the
 * check's own messages, even when `astro build` runs without `npm run check` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatProblem } from '../problems.ts';
import { readEntry, type Kind } from './reader.ts';
import { inShard, shardRegions } from '../lib/shard.ts';

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

/** The loader of one collection, reading `<contentDir>/<kind>/…`. */
export function contentLoader(kind: Kind, contentDir: string): Loader {
  return {
    name: `gongkai-${kind}`,
    async load({ store, config, generateDigest, renderMarkdown, logger }: LoaderContext) {
      const root = fileURLToPath(config.root);
      const base = resolve(root, contentDir, kind);
      const untouched = new Set(store.keys());
      const refused: string[] = [];
      const shard = shardRegions();
      for (const entryPath of listFiles(base, DEPTH[kind])) {
        if (!inShard(entryPath, shard)) continue;
        const full = join(base, entryPath);
        const file = relative(root, full).split('\\').join('/');
        const bytes = readFileSync(full);
        const id = entryPath.replace(/\.md$/, '');
        untouched.delete(id);
        const digest = generateDigest(bytes.toString('latin1'));
        if (store.get(id)?.digest === digest) continue;
        const entry = readEntry(kind, file, bytes);
        if (!entry.data) {
          refused.push(...entry.problems.filter((p) => p.severity === 'error').map(formatProblem));
          continue;
        }
        const hasBody = entry.body.trim() !== '';
        store.set({
          id,
          data: entry.data as unknown as Record<string, unknown>,
          body: hasBody ? entry.body : undefined,
          filePath: file,
          digest,
          rendered: hasBody ? await renderMarkdown(entry.body, { fileURL: new URL(`file://${full}`) }) : undefined,
        });
      }
      for (const id of untouched) store.delete(id);
      if (refused.length) {
        logger.error(`${refused.length} 个问题，网站没有构建`);
        throw new ContentRefused(refused.join('\n'));
      }
    },
  };
}
