/**
 * Deleting what a folder should no longer hold: the build's output after a build that left it in
 * place (src/integrations/freshOutDir.ts) and the province portal after its shards were copied in
 * (src/province/assemble.ts). A gh-pages checkout's `.git` is never touched.
 */
import { readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { join, sep } from 'node:path';

/** Astro keeps a `.git` folder in the output (a gh-pages checkout); so do we. */
export const KEEP = ['.git'];

/**
 * Files of `dir`, relative to it (as path.relative gives them), its folders deepest first, and
 * those of its folders that hold nothing at all; `.git` left out.
 */
export function walkTree(dir: string): { files: string[]; folders: string[]; emptyFolders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  const emptyFolders: string[] = [];
  // One readdir per folder, paths joined as strings: Node's recursive readdir and path.relative
  // took 1.8 s for the 49,000 files of the 10,000-project output, this 0.4 s.
  const walk = (abs: string, rel: string) => {
    const entries = readdirSync(abs, { withFileTypes: true });
    if (rel && entries.length === 0) emptyFolders.push(rel);
    for (const entry of entries) {
      const path = rel ? `${rel}${sep}${entry.name}` : entry.name;
      if (!rel && KEEP.includes(entry.name)) continue;
      if (entry.isDirectory()) {
        folders.push(path);
        walk(join(abs, entry.name), path);
      } else files.push(path);
    }
  };
  walk(dir, '');
  folders.sort((a, b) => b.length - a.length);
  return { files, folders, emptyFolders };
}

/**
 * Deletes every file of `dir` that `keep` (given its path relative to `dir`) refuses, then the
 * folders left empty. Returns how many files went. Only a folder that held nothing, or one a file
 * was deleted from (with the folders above it), can be left empty: the others are not tried, as
 * trying each of the output's 20,000 folders made as many failed calls and exceptions.
 */
export function pruneTree(dir: string, keep: (path: string) => boolean): number {
  const { files, folders, emptyFolders } = walkTree(dir);
  const mayBeEmpty = new Set<string>();
  // The folders above `path`, nearest first, up to one already listed (whose own are too).
  const addFoldersAbove = (path: string) => {
    for (let end = path.lastIndexOf(sep); end > 0 && !mayBeEmpty.has(path.slice(0, end)); end = path.lastIndexOf(sep, end - 1)) mayBeEmpty.add(path.slice(0, end));
  };
  for (const d of emptyFolders) {
    mayBeEmpty.add(d);
    addFoldersAbove(d);
  }
  let pruned = 0;
  for (const f of files) {
    if (keep(f)) continue;
    unlinkSync(join(dir, f));
    pruned++;
    addFoldersAbove(f);
  }
  for (const d of folders) {
    if (!mayBeEmpty.has(d)) continue;
    try {
      rmdirSync(join(dir, d));
    } catch {
      // Not empty.
    }
  }
  return pruned;
}
