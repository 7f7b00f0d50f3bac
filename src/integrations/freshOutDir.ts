/**
 * The output folder between builds.
 *
 * - After a build that completed into the same folder with the same cache, the output stays in
 *   place: Astro's incremental build then leaves a page whose cache key is unchanged where it is
 *   (it neither renders nor copies it), so an edit writes only what changed. When the build is
 *   done, every file this build did not produce is deleted (`pruneOutDir`), so the folder holds
 *   exactly what a clean build writes: a removed project's page does not stay behind.
 * - Otherwise (first build, a build that stopped half-way, an output written with another cache)
 *   the build starts from an empty folder, as Astro's own emptying does, but without waiting for
 *   tens of thousands of files to be deleted one by one: the old output is renamed aside in one
 *   step and deleted by a background process while the build goes on.
 *
 * Astro's incremental build writes every page it renders twice: to the output and a copy in
 * `<cacheDir>/dist/`, from which it restores an unchanged page when the output lost it. While the
 * output stays in place those copies are never read, so `<cacheDir>/dist/` is then a link to the
 * output folder (`preparePageCopies`): the second write lands on the file just written, and no
 * second file or folder is made per page. A cache that a build finds without its output (a CI job
 * that keeps only the cache folder, an output deleted by hand or written with another cache) gets
 * real copies again, so the next such build restores its unchanged pages instead of rendering them.
 *
 * A file counts as produced by this build when Astro lists it as a route's output (this covers
 * the pages left in place), when it was written after the build started (its modification time,
 * read on the output's own file system), or when it is in `public/`. An integration that leaves a
 * file of an earlier build in place without writing it names it with `keepOutputFile`.
 */
import type { AstroIntegration } from 'astro';
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globalSlot } from '../lib/globalSlot.ts';
import { KEEP, listTree, pruneTree, walkTree, type Tree } from '../lib/pruneTree.ts';

const trashPrefix = (outDir: string) => `.${basename(outDir)}-previous-`;

function deleteInBackground(paths: string[]) {
  if (paths.length === 0) return;
  const rm = spawn('rm', ['-rf', '--', ...paths], { detached: true, stdio: 'ignore' });
  // Without `rm` (Windows), delete them before the build goes on.
  rm.on('error', () => paths.forEach((p) => rmSync(p, { recursive: true, force: true })));
  rm.unref();
}

/**
 * Leaves `outDir` empty but for KEEP. Returns how the old output went: renamed aside (and being
 * deleted in the background, or kept as `keepAs` when that is given), emptied in place (when it
 * cannot be renamed, e.g. a mount point or `keepAs` on another file system), or there was none.
 */
export function emptyOutDir(outDir: string, keepAs?: string): 'renamed' | 'emptied' | 'none' {
  const parent = dirname(outDir);
  // Leftovers of a build that stopped before its background deletion finished.
  const leftovers = existsSync(parent) ? readdirSync(parent).filter((f) => f.startsWith(trashPrefix(outDir))).map((f) => join(parent, f)) : [];
  if (!existsSync(outDir)) {
    deleteInBackground(leftovers);
    return 'none';
  }
  const aside = keepAs ?? join(parent, `${trashPrefix(outDir)}${process.pid}-${Date.now()}`);
  try {
    renameSync(outDir, aside);
  } catch {
    for (const f of readdirSync(outDir)) if (!KEEP.includes(f)) rmSync(join(outDir, f), { recursive: true, force: true });
    deleteInBackground(leftovers);
    return 'emptied';
  }
  mkdirSync(outDir, { recursive: true });
  for (const f of KEEP) if (existsSync(join(aside, f))) renameSync(join(aside, f), join(outDir, f));
  deleteInBackground(keepAs ? leftovers : [...leftovers, aside]);
  return 'renamed';
}

/** Astro's incremental build keeps these in the cache folder: the list of pages it may restore, and its copies of them. */
const astroManifest = (cacheDir: string) => join(cacheDir, 'incremental-build.json');
const pageCopiesDir = (cacheDir: string) => join(cacheDir, 'dist');

const within = (path: string, folder: string) => path === folder || path.startsWith(folder + sep);

function linksTo(path: string, target: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink() && resolve(dirname(path), readlinkSync(path)) === resolve(target);
  } catch {
    return false;
  }
}

/** Removes what is at `path`: a link or file is unlinked (never what a link points to), a folder renamed aside and deleted in the background. */
function clearPath(path: string) {
  const s = lstatSync(path, { throwIfNoEntry: false });
  if (!s) return;
  if (!s.isDirectory()) return unlinkSync(path);
  const aside = `${path}-previous-${process.pid}-${Date.now()}`;
  renameSync(path, aside);
  deleteInBackground([aside]);
}

/**
 * Where Astro's copies of the pages go in this build. 'output': `<cacheDir>/dist` is a link to the
 * output, so the copy of a page is the page itself. 'copies': a folder of real copies, kept where
 * this build found the cache without its output (a later build may well find it so again), where
 * it adopted the output of a build that stopped half-way, and where the file system cannot link
 * (`symlink` is a parameter for the tests of that case).
 */
export function preparePageCopies(outDir: string, cacheDir: string, how: Prepared['how'], symlink: typeof symlinkSync = symlinkSync): 'output' | 'copies' {
  const copies = pageCopiesDir(cacheDir);
  if (how === 'adopted' || (how !== 'kept' && existsSync(astroManifest(cacheDir)))) {
    if (!lstatSync(copies, { throwIfNoEntry: false })?.isDirectory()) {
      clearPath(copies);
      mkdirSync(copies, { recursive: true });
    }
    return 'copies';
  }
  if (linksTo(copies, outDir)) return 'output';
  // An output folder inside the cache folder's dist/, or a cache folder inside the output: no link
  // that could take the output for the copies or loop back into it.
  if (within(resolve(outDir), resolve(copies)) || within(resolve(copies), resolve(outDir))) return 'copies';
  clearPath(copies);
  mkdirSync(cacheDir, { recursive: true });
  try {
    // A junction on Windows, where a link to a folder otherwise needs the right to make links.
    symlink(resolve(outDir), copies, 'junction');
    return 'output';
  } catch {
    mkdirSync(copies, { recursive: true });
    return 'copies';
  }
}

/**
 * What the cache remembers of the output folder: which folder the last build wrote, and whether
 * it completed. The folder's inode tells whether another build (with another cache) has emptied
 * it since: emptying renames the folder aside and makes a new one.
 */
interface OutputState {
  outDir: string;
  inode?: string;
  complete: boolean;
}
const inode = (dir: string) => {
  const s = statSync(dir, { bigint: true });
  return `${s.dev}:${s.ino}`;
};
const stateFile = (cacheDir: string) => join(cacheDir, 'output-state.json');

function readState(cacheDir: string): OutputState | null {
  try {
    return JSON.parse(readFileSync(stateFile(cacheDir), 'utf8')) as OutputState;
  } catch {
    return null;
  }
}

function writeState(cacheDir: string, state: OutputState) {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(stateFile(cacheDir), JSON.stringify(state));
}

interface Prepared {
  /**
   * What became of the last output: kept in place; adopted as the page copies (a build with this
   * cache stopped half-way in it); renamed aside or emptied; or there was none.
   */
  how: 'kept' | 'adopted' | 'renamed' | 'emptied' | 'none';
  /** The moment the build starts on the output's own clock (a file's modification time, in ms). */
  since: number;
  /** Where Astro's copies of the pages go (`preparePageCopies`). */
  pages: 'output' | 'copies';
}

/**
 * Gets `outDir` ready for a build with `cacheDir`: kept in place when the last build with this
 * cache completed into it, emptied otherwise, and `<cacheDir>/dist` made ready for Astro's copies
 * of the pages. `since` is what `pruneOutDir` tells new files by.
 */
export function prepareOutDir(outDir: string, cacheDir: string, symlink?: typeof symlinkSync): Prepared {
  const state = readState(cacheDir);
  const ours = state?.outDir === outDir && existsSync(outDir) && state.inode === inode(outDir);
  let how: Prepared['how'];
  if (ours && state.complete) how = 'kept';
  else if (ours && linksTo(pageCopiesDir(cacheDir), outDir)) {
    // A build with this cache stopped half-way in this output, which holds the only copies of the
    // last complete build's pages: they become the copies Astro restores unchanged pages from.
    unlinkSync(pageCopiesDir(cacheDir));
    how = emptyOutDir(outDir, pageCopiesDir(cacheDir)) === 'renamed' ? 'adopted' : 'emptied';
  } else how = emptyOutDir(outDir);
  mkdirSync(outDir, { recursive: true });
  // The folder's inode even for a build that does not complete: the next build knows it as this cache's.
  writeState(cacheDir, { outDir, inode: inode(outDir), complete: false });
  const pages = preparePageCopies(outDir, cacheDir, how, symlink);
  const probe = join(outDir, `.gongkai-build-started-${process.pid}`);
  writeFileSync(probe, '');
  const since = statSync(probe).mtimeMs;
  unlinkSync(probe);
  return { how, since, pages };
}

/**
 * Deletes from `outDir` every file that is neither in `produced` (paths relative to `outDir`) nor
 * written at or after `since`, then the folders left empty. Returns how many files went.
 *
 * `listed` is the output as listed while the build ran (listTree, started when the build did), in
 * place of a walk after the last page: a file the listing missed was made after the build started,
 * so it is this build's; a file listed and gone since has nothing left to delete.
 */
export function pruneOutDir(outDir: string, produced: Set<string>, since: number, listed?: Tree): number {
  const keep = (f: string) => {
    if (produced.has(f)) return true;
    const stat = statSync(join(outDir, f), { throwIfNoEntry: false });
    return !stat || stat.mtimeMs >= since;
  };
  return pruneTree(outDir, keep, listed);
}

/** Marks the build's output complete, so that the next build with this cache keeps it in place. */
export function completeOutDir(outDir: string, cacheDir: string) {
  writeState(cacheDir, { outDir, inode: inode(outDir), complete: true });
}

const kept = globalSlot<Set<string>>('keptOutputFiles');

/** Names a file (an absolute path) that an integration left in the output from an earlier build. */
export function keepOutputFile(path: string): void {
  const set = kept.get() ?? new Set<string>();
  set.add(path);
  kept.put(set);
}

/** What `freshOutDir()` learnt of this build, for `pruneOutput()`. */
const build: { outDir: string; cacheDir: string; publicDir: string; since: number; listed?: Promise<Tree> } = { outDir: '', cacheDir: '', publicDir: '', since: 0 };

function publicFiles(publicDir: string): string[] {
  return existsSync(publicDir) ? walkTree(publicDir).files : [];
}

/**
 * Two integrations: `freshOutDir()` prepares the output when the build starts, and
 * `pruneOutput()`, which must come after every integration that writes into the output in
 * `astro:build:done`, deletes what the build did not produce and marks the output complete.
 */
export default function freshOutDir(): AstroIntegration {
  return {
    name: 'gongkai-fresh-out-dir',
    hooks: {
      // Astro's emptying is replaced by prepareOutDir() at the start of the build.
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        // The config's folders are URLs ending with a slash; as paths they are compared and joined
        // without one (a path below the output starts with outDir + sep).
        build.outDir = resolve(fileURLToPath(config.outDir));
        build.cacheDir = resolve(fileURLToPath(config.cacheDir));
        build.publicDir = resolve(fileURLToPath(config.publicDir));
      },
      'astro:build:start': ({ logger }) => {
        kept.take();
        const { how, since, pages } = prepareOutDir(build.outDir, build.cacheDir);
        build.since = since;
        // The output left in place is listed while the pages are bundled and rendered, not after
        // the last one; an output emptied here holds nothing of an earlier build to delete.
        build.listed = how === 'kept' ? listTree(build.outDir) : Promise.resolve({ files: [], folders: [], emptyFolders: [] });
        build.listed.catch(() => {});
        if (how === 'kept') logger.info('上次构建的输出留在原处：未改动的页面不再写出，构建完成后删去本次没有生成的文件');
        if (pages === 'copies') logger.info(`页面另存副本于 ${join(build.cacheDir, 'dist')}：输出文件夹不在时，未改动的页面从副本复制，不再重新生成`);
      },
    },
  };
}

export function pruneOutput(): AstroIntegration {
  return {
    name: 'gongkai-prune-output',
    hooks: {
      'astro:build:done': async ({ assets, logger }) => {
        const listed = await build.listed?.catch(() => undefined);
        build.listed = undefined;
        // path.relative, 35,000 times at 10,000 projects, took about 0.5 s; a path below the output is cut.
        const below = build.outDir + sep;
        const inOutput = (path: string) => (path.startsWith(below) ? path.slice(below.length) : relative(build.outDir, path));
        const produced = new Set<string>();
        const keptFiles = kept.take() ?? [];
        // An output emptied when the build started holds nothing to prune: what it produced need not be known.
        if (listed?.files.length !== 0) {
          for (const urls of assets.values()) for (const url of urls) produced.add(inOutput(fileURLToPath(url)));
          for (const f of publicFiles(build.publicDir)) produced.add(f);
          for (const f of keptFiles) produced.add(inOutput(f));
        }
        const pruned = pruneOutDir(build.outDir, produced, build.since, listed);
        if (pruned) logger.info(`删去上次构建留下、本次没有生成的 ${pruned} 个文件`);
        completeOutDir(build.outDir, build.cacheDir);
      },
    },
  };
}
