import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importDocument } from '../src/importer/index.ts';
import { loadDepartments, loadProjects } from './helpers/content.ts';

// The five real documents, kept in the repository so the suite runs from any clone;
// the last test checks them against ../shared/seeds where that folder is present.
const SEEDS = 'tests/fixtures/seeds';
const seeds = [
  { file: '000_cb9bcc25fae283ff.txt', options: {}, projects: 1, rows: 9 },
  { file: '001_cb61c323ec83f4ab.txt', options: { region: '130304' }, projects: 3, rows: 9 },
  { file: '002_759a5ed20f4ead86.txt', options: {}, projects: 4, rows: 26 },
  { file: '003_dc9ba9428939a42a.txt', options: {}, projects: 23, rows: 191 },
  { file: '004_cdea752009ac314a.txt', options: { region: '500115', slug: 'qwlgj' }, projects: 9, rows: 51 },
];

const published = loadProjects();
const departments = loadDepartments();

describe.each(seeds)('importing $file', ({ file, options, projects, rows }) => {
  const result = importDocument(readFileSync(`${SEEDS}/${file}`, 'utf8'), { fileName: file, ...options });

  test('reads every project and indicator row, with nothing left unplaced', () => {
    expect(result.report.errors).toEqual([]);
    expect(result.report.unplaced).toEqual([]);
    expect(result.projects).toHaveLength(projects);
    expect(result.projects.reduce((n, p) => n + p.indicators.rows.length, 0)).toBe(rows);
  });

  test('gives the same data as the published content files', () => {
    for (const p of result.projects) {
      expect(published.find((q) => q.id === p.id)).toEqual(p);
    }
    const { body, ...dept } = result.department;
    const publishedDept = departments.find((d) => d.sourceFile === file)!;
    const { body: publishedBody, ...publishedData } = publishedDept;
    expect(dept).toEqual(publishedData);
    expect(body.trim()).toBe(publishedBody.trim());
  });
});

test('a document that prints no region must be given --region, never guessed', () => {
  const result = importDocument(readFileSync(`${SEEDS}/001_cb61c323ec83f4ab.txt`, 'utf8'), { fileName: '001.txt' });
  expect(result.report.errors[0]).toMatchInlineSnapshot(`"文件中没有印出地区代码：请用 --region 给出 6 位 GB/T 2260 代码，例如 --region 500115"`);
});

test.runIf(existsSync('../shared/seeds'))('the copies in tests/fixtures/seeds equal ../shared/seeds', () => {
  for (const { file } of seeds) {
    expect(readFileSync(`${SEEDS}/${file}`, 'utf8')).toBe(readFileSync(`../shared/seeds/${file}`, 'utf8'));
  }
});

test('every published text of every project occurs in its source document', () => {
  // PDF text (002) wraps cells with spaces, so whitespace is ignored there.
  const squash = (s: string) => s.replace(/\s+/g, '');
  for (const d of departments) {
    const source = squash(readFileSync(`${SEEDS}/${d.sourceFile}`, 'utf8'));
    for (const p of published.filter((q) => d.projects.includes(q.id))) {
      const texts = [p.name, p.total, p.purpose ?? '', ...p.goals, ...(p.legalBasis ?? []), ...p.fundingSources.map((f) => f.amount ?? '')];
      for (const row of p.indicators.rows) {
        texts.push(row.value, ...('level3' in row ? [row.level1, row.level2, row.level3, row.description ?? '', row.basis ?? ''] : [row.name, row.unit, row.score]));
      }
      for (const t of texts.map(squash)) {
        // A cell a page break cut in two (002) is found as its two printed halves.
        const found = source.includes(t) || [...t].some((_, k) => k > 0 && source.includes(t.slice(0, k)) && source.includes(t.slice(k)));
        expect(found, `${p.id}: ${t}`).toBe(true);
      }
    }
  }
});
