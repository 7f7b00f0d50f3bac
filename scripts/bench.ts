// npm run bench: builds the seed site and prints the figures the issues ask for —
// build time, pages, indicator rows, search index size and the bytes a first query fetches.
// Figures, not assertions: run it on the machine you care about.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadProjects } from '../tests/helpers/content.ts';
import { launch, serveDist } from '../tests/helpers/browser.ts';
import { buildSite } from '../tests/helpers/buildSite.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function timeBuild(): number {
  const start = performance.now();
  buildSite();
  return (performance.now() - start) / 1000;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

async function firstQueryBytes(query: string): Promise<{ total: number; index: number; requests: number; ms: number }> {
  const { server, origin } = await serveDist();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const responses: Array<{ url: string; bytes: number }> = [];
    page.on('response', (r) => {
      void r.body().then((b) => responses.push({ url: r.url(), bytes: b.length }), () => {});
    });
    const start = performance.now();
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector('body[data-search-done]');
    const ms = performance.now() - start;
    await page.waitForLoadState('networkidle');
    const total = responses.reduce((s, e) => s + e.bytes, 0);
    const index = responses.filter((e) => e.url.includes('/pagefind/')).reduce((s, e) => s + e.bytes, 0);
    const entries = responses;
    return { total, index, requests: entries.length, ms };
  } finally {
    await browser.close();
    server.close();
  }
}

const times = Array.from({ length: RUNS }, timeBuild).sort((a, b) => a - b);
const html = files('dist').filter((f) => f.endsWith('.html'));
const projects = loadProjects();
const pagefind = files('dist/pagefind');
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`build (check + astro build + pagefind), ${RUNS} runs: median ${times[Math.floor(RUNS / 2)].toFixed(2)} s, min ${times[0].toFixed(2)} s`);
console.log(`pages: ${html.length} HTML files; ${projects.length} project pages; ${projects.reduce((n, p) => n + p.indicators.rows.length, 0)} indicator rows`);
const size = (list: string[]) => list.reduce((s, f) => s + statSync(f).size, 0);
const indexData = pagefind.filter((f) => /\/(fragment|index|filter)\/|pagefind-entry\.json$/.test(f));
console.log(`search index: ${kib(size(pagefind))} in ${pagefind.length} files in dist/pagefind (all of Pagefind's UI bundles included); the index data itself (index, fragments, filters) ${kib(size(indexData))} in ${indexData.length} files`);
for (const q of ['老年大学', '13022923P00JXC415588T']) {
  const r = await firstQueryBytes(q);
  console.log(`first query "${q}" from a cold browser: ${kib(r.total)} in ${r.requests} requests (${kib(r.index)} of it Pagefind), ${r.ms.toFixed(0)} ms to results`);
}
