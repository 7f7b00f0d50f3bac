/**
 * Writes the open-data files (src/lib/openDataFiles.ts) once per build, straight from the site
 * model the pages use, instead of as thousands of Astro routes; files whose content and code
 * are unchanged since the last build are copied from the cache folder (src/lib/openDataWriter.ts).
 *
 * The prerender runs in this process: `astro:build:start` puts a receiver in a global slot, and
 * the open-data route's getStaticPaths, which runs before the first page renders, hands it the
 * input. A worker thread, started with the build, then makes and writes every file
 * (src/lib/openDataThread.ts) while the main thread renders the pages and Pagefind indexes;
 * `astro:build:done`, after Pagefind's (this integration is listed after it), waits for the thread
 * and reports.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDataSlot, type OpenDataHandover } from '../lib/openDataFiles.ts';
import { startOpenDataThread, type OpenDataStage, type OpenDataThread, type PendingOpenDataThread } from '../lib/openDataThread.ts';
import { keepOutputFile } from './freshOutDir.ts';
import { shelvedIds } from '../lib/siteContent.ts';
import { shelves } from '../lib/storedEntry.ts';

/**
 * Digest of the code: every source file, the lockfile and the config. Any change of code
 * makes every file again; only content edits reuse files.
 */
export function codeDigest(root: string): string {
  const hash = createHash('sha1');
  const add = (rel: string) => {
    try {
      hash.update(rel).update(readFileSync(join(root, rel)));
    } catch {
      hash.update(`${rel}:absent`);
    }
  };
  for (const rel of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).sort()) {
    if (/\.(ts|mjs|js|json|astro)$/.test(rel)) add(join('src', rel));
  }
  add('package-lock.json');
  add('astro.config.mjs');
  return hash.digest('base64url');
}

export default function openDataIntegration(): AstroIntegration {
  let root = '';
  let cacheDir = '';
  let outDir = '';
  let thread: Promise<OpenDataThread> | null = null;
  /** The thread started with the build, until the input is handed over. */
  let waiting: PendingOpenDataThread | null = null;
  return {
    name: 'gongkai-open-data',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(config.cacheDir);
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        // Started now, so that the thread has started and read what it keeps while Vite bundles the pages.
        const pending = startOpenDataThread({ outDir, cacheDir, generator: codeDigest(root) });
        waiting = pending;
        // The content sync is done: the thread computes the site model from its shelves while Vite
        // bundles the pages (src/lib/siteContent.ts), and then needs only the date of the last commit.
        const entries = shelvedIds(shelves.get());
        if (entries) pending.prepare(entries);
        // Each open-data route (one per extension) hands the same source over: one thread writes.
        const receive: OpenDataHandover = (source) => {
          if (thread) return;
          waiting = null;
          const started = entries ? source.dataAsOf.then((asOf) => pending.finish(asOf, source.input)) : source.input().then((i) => pending.write(i));
          thread = started.catch((error: unknown) => {
            pending.cancel();
            throw error;
          });
          // Awaited in astro:build:done; until then a failure must not end the process unreported.
          thread.catch(() => {});
        };
        openDataSlot.put(receive);
      },
      'astro:build:generated': () => {
        openDataSlot.take();
        if (!thread) {
          waiting?.cancel();
          waiting = null;
          throw new Error('公开数据文件没有写出：src/pages/[...openData].[json|csv|xlsx].ts 没有交出网站数据。');
        }
      },
      'astro:build:done': async ({ logger }) => {
        if (!thread) return;
        const { text, done } = await thread;
        thread = null;
        const t = await text;
        for (const f of [...t.left, ...t.linked]) keepOutputFile(f);
        const parts = t.parts ? `；表格行块沿用 ${t.parts.reused} 个，新生成 ${t.parts.made} 个` : '';
        const cpu = (s: OpenDataStage) => (s.cpuSeconds === undefined ? '' : `，CPU ${s.cpuSeconds} 秒`);
        logger.info(`公开数据：${t.made + t.reused} 个 JSON 和 CSV 文件，与页面同时写出，用时 ${t.seconds} 秒${cpu(t)}（新生成 ${t.made} 个，沿用上次构建 ${t.reused} 个${parts}）`);
        const w = await done;
        for (const f of [...w.left, ...w.linked]) keepOutputFile(f);
        const rows = w.parts ? `；行块沿用 ${w.parts.reused} 个，新生成 ${w.parts.made} 个` : '';
        logger.info(`公开数据：${w.made + w.reused} 个 Excel 文件，用时 ${w.seconds} 秒${cpu(w)}（新生成 ${w.made} 个，沿用上次构建 ${w.reused} 个${rows}）`);
      },
    },
  };
}
