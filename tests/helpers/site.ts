import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';

export const DIST = 'dist';

/** Loads a built page by its URL path, e.g. `/130229/2023/287001/`. */
export function page(urlPath: string) {
  const file = join(DIST, urlPath, urlPath.endsWith('/') ? 'index.html' : '');
  return cheerio.load(readFileSync(file, 'utf8'));
}
