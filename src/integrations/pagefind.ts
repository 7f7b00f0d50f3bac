/**
 * Writes the Pagefind index with Pagefind's Node API once Astro has written dist/, so that
 * `npm run build` alone produces a searchable site. An indexing error fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'gongkai-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind 无法建立索引：${errors.join('; ')}`);
        const added = await index.addDirectory({ path: outDir });
        if (added.errors.length) throw new Error(`Pagefind 索引出错：${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind 写入索引出错：${written.errors.join('; ')}`);
        logger.info(`Pagefind 读了 ${added.page_count} 个页面，索引其中标有 data-pagefind-body 的部门和项目页`);
        await pagefind.close();
      },
    },
  };
}
