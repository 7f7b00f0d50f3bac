// npm run province -- shard --index I --total N [--content DIR] [--out DIR]
//   builds shard I (0-based) of N: every N-th region of the content, as a site of its own
//   (one CI matrix job; .github/workflows/province.yml and ci/province.gitlab-ci.yml run them).
// npm run province -- assemble --out DIR [--link] SHARD_DIR...
//   joins shard outputs into the portal: region pages, a province-wide search index in bundles, home page,
//   sitemap index. The portal folder and its bundles (in --cache, default node_modules/.astro/portal) are
//   kept between runs, so an edit copies and indexes again only what changed. --link puts the shards'
//   files there as hard links instead of copies: for shard folders nothing writes into again (CI artifacts).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assemblePortal } from '../src/province/assemble.ts';
import { shardJob } from '../src/province/shard.ts';
import { CliError, runCli } from '../src/cli.ts';

const USAGE = '用法：npm run province -- shard --index I --total N（I 从 0 起，小于 N）  或  npm run province -- assemble --out DIR [--link] 分片目录…';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      index: { type: 'string' },
      total: { type: 'string' },
      content: { type: 'string', default: process.env.GONGKAI_CONTENT ?? 'content' },
      out: { type: 'string' },
      cache: { type: 'string', default: 'node_modules/.astro/portal' },
      link: { type: 'boolean', default: false },
    },
  });
  const [command, ...dirs] = positionals;

  if (command === 'shard') {
    const index = Number(values.index);
    const total = Number(values.total);
    if (!Number.isInteger(index) || !Number.isInteger(total) || index < 0 || index >= total) {
      throw new CliError('参数不全或有误', USAGE);
    }
    const job = shardJob(resolve(values.content!), index, total, resolve(values.out ?? 'dist-shards'), resolve('node_modules/.astro/shards'));
    if (!job.regions.length) {
      console.log(`分片 ${index + 1}/${total} 没有地区可构建（地区少于分片数）`);
    } else {
      console.log(`分片 ${index + 1}/${total}：${job.regions.join('、')} → ${job.outDir}`);
      const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { stdio: 'inherit', env: { ...process.env, ...job.env } });
      process.exitCode = run.status ?? 1;
    }
  } else if (command === 'assemble' && values.out && dirs.length) {
    // The same public address as the shards' own sitemaps (astro.config.mjs `site`).
    const site = new URL(process.env.GONGKAI_SITE ?? 'http://localhost:4321');
    const r = await assemblePortal(dirs.map((d) => resolve(d)), resolve(values.out), site, { cacheDir: resolve(values.cache!), link: values.link });
    console.log(`门户：${r.shards} 个分片，${r.regions} 个地区，检索索引 ${r.records} 条、${r.bundles.count} 个分卷（重新索引 ${r.bundles.indexed} 个；${r.files.linked ? `链接 ${r.files.linked} 个文件、复制 ${r.files.copied - r.files.linked} 个` : `复制 ${r.files.copied} 个文件`}、沿用 ${r.files.kept} 个、删去 ${r.files.pruned} 个，用时 ${r.seconds.copy.toFixed(1)} 秒，索引 ${r.seconds.index.toFixed(1)} 秒）→ ${values.out}`);
  } else {
    throw new CliError('参数不全或有误', USAGE);
  }
}

// A misspelt option ends in one line with the usage, not a stack trace.
await runCli(main, { hint: USAGE });
