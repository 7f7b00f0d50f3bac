/**
 * Serves dist/ on a loopback port and drives Debian's chromium through playwright-core, the
 * way a citizen's browser would load the site: for the browser tests, the site gate,
 * `npm run screenshots` and `npm run lighthouse`. `.ci/run` installs chromium; a missing browser
 * fails these tests rather than skipping them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.png': 'image/png', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.wasm': 'application/wasm',
};

/**
 * Serves dir the way a static host does: index.html for a directory, 404.html for a missing
 * page, and with `gzip` text compressed as nginx or a CDN would (for Lighthouse's figures).
 */
export async function serveDist(dir = 'dist', { gzip = false } = {}): Promise<{ server: Server; origin: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    let status = 200;
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      file = join(root, '404.html');
      status = 404;
      if (!existsSync(file)) return void res.writeHead(404).end('not found');
    }
    let body = readFileSync(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (gzip && /text|json|xml|svg|javascript|wasm/.test(type) && /gzip/.test(String(req.headers['accept-encoding']))) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A browser whose default font size is set as a reader sets it in the browser's settings
 * (chromium's profile preference, not page CSS), e.g. 24 or 32 px.
 */
export function launchWithDefaultFont(px: number, viewport: { width: number; height: number }): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  const profile = mkdtempSync(join(tmpdir(), 'gongkai-font-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: px, default_fixed_font_size: Math.round(px * 0.8125) } } }));
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport });
}
