/**
 * The built site's pages by type (home, region, department, project, search …), found by
 * walking dist/ rather than by naming content, so the site gate and the screenshots follow
 * whatever an editor publishes. For each type the largest page stands for the rest: it has
 * the longest names, the most rows and the widest tables.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

export type PageType =
  | 'home' | 'regions' | 'region' | 'years' | 'year' | 'department' | 'project' | 'project-named'
  | 'search' | 'data' | 'quality' | 'not-found' | 'other';

/** Every HTML file under dir as its URL path (`/a/b/` for a/b/index.html). */
export function htmlPages(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.html') && !f.split(sep).includes('pagefind'))
    .map((f) => `/${f.split(sep).join('/')}`.replace(/index\.html$/, ''))
    .sort();
}

/** The file that serves a URL path. */
export const fileOf = (dir: string, url: string) => join(dir, url.endsWith('/') ? `${url}index.html` : url);

export function pageType(url: string): PageType {
  const parts = url.split('/').filter(Boolean);
  if (url === '/') return 'home';
  if (url === '/404.html') return 'not-found';
  if (['search', 'data', 'quality', 'regions', 'years'].includes(parts[0]) && parts.length === 1) return parts[0] as PageType;
  if (parts[0] === 'regions') return 'region';
  if (parts[0] === 'years') return 'year';
  if (/^\d{6}$/.test(parts[0]) && parts.length === 3) return 'department';
  if (/^\d{6}$/.test(parts[0]) && parts.length === 4) return 'project';
  return 'other';
}

/**
 * One URL per page type: the largest page of its type. Projects printed in the 重点专项 form
 * (指标名称/分值 columns) are their own type, `project-named`, told apart by their HTML.
 */
export function samplePages(dir: string, isNamed: (file: string) => boolean = () => false): Map<PageType, string> {
  const best = new Map<PageType, { url: string; size: number }>();
  for (const url of htmlPages(dir)) {
    const file = fileOf(dir, url);
    let type = pageType(url);
    if (type === 'project' && isNamed(file)) type = 'project-named';
    const size = statSync(file).size;
    if (!best.has(type) || best.get(type)!.size < size) best.set(type, { url, size });
  }
  return new Map([...best].map(([t, v]) => [t, v.url]));
}
