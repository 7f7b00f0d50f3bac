/**
 * Writes the Pagefind index once Astro has written dist/, so that `npm run build` alone produces
 * a searchable site. The records come from the site model (src/lib/searchRecords.ts), handed
 * over by the build in this same process (src/search/handover.ts): the pages are not parsed
 * again. An indexing error fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { takeSearchRecords } from '../search/handover.ts';
import { indexRecords } from '../lib/searchRecords.ts';

export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'gongkai-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const records = takeSearchRecords();
        if (!records) {
          throw new Error('检索索引没有记录：构建没有建立站点模型（src/data.ts 的 getSiteModel），请确认部门和项目页面在 src/pages/ 中');
        }
        const outDir = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`Pagefind 无法建立索引：${errors.join('; ')}`);
        try {
          const count = await indexRecords(index, records);
          const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
          if (written.errors.length) throw new Error(`Pagefind 写入索引出错：${written.errors.join('; ')}`);
          logger.info(`Pagefind 索引了 ${count} 个部门和项目页（由站点模型生成，不再解析页面）`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
