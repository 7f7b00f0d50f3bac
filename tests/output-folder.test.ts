/**
 * The output folder and Astro's copies of the pages (`<cache>/dist`), through real builds: whatever
 * happened to the output since the last build — kept, deleted as a CI job that keeps only the
 * cache deletes it, left by a build that stopped half-way, written with another cache — the next
 * build's output is the one a clean build of the same content makes, file for file and byte for
 * byte. While the output is kept, the copies are the output itself (a link), so a page is written
 * once; a cache found without its output keeps real copies, from which unchanged pages are restored.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeCorpus } from '../src/bench/generate.ts';
import { projectPath } from '../src/lib/contentLayout.ts';
import { projectUrl } from '../src/lib/site.ts';
import { prepareOutDir } from '../src/integrations/freshOutDir.ts';
import type { Project } from '../src/schemas/project.ts';
import { loadProjects } from './helpers/content.ts';

mkdirSync('.cache', { recursive: true });
const work = mkdtempSync(resolve('.cache', 'output-folder-'));
const content = join(work, 'content');
const out = join(work, 'dist');
const cache = join(work, 'cache');

function build(over: Record<string, string> = {}) {
  const env = { ...process.env, GONGKAI_CONTENT: content, GONGKAI_OUT: out, GONGKAI_CACHE: cache, ...over };
  const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`astro build failed:\n${run.stdout}\n${run.stderr}`);
}

const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
/** The files in which `dir` differs from the clean build `clean`: missing, extra or with other bytes. */
function differences(dir: string, clean: string): string[] {
  const [have, want] = [files(dir), files(clean)];
  const extra = have.filter((f) => !want.includes(f)).map((f) => `extra ${f}`);
  const other = want.filter((f) => !have.includes(f) || !readFileSync(join(dir, f)).equals(readFileSync(join(clean, f)))).map((f) => `differs ${f}`);
  return [...extra, ...other];
}
const copiesAreLink = () => lstatSync(join(cache, 'dist')).isSymbolicLink();
const pageFile = (dir: string, url: string) => join(dir, url.replace(/^\//, ''), 'index.html');

let edited: Project;
let unrelated: Project;
let originalName: string;
/** The project file's two versions: A as generated, B with the project renamed. */
function contentAs(version: 'A' | 'B') {
  const file = projectPath(content, edited.region, edited.year, edited.id);
  const name = version === 'A' ? originalName : `${originalName}（调整）`;
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`));
}
const clean = { A: join(work, 'clean-A'), B: join(work, 'clean-B') };

beforeAll(() => {
  writeCorpus(content, { projects: 25, regions: 1, years: 1, seed: 11 });
  const projects = loadProjects(content);
  edited = projects[0];
  unrelated = projects.find((p) => p.department !== edited.department)!;
  originalName = edited.name;
  for (const version of ['B', 'A'] as const) {
    contentAs(version);
    build({ GONGKAI_OUT: clean[version], GONGKAI_CACHE: `${clean[version]}-cache` });
  }
  // The clean builds' own page copies are the clean output: the comparison reads the real files.
  build();
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('a first build: its page copies are the output itself, not a second file per page', () => {
  expect(differences(out, clean.A)).toEqual([]);
  expect(copiesAreLink()).toBe(true);
}, 120_000);

test('an edit with the output kept: the clean build of the edited content; an unchanged page is not written again', () => {
  const before = statSync(pageFile(out, projectUrl(unrelated))).mtimeMs;
  contentAs('B');
  build();
  expect(differences(out, clean.B)).toEqual([]);
  expect(statSync(pageFile(out, projectUrl(unrelated))).mtimeMs).toBe(before);
  expect(copiesAreLink()).toBe(true);
}, 120_000);

test('the output deleted, only the cache kept (a CI job): the clean build; the cache then keeps real copies of the pages', () => {
  rmSync(out, { recursive: true });
  contentAs('A');
  build();
  expect(differences(out, clean.A)).toEqual([]);
  expect(copiesAreLink()).toBe(false);
  expect(readFileSync(pageFile(join(cache, 'dist'), projectUrl(unrelated)))).toEqual(readFileSync(pageFile(clean.A, projectUrl(unrelated))));
}, 120_000);

test('the output deleted again after an edit: the clean build, with the unchanged pages restored from the copies', () => {
  const copied = statSync(pageFile(join(cache, 'dist'), projectUrl(unrelated))).mtimeMs;
  rmSync(out, { recursive: true });
  contentAs('B');
  build();
  expect(differences(out, clean.B)).toEqual([]);
  // Restored, not rendered: Astro writes a page's copy only when it renders the page.
  expect(statSync(pageFile(join(cache, 'dist'), projectUrl(unrelated))).mtimeMs).toBe(copied);
}, 120_000);

test('a build that stopped half-way (with a file no build makes left in the output): the next build is the clean build', () => {
  contentAs('A');
  // What a build that stops after its start leaves: the output prepared, the build not complete.
  prepareOutDir(out, cache);
  writeFileSync(join(out, 'left-by-the-stopped-build.html'), 'half-way');
  build();
  expect(differences(out, clean.A)).toEqual([]);
}, 120_000);

test('a build with another cache wrote the output since: the next build with this cache is the clean build', () => {
  contentAs('B');
  build({ GONGKAI_CACHE: `${cache}-other` });
  contentAs('A');
  build();
  expect(differences(out, clean.A)).toEqual([]);
}, 120_000);
