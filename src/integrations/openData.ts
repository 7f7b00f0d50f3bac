/**
 * Writes the open-data files (src/lib/openDataFiles.ts) once per build, straight from the site
 * model the pages use, instead of as thousands of Astro routes; files whose content and code
 * are unchanged since the last build are copied from the cache folder (src/lib/openDataWriter.ts).
 *
 * The prerender runs in this process: `astro:build:start` puts a receiver on globalThis, the
 * open-data route's getStaticPaths hands it the input, and `astro:build:generated` writes the
 * files into the output folder once every page is written.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPEN_DATA_HANDOVER, openDataFiles, type OpenDataHandover, type OpenDataInput } from '../lib/openDataFiles.ts';
import { OpenDataWriter } from '../lib/openDataWriter.ts';

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
  let pending: Promise<OpenDataInput> | null = null;
  return {
    name: 'gongkai-open-data',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': () => {
        const receive: OpenDataHandover = (input) => {
          pending = input;
        };
        (globalThis as Record<symbol, OpenDataHandover>)[OPEN_DATA_HANDOVER] = receive;
      },
      'astro:build:generated': async ({ dir, logger }) => {
        delete (globalThis as Record<symbol, unknown>)[OPEN_DATA_HANDOVER];
        if (!pending) throw new Error('公开数据文件没有写出：src/pages/[...openData].ts 没有交出网站数据。');
        const started = performance.now();
        const files = openDataFiles(await pending);
        pending = null;
        const writer = await OpenDataWriter.begin(fileURLToPath(dir), { cacheDir, generator: codeDigest(root) });
        const summary = await writer.write(files);
        await writer.finish();
        logger.info(
          `公开数据 ${files.length} 个文件，用时 ${Math.round(performance.now() - started) / 1000} 秒：新生成 ${summary.made} 个（其中 Excel ${summary.workbooks} 个），沿用上次构建 ${summary.reused} 个`,
        );
      },
    },
  };
}
