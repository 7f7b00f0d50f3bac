/**
 * /sitemap.xml: every page a citizen can land on, with absolute URLs from `site`
 * (GONGKAI_SITE). Up to 50,000 URLs it lists them; past that it is a sitemap index of
 * /sitemaps/<n>.xml (src/pages/sitemaps/[part].xml.ts). src/lib/sitemap.ts writes the XML.
 */
import type { APIRoute } from 'astro';
import { getSiteModel } from '../data.ts';
import { sitemapChunks, sitemapIndexXml, sitemapPartUrl, sitemapUrls, urlsetXml, xmlResponse } from '../lib/sitemap.ts';

export const GET: APIRoute = async ({ site }) => {
  const chunks = sitemapChunks(sitemapUrls(await getSiteModel()));
  return xmlResponse(chunks.length === 1 ? urlsetXml(chunks[0], site?.href) : await sitemapIndexXml(chunks.map((_, i) => sitemapPartUrl(i + 1)), site));
};
