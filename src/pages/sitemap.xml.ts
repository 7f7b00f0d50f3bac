/**
 * /sitemap.xml: every page a citizen can land on, with absolute URLs from `site`
 * (GONGKAI_SITE). The `sitemap` package writes and escapes the XML.
 */
import type { APIRoute } from 'astro';
import { SitemapStream, streamToPromise } from 'sitemap';
import { getSiteModel } from '../data.ts';
import { regionUrl, yearUrl } from '../lib/site.ts';

export const GET: APIRoute = async ({ site }) => {
  const model = await getSiteModel();
  const urls = [
    '/',
    '/regions/',
    '/years/',
    '/search/',
    '/data/',
    '/quality/',
    ...model.regions.map((r) => regionUrl(r.code)),
    ...model.years.map(yearUrl),
    ...model.departments.map((d) => d.url),
    ...model.projects.map((p) => p.url),
  ];
  const stream = new SitemapStream({ hostname: site?.href });
  for (const url of urls) stream.write({ url });
  stream.end();
  const xml = (await streamToPromise(stream)).toString();
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
