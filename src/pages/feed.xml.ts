/** /feed.xml: the Atom feed of content changes and corrections (src/lib/changeFeed.ts). */
import type { APIRoute } from 'astro';
import { getPublishing } from '../publishing.ts';
import { changeFeed } from '../lib/changeFeed.ts';

export const GET: APIRoute = async ({ site }) => {
  const xml = changeFeed(await getPublishing(), site ?? new URL('http://localhost:4321/'));
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
