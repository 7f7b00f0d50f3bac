/**
 * The bench's plain Astro yardstick (src/bench/plainAstro.ts) on a tiny corpus, so that it cannot
 * rot: it builds, and makes the pages the Hugo yardstick makes, with the facts on them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeCorpus } from '../src/bench/generate.ts';
import { writePlainAstroSite } from '../src/bench/plainAstro.ts';
import { loadDepartments, loadProjects } from './helpers/content.ts';

const root = mkdtempSync(join(tmpdir(), 'gongkai-plain-astro-'));
const content = join(root, 'content');
const site = join(root, 'site');
const summary = writeCorpus(content, { projects: 23, regions: 2, seed: 3 });
let html: string[] = [];
/** The real build's content store and Vite's dependency cache in the project's node_modules, as they were before. */
const projectCaches = ['node_modules/.astro/data-store.json', 'node_modules/.vite/deps'].map((path) => ({ path, mtime: existsSync(path) ? statSync(path).mtimeMs : undefined }));

beforeAll(() => {
  writePlainAstroSite(site, content, resolve('node_modules'));
  const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { cwd: site, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  expect(run.status, run.stderr + run.stdout).toBe(0);
  html = readdirSync(join(site, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const page = (path: string) => readFileSync(join(site, 'dist', path, 'index.html'), 'utf8');

test('it makes a page per project, department and region, and a list per section, as the Hugo site does', () => {
  expect(html).toHaveLength(summary.projects + summary.departments + summary.regions + 4);
});

test('a project page shows its name, code and budget as printed, marked for Pagefind', () => {
  const p = loadProjects(content)[5];
  const text = page(`projects/${p.region}/${p.year}/${p.id}`);
  expect(text).toContain(`<h1 data-pagefind-weight="10">${p.name}</h1>`);
  expect(text).toContain(`<dd data-pagefind-weight="10">${p.code}</dd>`);
  expect(text).toContain(`<dd>${p.total} ${p.amountUnit}</dd>`);
  expect(text).toContain('data-pagefind-body');
});

test('a department page lists its projects with links to their pages', () => {
  const d = loadDepartments(content)[0];
  const projects = loadProjects(content).filter((p) => d.projects.includes(p.id) && p.region === d.region && p.year === d.year);
  const text = page(`departments/${d.region}/${d.year}/${d.unitCode}`);
  expect(projects.length).toBeGreaterThan(0);
  for (const p of projects) expect(text).toContain(`<a href="/projects/${p.region}/${p.year}/${p.id}/">${p.name}</a>`);
});

test("it keeps its caches in its own folder, never in the project's node_modules that it links to", () => {
  expect(existsSync(join(site, '.cache', 'astro', 'data-store.json'))).toBe(true);
  for (const { path, mtime } of projectCaches) expect({ path, mtime: existsSync(path) ? statSync(path).mtimeMs : undefined }).toEqual({ path, mtime });
});
