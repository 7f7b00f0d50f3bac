/**
 * Writes the search index with the build, so that `npm run build` alone produces a searchable
 * site. The records are made from the content the loader stored (src/search/contentStores.ts,
 * src/search/siteBundles.ts), handed over in this same process as soon as the content sync has
 * loaded it: Pagefind indexes them while Astro bundles and renders the pages, in bundles that are
 * reused from the cache folder while their files are unchanged (src/search/bundles.ts), and the
 * files go into the output as soon as they are indexed, while the pages render. The pages are not
 * parsed again. An indexing error fails the build.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { collectStores, contentStoreReceiver } from '../search/contentStores.ts';
import { BUNDLE_PAGES, startBundles, type SiteBundles, type WriteSummary } from '../search/bundles.ts';
import { siteBundleSources } from '../search/siteBundles.ts';
import { codeDigest } from './openData.ts';
import { keepOutputFile } from './freshOutDir.ts';
import { lowerThreadPriority } from '../lib/threadPriority.ts';

/**
 * The nice value this thread (Astro's, rendering the pages) takes once Pagefind starts on a
 * second bundle in one build. Pagefind indexes the bundles one after another beside the render,
 * and at 10,000 projects on 2 cores it fell behind: the last bundle was written 1.5–2.4 s after
 * the last page, with one core idle. At nice 2 the render gives up enough of a core for the index
 * to end with it (0.01–0.7 s after). Clean builds into fresh folders, old and new code
 * alternating, 10,000 projects, 4 pairs: 29.21–29.55 s → 28.44–29.07 s, median pair ratio 0.976;
 * nice 1 gave 1.002, 3 gave 1.002, 5 gave 0.981. A province shard of 5 regions (5,743 pages),
 * 4 pairs: 1.010, within the noise. A build of one bundle (1,000 projects, an edit) never gets
 * here; its index ends before the pages. The indexing thread and its Pagefind processes, started
 * before, keep their priority.
 */
const LONG_INDEX_NICE = 2;

/** The bundles' onIndexStart (src/search/bundles.ts): from the second bundle on, this thread yields. */
export function yieldToLongIndex(nth: number): void {
  if (nth === 2) lowerThreadPriority(LONG_INDEX_NICE);
}

export default function pagefindIntegration(): AstroIntegration {
  let indexing: SiteBundles | null = null;
  let writing: Promise<WriteSummary> | null = null;
  let building = false;
  let outDir = '';
  let generated = 0;
  return {
    name: 'gongkai-pagefind',
    hooks: {
      'astro:config:setup': ({ command }) => {
        building = command === 'build';
      },
      'astro:config:done': ({ config }) => {
        // Only a build indexes; `astro sync` and `astro dev` load the content too.
        if (!building) return;
        outDir = fileURLToPath(config.outDir);
        const root = fileURLToPath(config.root);
        const cacheDir = fileURLToPath(config.cacheDir);
        const maxPages = Number(process.env.GONGKAI_SEARCH_BUNDLE_PAGES) || BUNDLE_PAGES;
        indexing = null;
        contentStoreReceiver.put(
          collectStores((stores) => {
            const code = codeDigest(root);
            indexing = startBundles(() => siteBundleSources(stores, code, maxPages), { cacheDir, code, onIndexStart: yieldToLongIndex });
          }),
        );
      },
      'astro:build:start': () => {
        // After freshOutDir has made the output ready (it comes first): the bundles go into it as
        // soon as they are indexed, while the pages render, instead of after the last page.
        writing = indexing?.write(outDir, keepOutputFile) ?? null;
        writing?.catch(() => {});
      },
      'astro:build:generated': () => {
        generated = performance.now();
      },
      'astro:build:done': async ({ logger }) => {
        contentStoreReceiver.take();
        const started = writing;
        [indexing, writing] = [null, null];
        if (!started) {
          throw new Error('检索索引没有记录：内容同步没有交出内容（src/check/loader.ts 的 offerContentStore），请确认 src/content.config.ts 用 contentLoader 读取地区、部门和项目');
        }
        const s = await started;
        const reused = s.reused ? `，${s.reused} 个未变、沿用上次构建（其中 ${s.inPlace} 个留在输出原处）` : '';
        const late = Math.round(s.finished - generated) / 1000;
        const when = late > 0 ? `页面写完后又等了 ${late} 秒` : `页面写完前 ${-late} 秒已写好`;
        logger.info(
          `Pagefind 索引了 ${s.records} 个部门和项目页，分 ${s.bundles} 个分卷${reused}（由内容生成记录用时 ${s.seconds.records} 秒；与页面同时建立索引，用时 ${s.seconds.index} 秒；${when}；放入输出的分卷文件 ${s.copied} 个（链接到缓存中的分卷），用时 ${s.seconds.copy} 秒）`,
        );
      },
    },
  };
}
