/**
 * Every build starts from an empty output folder, as Astro's own emptying does, but without
 * waiting for tens of thousands of files to be deleted one by one (at 10,000 projects the output
 * holds ~46,000 files): the previous output is renamed aside in one step and deleted by a
 * background process while the build goes on. Nothing of the previous output can be published
 * again, because none of it stays in the folder; pages that did not change come back from
 * Astro's incremental cache and the open-data cache.
 */
import type { AstroIntegration } from 'astro';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Astro keeps a `.git` folder in the output (a gh-pages checkout); so do we. */
const KEEP = ['.git'];
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
 * deleted in the background), emptied in place (when it cannot be renamed, e.g. a mount point),
 * or there was none.
 */
export function emptyOutDir(outDir: string): 'renamed' | 'emptied' | 'none' {
  const parent = dirname(outDir);
  // Leftovers of a build that stopped before its background deletion finished.
  const leftovers = existsSync(parent) ? readdirSync(parent).filter((f) => f.startsWith(trashPrefix(outDir))).map((f) => join(parent, f)) : [];
  if (!existsSync(outDir)) {
    deleteInBackground(leftovers);
    return 'none';
  }
  const trash = join(parent, `${trashPrefix(outDir)}${process.pid}-${Date.now()}`);
  try {
    renameSync(outDir, trash);
  } catch {
    for (const f of readdirSync(outDir)) if (!KEEP.includes(f)) rmSync(join(outDir, f), { recursive: true, force: true });
    deleteInBackground(leftovers);
    return 'emptied';
  }
  mkdirSync(outDir, { recursive: true });
  for (const f of KEEP) if (existsSync(join(trash, f))) renameSync(join(trash, f), join(outDir, f));
  deleteInBackground([...leftovers, trash]);
  return 'renamed';
}

export default function freshOutDir(): AstroIntegration {
  let outDir = '';
  return {
    name: 'gongkai-fresh-out-dir',
    hooks: {
      // Astro's emptying is replaced by emptyOutDir() at the start of the build.
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        emptyOutDir(outDir);
      },
    },
  };
}
