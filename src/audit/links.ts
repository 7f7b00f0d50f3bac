/**
 * Link check over a built site: every internal link, asset and anchor of every page must
 * lead somewhere in dist/. External addresses are not fetched (the suite runs offline).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { fileOf, htmlPages } from './pages.ts';

export interface BrokenLink {
  page: string;
  link: string;
  reason: string;
}

const ATTRS: Array<[string, string]> = [['a[href]', 'href'], ['link[href]', 'href'], ['script[src]', 'src'], ['img[src]', 'src'], ['form[action]', 'action'], ['source[src]', 'src']];

/** The file a site path is served from, or null: `/a/` → a/index.html, `/x.css` → x.css. */
function target(dist: string, path: string): string | null {
  const file = path.endsWith('/') ? join(dist, path, 'index.html') : join(dist, path);
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export function checkLinks(dist: string): { pages: number; links: number; broken: BrokenLink[] } {
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    if (!ids.has(file)) {
      const $ = cheerio.load(readFileSync(file, 'utf8'));
      ids.set(file, new Set($('[id]').map((_, el) => $(el).attr('id')!).get()));
    }
    return ids.get(file)!;
  };
  const broken: BrokenLink[] = [];
  const pages = htmlPages(dist);
  let links = 0;
  for (const page of pages) {
    const file = fileOf(dist, page);
    const $ = cheerio.load(readFileSync(file, 'utf8'));
    for (const [selector, attr] of ATTRS) {
      for (const el of $(selector).toArray()) {
        const link = $(el).attr(attr)!;
        if (/^(https?:|mailto:|tel:|data:)/i.test(link) || (selector === 'link[href]' && /^(alternate|canonical)$/.test($(el).attr('rel') ?? '') && /^https?:/.test(link))) continue;
        links++;
        const url = new URL(link, `http://site${page}`);
        if (url.host !== 'site') continue;
        const path = decodeURIComponent(url.pathname);
        const dest = path === page ? file : target(dist, path);
        if (!dest) {
          broken.push({ page, link, reason: path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? '目标不存在' : '缺少结尾的 /（网站地址都以 / 结尾）' });
          continue;
        }
        const hash = decodeURIComponent(url.hash.slice(1));
        if (hash && dest.endsWith('.html') && !idsOf(dest).has(hash)) broken.push({ page, link, reason: `页面上没有 id="${hash}"` });
      }
    }
  }
  return { pages: pages.length, links, broken };
}
