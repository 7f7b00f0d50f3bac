/** The sitemap's split: one <urlset> up to the protocol's limit, a sitemap index of parts past it. */
import { expect, test } from 'vitest';
import { SitemapStream, streamToPromise } from 'sitemap';
import { sitemapChunks, sitemapIndexXml, sitemapPartUrl, urlsetXml } from '../src/lib/sitemap.ts';

const urls = (n: number) => Array.from({ length: n }, (_, i) => `/p/${i}/`);

test.each([
  [0, 3, [0]],
  [3, 3, [3]],
  [4, 3, [3, 1]],
  [7, 3, [3, 3, 1]],
])('%i URLs with a limit of %i make files of %j URLs', (count, limit, sizes) => {
  const chunks = sitemapChunks(urls(count), limit);
  expect(chunks.map((c) => c.length)).toEqual(sizes);
  expect(chunks.flat()).toEqual(urls(count));
});

test('past the limit, /sitemap.xml is an index whose entries are the absolute part URLs', async () => {
  const xml = await sitemapIndexXml([1, 2, 3].map(sitemapPartUrl), new URL('https://budget.example.gov.cn/'));
  expect(xml).toContain('<sitemapindex');
  expect(xml.match(/<loc>[^<]*<\/loc>/g)).toEqual([1, 2, 3].map((n) => `<loc>https://budget.example.gov.cn/sitemaps/${n}.xml</loc>`));
});

test('a part lists its URLs made absolute', async () => {
  const xml = urlsetXml(['/a/', '/b/'], 'https://budget.example.gov.cn/');
  expect(xml.match(/<loc>[^<]*<\/loc>/g)).toEqual(['<loc>https://budget.example.gov.cn/a/</loc>', '<loc>https://budget.example.gov.cn/b/</loc>']);
});

test.each([
  ['one URL', ['/']],
  ['site pages', ['/', '/regions/130229/', '/130229/2023/287001/13022923P00JXC415588T/']],
  ['a query with & and a path in Chinese', ['/search/?q=老年&sort=amount', '/地区/<1>/']],
])('a part with %s is the XML the sitemap package writes', async (_, list) => {
  const stream = new SitemapStream({ hostname: 'https://budget.example.gov.cn/' });
  for (const url of list) stream.write({ url });
  stream.end();
  expect(urlsetXml(list, 'https://budget.example.gov.cn/')).toBe((await streamToPromise(stream)).toString());
});
