/**
 * What a cold browser downloads for its first search: /search/?q=… opened in a fresh chromium
 * against the built site, every response body counted until the results are shown.
 */
import { gzipSync } from 'node:zlib';
import { launch, serveDist } from '../audit/browser.ts';

export interface FirstSearch {
  /** Bytes of every response body (uncompressed, as served locally). */
  total: number;
  /**
   * The same bodies as a server that gzips its responses sends them (Pagefind's index files are
   * gzip already and go as they are): what crosses the wire. A second figure, not the yardstick.
   */
  gzip: number;
  /** Of which Pagefind's files. */
  index: number;
  requests: number;
  ms: number;
  results: number;
  /** Every response, for a breakdown file by file. */
  files: Array<{ url: string; bytes: number; gzip: number }>;
}

export async function firstSearch(dir: string, query: string): Promise<FirstSearch> {
  const { server, origin } = await serveDist(dir);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const responses: Array<{ url: string; bytes: number; gzip: number }> = [];
    page.on('response', (r) => {
      void r.body().then((b) => responses.push({ url: r.url(), bytes: b.length, gzip: Math.min(b.length, gzipSync(b).length) }), () => {});
    });
    const start = performance.now();
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector('body[data-search-done]', { timeout: 120_000 });
    const ms = performance.now() - start;
    await page.waitForLoadState('networkidle');
    const results = await page.locator('#results > li').count();
    const total = responses.reduce((s, e) => s + e.bytes, 0);
    const index = responses.filter((e) => e.url.includes('/pagefind/')).reduce((s, e) => s + e.bytes, 0);
    const gzip = responses.reduce((s, e) => s + e.gzip, 0);
    return { total, gzip, index, requests: responses.length, ms, results, files: responses };
  } finally {
    await browser.close();
    server.close();
  }
}
