/**
 * An edit republished through Astro's incremental build (experimental.incrementalBuild with the
 * pages' cacheKey): a reader must see the change on every page that shows the edited project —
 * its own page, its department, and the same project's page in another year — while pages that
 * do not show it are copied from the cache instead of rendered again. An edit of a department's
 * narrative alone (its Markdown body, not its front matter) is republished on its page.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeCorpus } from '../src/bench/generate.ts';
import { departmentPath, projectPath } from '../src/lib/contentLayout.ts';
import { departmentUrl, projectUrl, yearUrl } from '../src/lib/site.ts';
import type { Project } from '../src/schemas/project.ts';
import { loadProjects } from './helpers/content.ts';

mkdirSync('.cache', { recursive: true });
const work = mkdtempSync(resolve('.cache', 'incremental-'));
const content = join(work, 'content');
const out = join(work, 'dist');
const cache = join(work, 'cache');
const env = { ...process.env, GONGKAI_CONTENT: content, GONGKAI_OUT: out, GONGKAI_CACHE: cache };

function build(over: Record<string, string> = {}): string {
  const run = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { encoding: 'utf8', env: { ...env, ...over } });
  if (run.status !== 0) throw new Error(`astro build failed:\n${run.stdout}\n${run.stderr}`);
  return `${run.stdout}${run.stderr}`;
}

const page = (url: string) => readFileSync(join(out, url, 'index.html'), 'utf8');
/** When Astro last rendered the page: it writes its cache copy only when it renders. */
const renderedAt = (url: string) => statSync(join(cache, 'dist', url.replace(/^\//, ''), 'index.html')).mtimeMs;
const rename = (p: Project, name: string) => {
  const file = projectPath(content, p.region, p.year, p.id);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`));
};

let current: Project;
let earlier: Project;
let unrelated: Project;
let removed: Project[];
/** A project whose department's narrative the edit gives a spending-plan sentence that disagrees with its table. */
let planned: Project;
let pairNew: Project;
let pairOld: Project;
let unrelatedRenderedAt: number;
let yearRenderedAt: number;
/** The removed department's and projects' files, by path: put back by a later edit. */
const removedFiles = new Map<string, Buffer>();
/** The log of the edit's build. */
let editLog: string;
const newName = (name: string) => `${name}（续建）`;
const addedSentence = '4、编辑后补充的一句保障措施，只在部门整体绩效目标里。';
/** The department document whose narrative the edit extends (of 2024, the year the edits touch). */
const narrativeDepartment = () => ({ region: earlier.region, year: earlier.year, unitCode: earlier.department });

beforeAll(() => {
  writeCorpus(content, { projects: 40, regions: 1, years: 2, seed: 5 });
  const projects = loadProjects(content);
  // The same unit's project in both years, under one name, so the newer page links the older one.
  current = projects.find((p) => p.year === 2025)!;
  earlier = projects.find((p) => p.year === 2024 && p.department === current.department)!;
  rename(earlier, current.name);
  earlier = { ...earlier, name: current.name };
  unrelated = projects.find((p) => p.year === 2025 && p.department !== current.department)!;
  // A department of 2024 that the edit removes with its projects: none of its pages may stay.
  removed = projects.filter((p) => p.year === 2024 && p.department !== earlier.department && p.department === projects.find((q) => q.year === 2024 && q.department !== earlier.department)!.department);
  // Of a department the edit touches anyway (2024's narrative), but not the edited project itself.
  planned = projects.find((p) => p.year === earlier.year && p.department === earlier.department && p.id !== earlier.id && p.spendingPlan?.basis === 'percent')!;
  // Another pair of the same unit under one name, which a later edit parts (see the end of this file).
  pairNew = projects.find((p) => p.year === current.year && p.department === current.department && p.id !== current.id)!;
  pairOld = projects.find((p) => p.year === earlier.year && p.department === earlier.department && p.id !== earlier.id && p.id !== planned.id)!;
  rename(pairOld, pairNew.name);
  build();
  unrelatedRenderedAt = renderedAt(projectUrl(unrelated));
  yearRenderedAt = renderedAt(yearUrl(2025));
  rename(earlier, newName(current.name));
  const narrative = departmentPath(content, earlier.region, earlier.year, earlier.department);
  writeFileSync(narrative, `${readFileSync(narrative, 'utf8').trimEnd()}\n\n${addedSentence}\n`);
  // The project's own file is unchanged: its quality, kept between builds, must be computed again from its department's.
  writeFileSync(narrative, `${readFileSync(narrative, 'utf8').trimEnd()}\n\n${planned.name}资金累计支出进度3月底、6月底、10月底、12月底分别达到1%、2%、3%、4%。\n`);
  for (const file of [departmentPath(content, removed[0].region, removed[0].year, removed[0].department), ...removed.map((p) => projectPath(content, p.region, p.year, p.id))]) {
    removedFiles.set(file, readFileSync(file));
    rmSync(file);
  }
  editLog = build();
  // The same content built from nothing, to compare with what the edit republished.
  build({ GONGKAI_OUT: join(work, 'clean'), GONGKAI_CACHE: join(work, 'clean-cache') });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the edited project shows its new name on its own page and in its department', () => {
  expect(page(projectUrl(earlier))).toContain(newName(current.name));
  const department = page(departmentUrl({ region: earlier.region, year: earlier.year, unitCode: earlier.department }));
  expect(department).toContain(newName(current.name));
});

test("the same project's page in another year shows the new name (its cached copy is not reused)", () => {
  const html = page(projectUrl(current));
  expect(html).toContain('同一项目的其他年度');
  expect(html).toContain(newName(current.name));
});

test("a department whose narrative alone was edited shows the new text on its page", () => {
  expect(page(departmentUrl(narrativeDepartment()))).toContain(addedSentence);
});

test('a page that does not show the edited project is copied from the cache, not rendered again', () => {
  expect(renderedAt(projectUrl(unrelated))).toBe(unrelatedRenderedAt);
  expect(page(projectUrl(unrelated))).toContain(unrelated.name);
});

test('the pages of a removed department are gone', () => {
  expect(removed.length).toBeGreaterThan(0);
  for (const p of removed) expect(existsSync(join(out, projectUrl(p), 'index.html')), projectUrl(p)).toBe(false);
});

test('the quality ranking lists the project under its new name', () => {
  const pages = readdirSync(join(out, 'quality', 'projects'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('index.html'));
  const listing = pages.map((f) => readFileSync(join(out, 'quality', 'projects', f), 'utf8')).join('\n');
  expect(listing).toContain(newName(current.name));
});

test('the page of a year the edits did not touch is copied from the cache', () => {
  expect(renderedAt(yearUrl(2025))).toBe(yearRenderedAt);
});

const filesOf = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();

/** Whether `dir` holds the files of `clean`, byte for byte. */
function expectSameSite(dir: string, clean: string) {
  expect(filesOf(dir)).toEqual(filesOf(clean));
  const differ = filesOf(clean).filter((f) => !readFileSync(join(dir, f)).equals(readFileSync(join(clean, f))));
  expect(differ).toEqual([]);
}

test('the republished site is the site a clean build of the same content makes: same files, same bytes', () => {
  expectSameSite(out, join(work, 'clean'));
});

test('the edit made the open data from the rows the first build kept: only the edited parts were made again', () => {
  // "表格行块沿用 N 个，新生成 M 个": the republished files above are the clean build's all the same.
  const [, reused, made] = /表格行块沿用 (\d+) 个，新生成 (\d+) 个/.exec(editLog) ?? [];
  expect(Number(reused)).toBeGreaterThan(0);
  expect(Number(made)).toBeGreaterThan(0);
  expect(Number(made)).toBeLessThan(Number(reused));
});

test("a spending-plan sentence added to a department's narrative alone shows as a disagreement on its project's page", () => {
  expect(page(projectUrl(planned))).toContain('正文写 3月底、6月底、10月底、12月底 1%、2%、3%、4%');
});

test("the edit computed the quality of the changed files' projects only, and took the others' from the last build", () => {
  const [, kept, computed] = /指标质量：(\d+) 个项目沿用上次构建的结果，(\d+) 个重新计算/.exec(editLog) ?? [];
  expect(Number(kept)).toBeGreaterThan(0);
  expect(Number(computed)).toBeGreaterThan(0);
  expect(Number(computed)).toBeLessThan(Number(kept));
});

describe("a project renamed apart from its other year's, in a unit whose documents are unchanged", () => {
  let before: string;
  beforeAll(() => {
    before = page(projectUrl(pairOld));
    rename(pairNew, '与上一年度名称截然不同的测试项目');
    build();
  }, 300_000);

  test("the other year's page no longer names it as the same project (the unit's kept matches are not reused)", () => {
    expect(before).toContain(projectUrl(pairNew));
    expect(page(projectUrl(pairOld))).not.toContain(projectUrl(pairNew));
  });
});

describe("a cache whose kept content is older than Astro's store, or missing (a CI cache restored in part)", () => {
  const shelf = (kind: string) => join(cache, 'gongkai-content', kind);
  const renamed = '缓存中内容早于数据存储的测试项目';
  beforeAll(() => {
    const older = join(work, 'older-shelf');
    cpSync(shelf('projects'), older, { recursive: true });
    rename(unrelated, renamed);
    build();
    // Astro's store now holds the renamed file's digest; the shelf is put back to before the rename.
    rmSync(shelf('projects'), { recursive: true });
    cpSync(older, shelf('projects'), { recursive: true });
    rmSync(shelf('departments'), { recursive: true });
    build();
  }, 300_000);

  test('the page shows the content of the file as it is, not what the older cache held', () => {
    expect(page(projectUrl(unrelated))).toContain(renamed);
    expect(page(departmentUrl({ region: unrelated.region, year: unrelated.year, unitCode: unrelated.department }))).toContain(renamed);
  });
});

describe('a department added back among the others (Astro keeps an added entry at the end of its store)', () => {
  beforeAll(() => {
    for (const [file, bytes] of removedFiles) writeFileSync(file, bytes);
    build();
    build({ GONGKAI_OUT: join(work, 'clean-again'), GONGKAI_CACHE: join(work, 'clean-again-cache') });
  }, 300_000);

  test('the republished site is still the site a clean build makes: the open data lists its rows where a clean build does', () => {
    expect(existsSync(join(out, projectUrl(removed[0]), 'index.html'))).toBe(true);
    expectSameSite(out, join(work, 'clean-again'));
  });
});
