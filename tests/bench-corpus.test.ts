/**
 * The bench's corpus generator on a tiny corpus, so it cannot rot: what it writes passes the
 * editors' gate, has the shape asked for, and is the same for the same seed.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkContent } from '../src/check/index.ts';
import { generateCorpus, writeCorpus } from '../src/bench/generate.ts';
import { loadDepartments, loadProjects } from './helpers/content.ts';

const OPTIONS = { projects: 57, regions: 3, seed: 7 };

function tiny() {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-corpus-'));
  const summary = writeCorpus(join(root, 'content'), OPTIONS);
  return { root, summary };
}

test('a generated corpus passes npm run check with 0 errors', () => {
  const { root, summary } = tiny();
  const result = checkContent(root);
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(result.files).toBe(summary.regions + summary.departments + summary.projects);
});

test('it has the asked-for projects and regions, departments of about 10 and 5–12 indicator rows', () => {
  const { root, summary } = tiny();
  const projects = loadProjects(join(root, 'content'));
  const departments = loadDepartments(join(root, 'content'));
  expect(projects).toHaveLength(57);
  expect(new Set(projects.map((p) => p.region)).size).toBe(3);
  expect(summary.regionCodes).toHaveLength(3);
  for (const d of departments) expect(d.projects.length).toBeGreaterThanOrEqual(1);
  expect(projects.length / departments.length).toBeGreaterThan(6);
  for (const p of projects) {
    expect(p.indicators.rows.length).toBeGreaterThanOrEqual(5);
    expect(p.indicators.rows.length).toBeLessThanOrEqual(12);
  }
  expect(new Set(projects.map((p) => p.amountUnit))).toEqual(new Set(['元', '万元']));
  // A vocabulary, not one name repeated: most names differ.
  expect(new Set(projects.map((p) => p.name)).size).toBeGreaterThan(projects.length / 2);
});

test('the same seed gives the same files and another seed different ones', () => {
  const text = (seed: number) => [...generateCorpus({ ...OPTIONS, seed })].map((f) => `${f.path}\n${f.text}`).join('\n');
  expect(text(7)).toBe(text(7));
  expect(text(8)).not.toBe(text(7));
  const { root } = tiny();
  const first = readdirSync(join(root, 'content', 'projects'), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.md'))!;
  expect(text(7)).toContain(readFileSync(join(root, 'content', 'projects', first), 'utf8'));
});
