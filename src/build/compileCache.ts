/**
 * Node's cache of compiled JavaScript for `npm run build`: without it, every build compiles the
 * modules of Astro, Vite, Rolldown, Pagefind and the rest again, about 1 s of CPU in the profile of
 * a 1,000-project build. It lives beside the other tools' caches in node_modules/.cache, so it
 * belongs to one installation of the dependencies (Node keys each entry by the file's content and
 * its own version), and a CI job that keeps node_modules keeps it.
 *
 * Node 22 strips the types of each of our TypeScript modules again on every load, in every thread
 * (its compiled-code cache starts after that step): ~110 modules in a build, up to 0.9 s of CPU in
 * the profile of a 1,000-project build on a busy machine. The stripped text is kept beside the
 * compiled code, keyed by the module's text and Node's version.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { enableCompileCache, registerHooks, stripTypeScriptTypes } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

const hooked = new Set<string>();

/** The project this code belongs to (whose node_modules holds its dependencies). */
const codeRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Caches what this thread compiles from now on (modules already loaded are not affected). Each
 * thread calls it for itself: a worker starts with neither the cache nor the hooks of its parent.
 */
export function cacheCompiledModules(projectRoot = codeRoot): void {
  const folder = join(projectRoot, 'node_modules', '.cache', 'gongkai-compile');
  enableCompileCache?.(folder);
  // Once per thread: hooks registered twice would both run.
  if (!registerHooks || !stripTypeScriptTypes || hooked.has(folder)) return;
  hooked.add(folder);
  const stripped = join(folder, 'stripped-ts');
  registerHooks({
    load(url, context, nextLoad) {
      if (!isOwnTypeScript(url)) return nextLoad(url, context);
      return { format: 'module', source: strippedSource(stripped, fileURLToPath(url)), shortCircuit: true };
    },
  });
}

/** The project's own `.ts` modules (Node refuses to strip types under node_modules anyway). */
function isOwnTypeScript(url: string): boolean {
  return url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/');
}

/**
 * Runs `f` without Node's one-time "stripTypeScriptTypes is an experimental feature" warning: it
 * names the same step Node takes itself, silently, on every load of a `.ts` module, and an editor
 * running the build need not read it.
 */
function quietly<T>(f: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return f();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** The module's text with its types stripped as Node does it (positions kept), from the cache when it holds it. */
function strippedSource(folder: string, file: string): string {
  const source = readFileSync(file, 'utf8');
  const key = createHash('sha256').update(process.version).update('\0').update(file).update('\0').update(source).digest('hex');
  const kept = join(folder, `${key}.js`);
  try {
    return readFileSync(kept, 'utf8');
  } catch {
    // Not kept yet: strip it and keep it (written aside and renamed, so a reader never sees half a file).
  }
  const code = quietly(() => stripTypeScriptTypes(source, { mode: 'strip', sourceUrl: file }));
  try {
    mkdirSync(folder, { recursive: true });
    const temporary = `${kept}.${process.pid}.${threadId}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, kept);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return code;
}
