/**
 * Writes the open-data files (src/lib/openDataFiles.ts) once per build, straight from the site
 * model the pages use, instead of as thousands of Astro routes; files whose content and code
 * are unchanged since the last build are copied from the cache folder (src/lib/openDataWriter.ts).
 *
 * The prerender runs in this process: `astro:build:start` puts a receiver in a global slot, the
 * open-data route's getStaticPaths hands it the input, and `astro:build:generated` writes the
 * text files into the output folder once every page is written. The workbooks (exceljs, most of
 * the CPU time) are made on a worker thread while Pagefind indexes: this integration is listed
 * after Pagefind's, and its `astro:build:done` waits for them.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDataFiles, openDataSlot, type OpenDataHandover, type OpenDataInput } from '../lib/openDataFiles.ts';
import { OpenDataWriter } from '../lib/openDataWriter.ts';
import { xlsxInWorker } from '../lib/openDataXlsx.ts';

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

const seconds = (since: number) => Math.round(performance.now() - since) / 1000;

export default function openDataIntegration(): AstroIntegration {
  let root = '';
  let cacheDir = '';
  let pending: Promise<OpenDataInput> | null = null;
  let workbooks: Promise<string> | null = null;
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
        openDataSlot.put(receive);
      },
      'astro:build:generated': async ({ dir, logger }) => {
        openDataSlot.take();
        if (!pending) throw new Error('公开数据文件没有写出：src/pages/[...openData].[json|csv|xlsx].ts 没有交出网站数据。');
        const started = performance.now();
        const xlsx = xlsxInWorker();
        const files = openDataFiles(await pending, xlsx.toXlsx);
        pending = null;
        const writer = await OpenDataWriter.begin(fileURLToPath(dir), { cacheDir, generator: codeDigest(root) });
        const text = await writer.write(files.filter((f) => !f.workbook));
        logger.info(`公开数据：${text.made + text.reused} 个 JSON 和 CSV 文件，用时 ${seconds(started)} 秒（新生成 ${text.made} 个，沿用上次构建 ${text.reused} 个）`);
        const workbooksStarted = performance.now();
        // One at a time: a site-wide workbook holds every indicator row.
        workbooks = writer
          .write(files.filter((f) => f.workbook), 1)
          .finally(xlsx.close)
          .then(async (summary) => {
            await writer.finish();
            return `公开数据：${summary.made + summary.reused} 个 Excel 文件，与检索索引同时写出，用时 ${seconds(workbooksStarted)} 秒（新生成 ${summary.made} 个，沿用上次构建 ${summary.reused} 个）`;
          });
        // Awaited in astro:build:done; until then a failure must not end the process unreported.
        workbooks.catch(() => {});
      },
      'astro:build:done': async ({ logger }) => {
        if (!workbooks) return;
        const line = await workbooks;
        workbooks = null;
        logger.info(line);
      },
    },
  };
}
