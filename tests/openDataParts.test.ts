/**
 * The parts of the open-data files kept between builds: an edit that joins kept parts writes
 * exactly the files a build without them writes, workbooks included, whatever it edits (a
 * project, the department whose name its rows print, the region whose name they print, a row
 * added that moves every later row of a workbook), and it makes again only the parts of what it
 * edited.
 */
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDepartments, loadProjects, loadRegions } from './helpers/content.ts';
import { buildSiteModel } from '../src/lib/site.ts';
import { buildQualityReport } from '../src/lib/quality.ts';
import { departmentKey, type Department } from '../src/schemas/department.ts';
import type { Project } from '../src/schemas/project.ts';
import type { Region } from '../src/schemas/region.ts';
import { departmentPath, projectPath, regionPath } from '../src/lib/contentLayout.ts';
import { openDataFiles, type OpenDataInput } from '../src/lib/openDataFiles.ts';
import { decodeParts, encodeParts, KeptParts } from '../src/lib/openDataParts.ts';
import JSZip from 'jszip';

const regions = loadRegions();
const departments = loadDepartments();
const projects = loadProjects();

/** Digests of the content files, as the content layer keeps them: by path in content/. */
const digests = new Map<string, string>();
for (const rel of readdirSync('content', { recursive: true, encoding: 'utf8' })) {
  if (rel.endsWith('.md')) digests.set(rel.split('\\').join('/'), createHash('sha1').update(readFileSync(join('content', rel))).digest('hex'));
}

interface Content {
  regions: Region[];
  departments: Array<Department & { body: string }>;
  projects: Project[];
  digests: Map<string, string>;
}

/** The input the build hands the writer, made afresh (new views, as in a new build). */
function input(c: Content): OpenDataInput {
  const model = buildSiteModel(c.regions, c.departments, c.projects);
  const report = buildQualityReport(model, (d) => c.departments.find((x) => x.region === d.data.region && x.year === d.data.year && departmentKey(x) === d.key)?.body ?? '');
  return {
    regions: model.regions,
    departments: model.departments,
    projects: model.projects,
    quality: { byProject: report.byProject, flaggedRows: report.flagged.length },
    dataAsOf: '2026-01-01T00:00:00+08:00',
    digests: c.digests,
  };
}

const seeds: Content = { regions, departments, projects, digests };
const edited = (path: string) => new Map([...digests, [path, `${digests.get(path)}-edited`]]);
const p0 = projects[0];
const d0 = departments.find((d) => d.region === p0.region && d.year === p0.year && d.projects.includes(p0.id))!;
const r0 = regions.find((r) => r.code === p0.region)!;

/** The project with one more indicator row, a copy of its first one under another name. */
function withRowAdded(p: Project): Project {
  const i = p.indicators;
  return i.form === 'levels'
    ? { ...p, indicators: { ...i, rows: [...i.rows, { ...i.rows[0], level3: '新增指标' }] } }
    : { ...p, indicators: { ...i, rows: [...i.rows, { ...i.rows[0], name: '新增指标' }] } };
}

/** The text of a workbook's sheet. */
async function sheetXml(base64: string, sheet: number): Promise<string> {
  return (await JSZip.loadAsync(Buffer.from(base64, 'base64'))).file(`xl/worksheets/sheet${sheet}.xml`)!.async('string');
}

/** Every file's bytes, by path. */
function allFiles(i: OpenDataInput, [text, workbooks]: Array<KeptParts | undefined> = []): Map<string, string> {
  const files = openDataFiles(i, { text, workbooks });
  return new Map(files.map((f) => [f.path, Buffer.concat(f.chunks()).toString('base64')] as const));
}

describe('an edit made from the parts kept by the last build', () => {
  const inRegion = departments.filter((d) => d.region === r0.code).length;
  // [what, content, text it adds, departments whose workbook rows it changes without moving any
  // other rows (each has a part per sheet of projects, indicators and flags, in the site-wide
  // workbook and in its region and year's), or null where it moves the rows after it]
  const edits: Array<[string, Content, string, number | null]> = [
    ['nothing edited', seeds, '', 0],
    ['a project renamed', { ...seeds, projects: projects.map((p) => (p === p0 ? { ...p, name: `${p.name}（续建）` } : p)), digests: edited(projectPath('', p0.region, p0.year, p0.id)) }, '（续建）', 1],
    ['its department renamed', { ...seeds, departments: departments.map((d) => (d === d0 ? { ...d, unitName: `${d.unitName}（新）` } : d)), digests: edited(departmentPath('', d0.region, d0.year, departmentKey(d0))) }, '（新）', 1],
    ['its region renamed', { ...seeds, regions: regions.map((r) => (r === r0 ? { ...r, county: `${r.county}新区` } : r)), digests: edited(regionPath('', r0.code)) }, '新区', inRegion],
    ['an indicator row added, moving the rows after it', { ...seeds, projects: projects.map((p) => (p === p0 ? withRowAdded(p) : p)), digests: edited(projectPath('', p0.region, p0.year, p0.id)) }, '新增指标', null],
  ];

  test.each(edits)('%s: every file is the one a build without kept parts writes', async (_what, content, mark, departmentsEdited) => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'gongkai-parts-'));
    const open = () => Promise.all([KeptParts.open(join(cacheDir, 'parts.bin'), 'code-1'), KeptParts.open(join(cacheDir, 'parts.xlsx.bin'), 'code-1')]);
    const first = await open();
    allFiles(input(seeds), first);
    await Promise.all(first.map((k) => k.save()));
    const kept = await open();
    const republished = allFiles(input(content), kept);
    const clean = allFiles(input(content));
    expect([...republished.keys()]).toEqual([...clean.keys()]);
    const differ = [...clean].filter(([path, bytes]) => republished.get(path) !== bytes).map(([path]) => path);
    expect(differ).toEqual([]);
    // The edit reaches the site-wide tables (what a stale part would miss).
    if (mark) {
      const csv = mark === '新增指标' ? '/data/indicators.csv' : '/data/projects.csv';
      expect(Buffer.from(republished.get(csv)!, 'base64').toString('utf8')).toContain(mark);
      expect(await sheetXml(republished.get('/data/gongkai.xlsx')!, mark === '新增指标' ? 4 : 3)).toContain(mark);
    }
    // Only the edited item's parts (and those of the items whose rows read it) are made again.
    const [text, workbooks] = kept;
    expect(text.counts.reused).toBeGreaterThan(0);
    if (!mark) expect(text.counts.made).toBe(0);
    else expect(text.counts.made).toBeGreaterThan(0);
    if (departmentsEdited === null) expect(workbooks.counts.made).toBeGreaterThan(0);
    else expect(workbooks.counts.made).toBeLessThanOrEqual(departmentsEdited * 3 * 2);
    if (departmentsEdited) expect(workbooks.counts.made).toBeGreaterThan(0);
    if (departmentsEdited !== null && departmentsEdited < departments.length) expect(workbooks.counts.reused).toBeGreaterThan(0);
  });

  test('other code reads none of the kept parts', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-parts-')), 'parts.bin');
    const first = await KeptParts.open(file, 'code-1');
    allFiles(input(seeds), [first, first]);
    await first.save();
    const other = await KeptParts.open(file, 'code-2');
    allFiles(input(seeds), [other, other]);
    expect(other.counts.reused).toBe(0);
  });
});

describe('the file of kept parts', () => {
  const parts = new Map([
    ['projects:a', new TextEncoder().encode('1,甲\r\n')],
    ['json:b', new TextEncoder().encode('{"name":"乙"}')],
    ['indicators:c', new Uint8Array(0)],
  ]);
  const whole = Buffer.concat(encodeParts(parts, 'code-1'));
  const decoded = (bytes: Buffer, generator = 'code-1') => [...decodeParts(bytes, generator)].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]);

  test('reads back every part it holds, byte for byte', () => {
    expect(decoded(whole)).toEqual([...parts].map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));
  });

  test.each([
    ['written by other code', whole, 'code-2'],
    ['cut short', whole.subarray(0, whole.length - 3), 'code-1'],
    ['cut inside its header', whole.subarray(0, 10), 'code-1'],
    ['with bytes after its parts', Buffer.concat([whole, Buffer.from('x')]), 'code-1'],
    ['empty', Buffer.alloc(0), 'code-1'],
  ])('a file %s gives no part', (_what, bytes, generator) => {
    expect(decoded(bytes, generator)).toEqual([]);
  });

  test('a file that cannot be read keeps nothing and the build makes every part', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-parts-')), 'parts.bin');
    writeFileSync(file, whole);
    truncateSync(file, 7);
    const kept = await KeptParts.open(file, 'code-1');
    expect(kept.get('projects:a', () => new Uint8Array([1]))).toEqual(new Uint8Array([1]));
    expect(kept.counts).toEqual({ reused: 0, made: 1 });
  });
});

describe('writing the kept parts again', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  /** A build that uses the parts `names`, made as their names' bytes; returns how many it made. */
  async function build(file: string, names: string[]) {
    const kept = await KeptParts.open(file, 'code-1');
    for (const name of names) kept.get(name, () => bytes(name));
    await kept.save();
    return kept.counts.made;
  }
  const names = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  test('an edit that made one part of a hundred leaves the file as it was; the next build makes that part again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-parts-')), 'parts.bin');
    expect(await build(file, names(100))).toBe(100);
    const before = readFileSync(file);
    expect(await build(file, [...names(99), 'edited'])).toBe(1);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(await build(file, [...names(99), 'edited'])).toBe(1);
  });

  test('an edit that made many parts writes them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-parts-')), 'parts.bin');
    await build(file, names(100));
    expect(await build(file, [...names(80), ...names(20, 'edited')])).toBe(20);
    expect(await build(file, [...names(80), ...names(20, 'edited')])).toBe(0);
  });
});
