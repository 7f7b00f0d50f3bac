/**
 * `npm run dev` is the editors' live preview: a saved content file shows on its pages without a
 * restart, and a file the check refuses leaves the preview as it was, with the check's message.
 * The preview reads a copy of content/, so the test edits files freely.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjects } from './helpers/content.ts';
import { projectUrl } from '../src/lib/site.ts';
import { projectPath } from '../src/lib/contentLayout.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const work = mkdtempSync(join(tmpdir(), 'gongkai-dev-preview-'));
const content = join(work, 'content');
cpSync('content', content, { recursive: true });
const project = loadProjects(content)[0];
const file = projectPath(content, project.region, project.year, project.id);
const pageUrl = projectUrl(project);

let dev: ChildProcess;
let base = '';
let log = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // As `npm run dev` runs it: vitest's NODE_ENV=test and VITEST variables make astro dev answer 404.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
  env.GONGKAI_CACHE = join(work, 'cache');
  env.GONGKAI_CONTENT = content;
  dev = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const s of [dev.stdout!, dev.stderr!]) s.on('data', (b: Buffer) => (log += b.toString()));
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`astro dev did not start:\n${log}`);
}, 150_000);

afterAll(() => {
  dev?.kill('SIGINT');
});

const heading = async (url: string) => (await (await fetch(`${base}${url}`)).text()).match(/<h1[^>]*>([^<]*)/)?.[1];

/** Polls until `ok` holds (the watcher reloads a saved file within a second or two). */
async function until(ok: () => Promise<boolean> | boolean, what: string) {
  for (let i = 0; i < 60; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not happen within 30 s; the preview's log:\n${log}`);
}

const renamed = `${project.name}（预览改名）`;
const setNameLine = (line: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, line));

test('a saved rename shows on the project page and its department page', async () => {
  expect(await heading(pageUrl)).toBe(project.name);
  setNameLine(`name: ${JSON.stringify(renamed)}`);
  await until(async () => (await heading(pageUrl)) === renamed, 'the renamed project page');
  const department = pageUrl.split('/').slice(0, -2).join('/') + '/';
  expect(await (await fetch(`${base}${department}`)).text()).toContain(renamed);
}, 60_000);

test('a file the check refuses leaves the preview as it was and names the file and line', async () => {
  setNameLine('name: [没有闭合的方括号');
  await until(() => log.includes('内容检查未通过'), "the check's message");
  expect(log).toMatch(new RegExp(`${project.id}\\.md:\\d+:\\d+`));
  expect(log).not.toMatch(/^\s+at /m);
  const res = await fetch(`${base}${pageUrl}`);
  expect(res.status).toBe(200);
  expect((await res.text()).match(/<h1[^>]*>([^<]*)/)?.[1]).toBe(renamed);
}, 60_000);
