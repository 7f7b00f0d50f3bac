/**
 * Lighthouse scores of the built site in Debian's chromium: performance, accessibility, best
 * practices and SEO for the page types citizens use, on a simulated phone and on a desktop.
 * Figures for `npm run lighthouse` (and the bench), never a test: they move with the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM } from './browser.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Scores = Record<(typeof CATEGORIES)[number], number>;

/** Starts chromium with a DevTools port for Lighthouse to drive; resolves with the port. */
async function startChromium(): Promise<{ port: number; proc: ChildProcess; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'gongkai-lh-'));
  const proc = spawn(CHROMIUM, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (code) => reject(new Error(`chromium (${CHROMIUM}) exited with ${code} before DevTools started:\n${err.slice(-500)}`)));
  });
  return { port, proc, profile };
}

/** Scores each URL as a phone and as a desktop, in one chromium. */
export async function scoreAll(urls: string[]): Promise<Array<{ url: string; form: 'mobile' | 'desktop'; scores: Scores }>> {
  const { port, proc, profile } = await startChromium();
  const out: Array<{ url: string; form: 'mobile' | 'desktop'; scores: Scores }> = [];
  try {
    for (const url of urls) {
      for (const form of ['mobile', 'desktop'] as const) {
        const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, form === 'desktop' ? desktopConfig : undefined);
        const categories = result!.lhr.categories;
        out.push({ url, form, scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)])) as Scores });
      }
    }
  } finally {
    const exited = new Promise((done) => proc.once('exit', done));
    proc.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true });
  }
  return out;
}
