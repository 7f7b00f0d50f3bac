/**
 * `npm run dev` serves the open-data files that the build writes outside Astro's routes, with the
 * same bytes and Content-Type as the built files.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjects } from './helpers/content.ts';
import { projectUrl } from '../src/lib/site.ts';
import { contentTypeOf } from '../src/lib/openDataFiles.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let dev: ChildProcess;
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // As `npm run dev` runs it: vitest's NODE_ENV=test and VITEST variables make astro dev answer 404.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
  // Its own cache folder: the dev server's content store must not meet the suite's build cache.
  env.GONGKAI_CACHE = mkdtempSync(join(tmpdir(), 'gongkai-dev-cache-'));
  dev = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--host', '127.0.0.1', '--port', String(port)], { env, stdio: 'ignore' });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('astro dev did not start');
}, 150_000);

afterAll(() => {
  dev?.kill('SIGINT');
});

const project = loadProjects()[0];
const url = projectUrl(project);

test.each([
  '/data/projects.csv',
  '/data/gongkai.xlsx',
  '/data/datapackage.json',
  `/data/${project.region}/${project.year}/indicators.csv`,
  `/${project.region}/${project.year}/${project.department}/projects.csv`,
  `${url}data.json`,
  `${url}indicators.csv`,
])('%s is served as built', async (path) => {
  const res = await fetch(`${base}${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(contentTypeOf(path));
  const served = Buffer.from(await res.arrayBuffer());
  // A workbook records when it was written; its sheets are compared by the open-data tests.
  if (!path.endsWith('.xlsx')) expect(served.equals(readFileSync(join('dist', path)))).toBe(true);
});

test('a file that does not exist is a 404', async () => {
  expect((await fetch(`${base}/data/no-such-table.csv`)).status).toBe(404);
});
