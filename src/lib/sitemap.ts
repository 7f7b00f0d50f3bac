/**
 * The sitemap's URLs, and how they are split: the sitemap protocol allows at most 50,000 URLs
 * in one file, so past that /sitemap.xml becomes a sitemap index of /sitemaps/<n>.xml files.
 */
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';
import { regionUrl, yearUrl, type SiteModel } from './site.ts';

/** URLs per sitemap file (sitemaps.org protocol limit). */
export const SITEMAP_LIMIT = 50_000;

/** Every page a citizen can land on, in a stable order. */
export function sitemapUrls(model: SiteModel): string[] {
  const urls = ['/', '/regions/', '/years/', '/search/', '/data/', '/quality/'];
  for (const r of model.regions) urls.push(regionUrl(r.code));
  for (const y of model.years) urls.push(yearUrl(y));
  for (const d of model.departments) urls.push(d.url);
  for (const p of model.projects) urls.push(p.url);
  return urls;
}

/** The URL lists of the sitemap files: one list when they fit in one file, else chunks of `limit`. */
export function sitemapChunks(urls: string[], limit = SITEMAP_LIMIT): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < urls.length; i += limit) chunks.push(urls.slice(i, i + limit));
  return chunks.length ? chunks : [[]];
}

/** Path of the n-th (1-based) sitemap file behind the index. */
export const sitemapPartUrl = (n: number) => `/sitemaps/${n}.xml`;

/** A <urlset> of `urls`, made absolute with `hostname`. */
export async function urlsetXml(urls: string[], hostname: string | undefined): Promise<string> {
  const stream = new SitemapStream({ hostname });
  for (const url of urls) stream.write({ url });
  stream.end();
  return (await streamToPromise(stream)).toString();
}

/** A <sitemapindex> of the sitemap files at `paths`, made absolute against `site`. */
export async function sitemapIndexXml(paths: string[], site: URL | undefined): Promise<string> {
  const stream = new SitemapIndexStream();
  for (const path of paths) stream.write({ url: new URL(path, site).href });
  stream.end();
  return (await streamToPromise(stream)).toString();
}

export const xmlResponse = (xml: string) => new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
