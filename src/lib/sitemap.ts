/**
 * The sitemap's URLs, and how they are split: the sitemap protocol allows at most 50,000 URLs
 * in one file, so past that /sitemap.xml becomes a sitemap index of /sitemaps/<n>.xml files.
 */
import { SitemapIndexStream, streamToPromise } from 'sitemap';
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

/** The head of a <urlset> as the `sitemap` package writes it (its default namespaces). */
const URLSET_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">';

const XML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * A <urlset> of `urls`, made absolute with `hostname`: the bytes the `sitemap` package's
 * SitemapStream writes for items with a URL only, without its stream of an object per item,
 * which took about a second for 11,000 URLs on every build (the sitemap is never cached).
 */
export function urlsetXml(urls: string[], hostname: string | undefined): string {
  const items = urls.map((url) => `<url><loc>${new URL(url, hostname).href.replace(/[&<>]/g, (c) => XML_TEXT[c])}</loc></url>`);
  return `${URLSET_OPEN}${items.join('')}</urlset>`;
}

/** A <sitemapindex> of the sitemap files at `paths`, made absolute against `site`. */
export async function sitemapIndexXml(paths: string[], site: URL | undefined): Promise<string> {
  const stream = new SitemapIndexStream();
  for (const path of paths) stream.write({ url: new URL(path, site).href });
  stream.end();
  return (await streamToPromise(stream)).toString();
}

export const xmlResponse = (xml: string) => new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
