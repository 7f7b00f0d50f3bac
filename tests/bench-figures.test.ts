/** The bench's figure of the largest HTML pages names each page by its URL, largest first. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { largestPages } from '../src/bench/bench.ts';

const dist = mkdtempSync(join(tmpdir(), 'gongkai-bench-figures-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

test('largest HTML pages: the site-wide lists show first, under their URLs, with their gzip size', () => {
  const pages = { 'index.html': 1024, 'years/2025/index.html': 8 * 1024, '404.html': 2 * 1024, 'regions/index.html': 512 };
  for (const [path, bytes] of Object.entries(pages)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), 'x'.repeat(bytes));
  }
  const line = largestPages(dist, Object.keys(pages).map((p) => join(dist, p)));
  expect(line.split(' · ').map((part) => part.split(' ')[0])).toEqual(['/years/2025/', '/404.html', '/']);
  expect(line).toMatch(/^\/years\/2025\/ 8\.0 KiB \(0\.\d KiB gzip\)/);
});
