/**
 * Writes the Pagefind index with the build, so that `npm run build` alone produces a searchable
 * site. The records come from the site model (src/lib/searchRecords.ts), handed over by the
 * build in this same process (src/search/handover.ts) as soon as the model exists: Pagefind
 * indexes them while the pages render (src/search/indexing.ts), and the files are written once
 * the pages are. The pages are not parsed again. An indexing error fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { searchRecordsReceiver } from '../search/handover.ts';
import { startIndexing, type SiteIndexing } from '../search/indexing.ts';

export default function pagefindIntegration(): AstroIntegration {
  let indexing: SiteIndexing | null = null;
  return {
    name: 'gongkai-pagefind',
    hooks: {
      'astro:build:start': () => {
        indexing = null;
        searchRecordsReceiver.put((records) => {
          indexing ??= startIndexing(records());
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        searchRecordsReceiver.take();
        const started = indexing;
        indexing = null;
        if (!started) {
          throw new Error('检索索引没有记录：构建没有建立站点模型（src/data.ts 的 getSiteModel），请确认部门和项目页面在 src/pages/ 中');
        }
        const { records, waited, writing } = await started.write(join(fileURLToPath(dir), 'pagefind'));
        logger.info(
          `Pagefind 索引了 ${records} 个部门和项目页（由站点模型生成，与页面同时建立索引；页面写完后又等了 ${waited} 秒，写出索引用时 ${writing} 秒）`,
        );
      },
    },
  };
}
