/**
 * What code a built site ships. The site runs only scripts shipped on purpose: the page
 * script in every <head> (text size, print), the module scripts listed in SHIPPED_MODULES on
 * the pages they serve, and Pagefind's own files that the search page loads. Anything else — an inline handler, a javascript: link,
 * a stray script from content or a component — is reported.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { sep } from 'node:path';
import * as cheerio from 'cheerio';
import { PAGE_SCRIPT } from '../lib/pageScript.ts';
import { fileOf, htmlPages } from './pages.ts';

/** Module scripts shipped on purpose, each with the pages it may appear on. */
export const SHIPPED_MODULES: Array<{ name: string; on: (url: string, $: cheerio.CheerioAPI) => boolean }> = [
  { name: 'search page (src/search/client.ts)', on: (url) => url === '/search/' },
  { name: 'sortable tables (table[data-sortable])', on: (_url, $) => $('table[data-sortable]').length > 0 },
];
/** Folders of dist/ that may hold .js files: Astro's bundles and Pagefind's runtime. */
export const SCRIPT_FOLDERS = ['_astro', 'pagefind'];

export interface ScriptFinding {
  page: string;
  what: string;
}

const sha256 = (s: string) => `sha256-${createHash('sha256').update(s).digest('base64')}`;

export function auditScripts(dist: string): ScriptFinding[] {
  const findings: ScriptFinding[] = [];
  for (const page of htmlPages(dist)) {
    const $ = cheerio.load(readFileSync(fileOf(dist, page), 'utf8'));
    const csp = $('meta[http-equiv="content-security-policy"]').attr('content') ?? '';
    const modulesAllowed = SHIPPED_MODULES.some((m) => m.on(page, $));
    // A <meta> policy governs only what follows it: no script may come before it.
    const policy = $('meta[http-equiv="content-security-policy"]').first();
    if (policy.length === 0) findings.push({ page, what: '页面没有 Content-Security-Policy' });
    else if (policy.prevAll('script').length > 0 || policy.parents('head').length === 0) findings.push({ page, what: 'Content-Security-Policy 不在 <head> 中所有脚本之前' });
    for (const el of $('script').toArray()) {
      const s = $(el);
      const type = s.attr('type') ?? '';
      const code = s.html() ?? '';
      if (type === 'application/json' || type === 'application/ld+json') {
        findings.push({ page, what: `嵌入的数据 <script type="${type}">（${code.length} 字符）：页面不应嵌入随网站增长的数据` });
      } else if (s.attr('src')) {
        const src = s.attr('src')!;
        if (!modulesAllowed || !src.startsWith('/_astro/')) findings.push({ page, what: `外部脚本 ${src}` });
      } else if (code === PAGE_SCRIPT) {
        if (!csp.includes(sha256(code))) findings.push({ page, what: '页面脚本的哈希不在 Content-Security-Policy 中' });
      } else if (type === 'module' && modulesAllowed) {
        if (!csp.includes(sha256(code))) findings.push({ page, what: '模块脚本的哈希不在 Content-Security-Policy 中' });
      } else {
        findings.push({ page, what: `未预期的脚本：${code.slice(0, 80)}` });
      }
    }
    for (const el of $('*').toArray()) {
      for (const [name, value] of Object.entries((el as { attribs?: Record<string, string> }).attribs ?? {})) {
        if (/^on/i.test(name)) findings.push({ page, what: `内联事件处理 ${name}="${value.slice(0, 40)}"` });
        if (/^\s*javascript:/i.test(value)) findings.push({ page, what: `javascript: 链接 ${name}="${value.slice(0, 40)}"` });
      }
    }
  }
  for (const f of readdirSync(dist, { recursive: true, encoding: 'utf8' }) as string[]) {
    if (/\.(m?js)$/.test(f) && !SCRIPT_FOLDERS.includes(f.split(sep)[0])) findings.push({ page: `/${f}`, what: '不在 _astro/ 或 pagefind/ 中的脚本文件' });
  }
  return findings;
}
