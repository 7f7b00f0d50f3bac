/** /sitemaps/<n>.xml: the parts behind /sitemap.xml once a site passes 50,000 URLs; none before. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteModel } from '../../data.ts';
import { sitemapChunks, sitemapUrls, urlsetXml, xmlResponse } from '../../lib/sitemap.ts';

export const getStaticPaths = (async () => {
  const chunks = sitemapChunks(sitemapUrls(await getSiteModel()));
  return chunks.length === 1 ? [] : chunks.map((urls, i) => ({ params: { part: String(i + 1) }, props: { urls } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ site, props }) => xmlResponse(urlsetXml(props.urls as string[], site?.href));
