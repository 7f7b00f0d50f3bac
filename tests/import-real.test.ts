/**
 * The real corpus: published performance-target tables from many provinces, each folder with
 * its document as found (input.*), where it came from (source.json) and the projects checked by
 * hand (expected.json). Every folder is imported exactly as `npm run import` would, and the
 * overall exact-recovery rate of complete projects must be at least 90%.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { importFile } from '../src/importer/formats.ts';
import type { ImportResult } from '../src/importer/index.ts';
import { isPlaceholderRow, joinedValue, type Project } from '../src/schemas/project.ts';

const ROOT = 'tests/fixtures/import/real';

interface ExpectedRow {
  level1: string;
  level2: string;
  level3: string;
  value: string;
}
interface ExpectedProject {
  name: string;
  total: string | null;
  amountUnit: string | null;
  complete: boolean;
  indicators: ExpectedRow[];
}

const folders = existsSync(ROOT) ? readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];

/** Cell texts as the corpus writes them: trimmed, line breaks inside a cell removed. */
const clean = (s: string) => s.replace(/\s*\n\s*/g, '').trim();

function rowsOf(p: Project): ExpectedRow[] {
  if (p.indicators.form !== 'levels') return p.indicators.rows.map((r) => ({ level1: '', level2: '', level3: clean(r.name), value: clean(r.value) }));
  return p.indicators.rows
    .filter((r) => !isPlaceholderRow(r))
    .map((r) => ({ level1: clean(r.level1), level2: clean(r.level2), level3: clean(r.level3), value: clean(joinedValue(r)) }));
}

/** What differs between an imported project and the expected one; [] when recovered exactly. */
function differences(got: Project, want: ExpectedProject, notes: string[]): string[] {
  const out: string[] = [];
  if (clean(got.name) !== want.name) out.push(`名称 ${got.name} ≠ ${want.name}`);
  // A unit the table does not print (null) may be taken from elsewhere in the document, and the report must say so.
  const unitOk = want.amountUnit === null ? notes.some((n) => n.includes(want.name) && n.includes(got.amountUnit)) : got.amountUnit === want.amountUnit;
  if (got.total !== want.total || !unitOk) out.push(`金额 ${got.total} ${got.amountUnit} ≠ ${want.total} ${want.amountUnit}`);
  const rows = rowsOf(got);
  if (rows.length !== want.indicators.length) out.push(`指标 ${rows.length} 行 ≠ ${want.indicators.length} 行`);
  want.indicators.forEach((w, i) => {
    const g = rows[i];
    if (!g || g.level1 !== w.level1 || g.level2 !== w.level2 || g.level3 !== w.level3 || g.value !== w.value) {
      out.push(`第 ${i + 1} 行 ${g ? `${g.level1}/${g.level2}/${g.level3}=${g.value}` : '（无）'} ≠ ${w.level1}/${w.level2}/${w.level3}=${w.value}`);
    }
  });
  return out;
}

const table: string[] = [];
let complete = 0;
let exact = 0;

afterAll(() => {
  if (folders.length === 0) return;
  console.log(['文件 | 项目（读出/应有） | 指标行 | 未能识别行 | 完整项目精确读出', ...table, `完整项目精确读出率：${exact}/${complete} = ${complete ? ((100 * exact) / complete).toFixed(1) : '—'}%`].join('\n'));
});

describe.skipIf(folders.length === 0)('real published tables', () => {
  test.each(folders)('%s', async (folder) => {
    const dir = `${ROOT}/${folder}`;
    const input = readdirSync(dir).find((f) => f.startsWith('input.'));
    expect(input, `${folder} has an input.* file`).toBeDefined();
    const source = JSON.parse(readFileSync(`${dir}/source.json`, 'utf8')) as { year?: number };
    const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as { projects: ExpectedProject[] };
    // Region and a URL key are never printed in these tables: the editor gives them, as with --region/--slug.
    const result: ImportResult = await importFile(`${dir}/${input}`, { fileName: input!, region: '110101', year: source.year, slug: 'real' });
    const { report, projects } = result;

    // Every non-blank line got exactly one fate, and the fates add up.
    const fates = Object.values(report.fates).reduce((a, b) => a + b, 0);
    expect(fates).toBe(report.lines);
    expect(report.unplaced.length).toBe(report.fates.unplaced);

    let fileExact = 0;
    let fileComplete = 0;
    for (const want of expected.projects) {
      const got = projects.find((p) => clean(p.name) === want.name);
      if (!got) {
        // A project that was not read is never lost silently: the report names lines it could not place.
        expect(report.unplaced.length, `${folder}: ${want.name} was not read and no line is reported unplaced`).toBeGreaterThan(0);
      }
      if (!want.complete) continue;
      fileComplete++;
      const diff = got ? differences(got, want, report.notes) : ['没有读出这个项目'];
      if (diff.length === 0) fileExact++;
      else console.log(`${folder}: ${want.name}\n  ${diff.join('\n  ')}`);
    }
    complete += fileComplete;
    exact += fileExact;
    const rows = projects.reduce((n, p) => n + rowsOf(p).length, 0);
    table.push(`${folder} | ${projects.length}/${expected.projects.length} | ${rows} | ${report.unplaced.length} | ${fileExact}/${fileComplete}`);
  });

  test('complete projects were compared', () => {
    expect(complete).toBeGreaterThan(0);
  });

  // The target of the issue (the rate is printed after the run). It is not lowered to the measured rate.
  test('at least 90% of complete projects are recovered exactly', () => {
    expect(exact / complete).toBeGreaterThanOrEqual(0.9);
  });
});
