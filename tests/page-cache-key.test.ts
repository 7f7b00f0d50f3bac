/** Page cache keys: a key changes exactly when something its page shows does. */
import { describe, expect, test } from 'vitest';
import { deriveDigest, pageCacheKey, rememberDigest } from '../src/lib/pageCacheKey.ts';
import { buildQualityReport, rankEntries } from '../src/lib/quality.ts';
import { buildSiteModel, departmentUrl } from '../src/lib/site.ts';
import { loadDepartments, loadProjects, loadRegions } from './helpers/content.ts';

/** A project and its department's content data, each with the digest of its stored entry. */
function entries(projectDigest: string, departmentDigest: string) {
  const project = { id: 'P1', name: '老年大学' };
  const department = { unitName: '民政局' };
  rememberDigest(project, projectDigest);
  rememberDigest(department, departmentDigest);
  return { project, department };
}

test.each([
  ['the same inputs', 'p1', 'd1', true],
  ['an edited project', 'p2', 'd1', false],
  ['an edited department (its narrative or its list of projects)', 'p1', 'd2', false],
])('a quality derived from its inputs keys alike for %s', (_, projectDigest, departmentDigest, same) => {
  const before = entries('p1', 'd1');
  const after = entries(projectDigest, departmentDigest);
  const quality = (flags: number) => ({ flags });
  const [q1, q2] = [quality(1), quality(1)];
  deriveDigest(q1, before.project, before.department);
  deriveDigest(q2, after.project, after.department);
  expect(pageCacheKey(q1) === pageCacheKey(q2)).toBe(same);
});

test('a value derived from an input without a digest is keyed by its content', () => {
  const { project } = entries('p1', 'd1');
  const [a, b, c] = [{ flags: 1 }, { flags: 1 }, { flags: 2 }];
  for (const q of [a, b, c]) deriveDigest(q, project, { unitName: 'no digest' });
  expect(pageCacheKey(a)).toBe(pageCacheKey(b));
  expect(pageCacheKey(a)).not.toBe(pageCacheKey(c));
});

/** A project view as src/lib/site.ts makes it: it holds its department, which lists it back. */
function view(name: string, totalFen: bigint) {
  const data = { id: 'P1', name };
  const department: { url: string; data: object; title: string; projects: unknown[]; totalFen: bigint } = { url: '/d/', data: { unitName: '民政局' }, title: '民政局', projects: [], totalFen };
  const project = { data, url: '/d/P1/', totalFen, department };
  department.projects.push(project);
  return project;
}

test.each([
  ['the same project', '老年大学', 100n, true],
  ['a renamed project', '老年大学二期', 100n, false],
  ['another amount', '老年大学', 200n, false],
])('a list of views (the same project in other years) keys alike for %s', (_, name, fen, same) => {
  const list = (v: ReturnType<typeof view>) => [{ project: v, similarity: 1, changeFen: 0n, changePercent: null }];
  expect(pageCacheKey(list(view('老年大学', 100n))) === pageCacheKey(list(view(name, fen)))).toBe(same);
});

/** A ranking row as src/lib/quality.ts makes it, counting how often it is serialised. */
function row(name: string, quantified: number) {
  const seen = { times: 0 };
  const value = { name, url: `/${name}/`, counts: { indicators: 5, quantified }, toJSON: () => (seen.times++, { name, url: `/${name}/`, counts: { indicators: 5, quantified } }) };
  return { value, seen };
}

test('a row on a page of each order is serialised once, and keys as its content does', () => {
  const [a, b] = [row('老年大学', 3), row('老干部活动中心', 4)];
  const byName = pageCacheKey('projects', 'department', 1, ...[a.value, b.value]);
  const byShare = pageCacheKey('projects', 'share', 1, ...[b.value, a.value]);
  expect(a.seen.times).toBe(1);
  expect(b.seen.times).toBe(1);
  expect(byName).not.toBe(byShare);
  // Another build's rows with the same content key alike; a changed count does not.
  expect(pageCacheKey('projects', 'department', 1, row('老年大学', 3).value, row('老干部活动中心', 4).value)).toBe(byName);
  expect(pageCacheKey('projects', 'department', 1, row('老年大学', 2).value, row('老干部活动中心', 4).value)).not.toBe(byName);
});

describe('the rows of the 指标质量 rankings (src/lib/quality.ts rankEntries)', () => {
  /** The seed site's rankings with each content file's data given a digest; `edited` gets another. */
  function rankings(edited: string) {
    const regions = loadRegions();
    const departments = loadDepartments().map(({ body: _body, ...data }) => data);
    const projects = loadProjects();
    for (const r of regions) rememberDigest(r, `r:${r.code}`);
    for (const d of departments) rememberDigest(d, `d:${d.region}/${d.year}/${d.unitCode}`);
    for (const p of projects) rememberDigest(p, `p:${p.id}${p.id === edited ? ':edited' : ''}`);
    const report = buildQualityReport(buildSiteModel(regions, departments, projects), () => '');
    return { projects: rankEntries(report, 'projects'), departments: rankEntries(report, 'departments') };
  }
  const edited = loadProjects()[0];

  test('a row is keyed by the digests of the files it is made from, not serialised', () => {
    const [before, after] = [rankings(''), rankings(edited.id)];
    const changed = (kind: 'projects' | 'departments') => before[kind].filter((row, i) => pageCacheKey(row) !== pageCacheKey(after[kind][i])).map((row) => row.url);
    // The same content under another digest: only the rows made from the edited file key otherwise.
    expect(changed('projects')).toEqual([before.projects.find((r) => r.name === edited.name && r.year === edited.year)!.url]);
    expect(changed('departments')).toEqual([departmentUrl({ region: edited.region, year: edited.year, unitCode: edited.department })]);
  });
});
