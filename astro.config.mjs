// @ts-check
import { unified } from '@astrojs/markdown-remark';
import rehypeSanitize from 'rehype-sanitize';
import remarkSafeContent from './src/markdown/remarkSafeContent.ts';
import freshOutDir, { pruneOutput } from './src/integrations/freshOutDir.ts';
import openData from './src/integrations/openData.ts';
import pagefind from './src/integrations/pagefind.ts';
import phases from './src/integrations/phases.ts';
import siteAddress from './src/integrations/siteAddress.ts';
import noDepOptimizer from './src/build/noDepOptimizer.ts';

// A build sends nothing to anyone: Astro's anonymous usage telemetry (on unless turned off) ran
// `git` to make a project id and posted an event from every build. Set it to an empty value to
// let Astro decide as it does for other projects.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

// A plain object typed as Astro's config rather than `defineConfig` from 'astro/config': that module
// also loads svgo and csso (about 280 modules), which a build with no SVG optimisation never uses.
/** @type {import('astro').AstroUserConfig} */
export default {
  // Absolute URLs in /sitemap.xml; set GONGKAI_SITE to the public address when deploying.
  site: process.env.GONGKAI_SITE ?? 'http://localhost:4321',
  trailingSlash: 'always',
  // Tests build fixture sites next to the real one.
  outDir: process.env.GONGKAI_OUT ?? './dist',
  build: {
    format: 'directory',
    // Pages render while others are written to disk; more than this gains nothing on 2 cores.
    concurrency: Number(process.env.GONGKAI_BUILD_CONCURRENCY ?? 4),
  },
  // Department and project pages carry a cacheKey (src/lib/pageCacheKey.ts): after an edit only
  // the pages whose data changed are rendered again; the rest are copied from node_modules/.astro/.
  experimental: { incrementalBuild: true },
  // The content store and the incremental-build cache: the folder a CI job keeps between runs.
  // The bench gives each corpus its own, so that two builds never share one.
  cacheDir: process.env.GONGKAI_CACHE ?? './node_modules/.astro',
  markdown: {
    syntaxHighlight: false,
    // remark/rehype, explicitly: Astro 7's default processor is another one. SmartyPants
    // is off because it would rewrite the documents' quotes and dashes.
    processor: unified({
      smartypants: false,
      remarkPlugins: [[remarkSafeContent, { fatal: true }]],
      rehypePlugins: [rehypeSanitize],
    }),
  },
  // The Content-Security-Policy is the layout's own <meta> tag (src/lib/csp.ts), not security.csp,
  // which cost a digest per page. Component scripts are files, never inlined, so that the policy's
  // 'self' covers them without a hash per script.
  vite: { build: { assetsInlineLimit: 0 } },
  // One line per phase instead of one per page; `--verbose` shows them all.
  // (src/build/heldLog.ts: the same log, held back under `npm run build` until the check's report is out.)
  logger: { entrypoint: './src/build/heldLog.ts' },
  // openData writes the open-data files once, outside the per-page rendering; after pagefind,
  // so that its workbooks are written while Pagefind indexes.
  // freshOutDir keeps the last complete output in place, so unchanged pages are not written again,
  // or empties it by renaming it aside (deleting ~46,000 files one by one took longer than
  // rendering the pages an edit changed); pruneOutput, after every integration that writes files,
  // deletes what this build did not produce.
  // noDepOptimizer: no pre-bundling for a browser in a static build (src/build/noDepOptimizer.ts).
  integrations: [noDepOptimizer(), siteAddress(), freshOutDir(), pagefind(), openData(), pruneOutput(), phases()],
};
