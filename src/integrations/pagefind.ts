/**
 * Writes the search index with the build, so that `npm run build` alone produces a searchable
 * site. The records come from the site model (src/lib/searchRecords.ts), handed over by the
 * build in this same process (src/search/handover.ts) as soon as the model exists: Pagefind
 * indexes them while the pages render, in bundles that are reused from the cache folder while
 * their pages are unchanged (src/search/bundles.ts), and the files are written once the pages
 * are. The pages are not parsed again. An indexing error fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { searchRecordsReceiver } from '../search/handover.ts';
import { startSearchBundles, type SiteBundles } from '../search/bundles.ts';
import { codeDigest } from './openData.ts';
import { keepOutputFile } from './freshOutDir.ts';

export default function pagefindIntegration(): AstroIntegration {
  let indexing: SiteBundles | null = null;
  let root = '';
  let cacheDir = '';
  return {
    name: 'gongkai-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': () => {
        indexing = null;
        searchRecordsReceiver.put((records) => {
          indexing ??= startSearchBundles(records(), { cacheDir, code: codeDigest(root) });
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        searchRecordsReceiver.take();
        const started = indexing;
        indexing = null;
        if (!started) {
          throw new Error('检索索引没有记录：构建没有建立站点模型（src/data.ts 的 getSiteModel），请确认部门和项目页面在 src/pages/ 中');
        }
        const s = await started.write(fileURLToPath(dir), keepOutputFile);
        const reused = s.reused ? `，${s.reused} 个未变、沿用上次构建（其中 ${s.inPlace} 个留在输出原处）` : '';
        logger.info(
          `Pagefind 索引了 ${s.records} 个部门和项目页，分 ${s.bundles} 个分卷${reused}（由站点模型生成，用时 ${s.seconds.records} 秒；与页面同时建立索引，用时 ${s.seconds.index} 秒；页面写完后又等了 ${s.seconds.waited} 秒，复制分卷的 ${s.copied} 个文件用时 ${s.seconds.copy} 秒）`,
        );
      },
    },
  };
}
