/**
 * The open-data files are one list written once per build: the build writes exactly the listed
 * files, an edit of one content file changes the keys of exactly the files made from it, and the
 * writer reuses a file only while its key and the code are unchanged.
 */
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDepartments, loadProjects, loadRegions } from './helpers/content.ts';
import { buildSiteModel } from '../src/lib/site.ts';
import { buildQualityReport } from '../src/lib/quality.ts';
import { departmentKey } from '../src/schemas/department.ts';
import { projectPath } from '../src/lib/contentLayout.ts';
import { openDataFiles, type OpenDataFile, type OpenDataInput } from '../src/lib/openDataFiles.ts';
import { OpenDataWriter } from '../src/lib/openDataWriter.ts';
import { writeOpenDataInThread } from '../src/lib/openDataThread.ts';

const departments = loadDepartments();
const model = buildSiteModel(loadRegions(), departments, loadProjects());
const report = buildQualityReport(model, (d) => departments.find((x) => x.region === d.data.region && x.year === d.data.year && departmentKey(x) === d.key)?.body ?? '');

/** Digests of the content files, as the content layer keeps them: by path in content/. */
function contentDigests(): Map<string, string> {
  const digests = new Map<string, string>();
  for (const rel of readdirSync('content', { recursive: true, encoding: 'utf8' })) {
    if (rel.endsWith('.md')) digests.set(rel.split('\\').join('/'), createHash('sha1').update(readFileSync(join('content', rel))).digest('hex'));
  }
  return digests;
}

const input = (over: Partial<OpenDataInput> = {}): OpenDataInput => ({
  regions: model.regions,
  departments: model.departments,
  projects: model.projects,
  quality: { byProject: report.byProject, flaggedRows: report.flagged.length },
  dataAsOf: '2026-01-01T00:00:00+08:00',
  digests: contentDigests(),
  ...over,
});

const keys = (files: OpenDataFile[]) => new Map(files.map((f) => [f.path, f.key]));
const changed = (a: OpenDataFile[], b: OpenDataFile[]) => {
  const before = keys(a);
  return b.filter((f) => before.get(f.path) !== f.key).map((f) => f.path).sort();
};

describe('the list of open-data files', () => {
  const files = openDataFiles(input());

  test('the build wrote exactly the listed files, each once', () => {
    const paths = files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    const written = readdirSync('dist', { recursive: true, encoding: 'utf8' })
      .map((f) => `/${f.split('\\').join('/')}`)
      .filter((f) => /\.(json|csv|xlsx)$/.test(f) && !f.startsWith('/pagefind/') && !f.startsWith('/shard/'));
    expect(written.sort()).toEqual([...paths].sort());
  });

  test('every file has a key while every content digest is known', () => {
    expect(files.every((f) => f.key !== null)).toBe(true);
  });

  test.each(model.projects.map((p) => [p.url, p] as const))('editing %s changes the keys of its files, its department’s, its region and year’s and the site-wide tables only', (_url, p) => {
    const digests = contentDigests();
    const path = projectPath('', p.data.region, p.data.year, p.data.id);
    digests.set(path, `${digests.get(path)}-edited`);
    const d = p.department;
    const slice = `/data/${d.data.region}/${d.data.year}/`;
    const expected = files
      .map((f) => f.path)
      .filter(
        (x) =>
          x.startsWith(p.url) ||
          (x.startsWith(d.url) && !x.slice(d.url.length).includes('/')) ||
          x.startsWith(slice) ||
          (/^\/data\/[^/]+$/.test(x) && x !== '/data/datapackage.json'),
      )
      .sort();
    expect(changed(files, openDataFiles(input({ digests })))).toEqual(expected);
  });

  test('a new data-as-of date changes datapackage.json only', () => {
    expect(changed(files, openDataFiles(input({ dataAsOf: null })))).toEqual(['/data/datapackage.json']);
  });

  test('a file made from a content file of unknown digest is never reused (null key)', () => {
    const p = model.projects[0];
    const digests = contentDigests();
    digests.delete(projectPath('', p.data.region, p.data.year, p.data.id));
    const unknown = openDataFiles(input({ digests })).filter((f) => f.key === null).map((f) => f.path);
    expect(unknown).toContain(`${p.url}data.json`);
    expect(unknown).not.toContain(`${model.projects.find((x) => x.department !== p.department)?.url}data.json`);
  });
});

describe('the writer', () => {
  /** Files whose bytes name their key, counting how often they are made. */
  const made: string[] = [];
  const file = (path: string, key: string | null): OpenDataFile => ({
    path,
    key,
    workbook: path.endsWith('.xlsx'),
    chunks: () => {
      made.push(path);
      return [new TextEncoder().encode(`${path} `), new TextEncoder().encode(`${key}`)];
    },
  });
  const root = mkdtempSync(join(tmpdir(), 'gongkai-open-data-'));
  const cacheDir = join(root, 'cache');
  /** One build: the output folder emptied (as Astro does), the same cache folder. */
  async function build(files: OpenDataFile[], generator = 'code-1', finish = true, out = join(root, 'dist'), keepOutput = false) {
    made.length = 0;
    if (!keepOutput) rmSync(out, { recursive: true, force: true });
    const writer = await OpenDataWriter.begin(out, { cacheDir, generator });
    const summary = await writer.write(files, 2);
    if (finish) await writer.finish();
    const text = (path: string) => readFileSync(join(out, path), 'utf8');
    return { summary, made: [...made].sort(), text };
  }
  const site = [file('/data/a.csv', 'k1'), file('/r/y/d/data.json', 'k2'), file('/data/r/y/gongkai.xlsx', 'k3')];

  test('a first build makes every file; the next one copies them all', async () => {
    rmSync(cacheDir, { recursive: true, force: true });
    const first = await build(site);
    expect(first.made).toEqual(site.map((f) => f.path).sort());
    const second = await build(site);
    expect(second.made).toEqual([]);
    // Second names of the kept copies, with their times: named, so that the pruning keeps them.
    expect({ ...second.summary, linked: second.summary.linked.sort() }).toEqual({ made: 0, reused: 3, workbooks: 0, left: [], linked: site.map((f) => join(root, 'dist', f.path)).sort() });
    for (const f of site) expect(second.text(f.path)).toBe(`${f.path} ${f.key}`);
  });

  test.each([
    ['one chunk', 1],
    ['more chunks than one writev call takes', 2500],
  ])('a file of %s is written whole, its chunks in order', async (_what, count) => {
    const chunks = Array.from({ length: count }, (_x, i) => new TextEncoder().encode(`${i},行${i}\r\n`));
    const many: OpenDataFile = { path: '/data/many.csv', key: `many-${count}`, workbook: false, chunks: () => chunks };
    const { text } = await build([many]);
    expect(text('/data/many.csv')).toBe(Array.from({ length: count }, (_x, i) => `${i},行${i}\r\n`).join(''));
  });

  test('an output kept in place keeps the files the last build wrote there, and names them', async () => {
    const out = join(root, 'dist');
    await build(site);
    const before = statSync(join(out, '/data/a.csv')).mtimeMs;
    const edited = [site[0], file('/r/y/d/data.json', 'k2-edited'), site[2]];
    const again = await build(edited, 'code-1', true, out, true);
    expect(again.made).toEqual(['/r/y/d/data.json']);
    expect(again.summary.left.sort()).toEqual([join(out, '/data/a.csv'), join(out, '/data/r/y/gongkai.xlsx')].sort());
    expect(statSync(join(out, '/data/a.csv')).mtimeMs).toBe(before);
    expect(again.text('/r/y/d/data.json')).toBe('/r/y/d/data.json k2-edited');
    // A file of the last build that is missing from the output is copied again, not assumed.
    rmSync(join(out, '/data/a.csv'));
    const third = await build(edited, 'code-1', true, out, true);
    expect(third.summary.left).not.toContain(join(out, '/data/a.csv'));
    expect(third.text('/data/a.csv')).toBe('/data/a.csv k1');
  });

  test('after an edit only the files whose key changed are made again', async () => {
    await build(site);
    const edited = [site[0], file('/r/y/d/data.json', 'k2-edited'), site[2]];
    const again = await build(edited);
    expect(again.made).toEqual(['/r/y/d/data.json']);
    expect(again.text('/r/y/d/data.json')).toBe('/r/y/d/data.json k2-edited');
    expect(again.text('/data/a.csv')).toBe('/data/a.csv k1');
  });

  test('other code makes every file again', async () => {
    await build(site);
    expect((await build(site, 'code-2')).made).toHaveLength(3);
  });

  test('a file without a key is made every time', async () => {
    const files = [...site, file('/data/b.csv', null)];
    await build(files);
    expect((await build(files)).made).toEqual(['/data/b.csv']);
  });

  test('another site built beside it with the same cache never gets its files, nor it theirs', async () => {
    await build(site);
    const other = [file('/data/a.csv', 'other-k1')];
    const beside = join(root, 'other-dist');
    expect((await build(other, 'code-1', true, beside)).text('/data/a.csv')).toBe('/data/a.csv other-k1');
    const again = await build(site);
    expect(again.made).toEqual([]);
    expect(again.text('/data/a.csv')).toBe('/data/a.csv k1');
  });

  test('a build that stops before the end still leaves whole copies only', async () => {
    rmSync(cacheDir, { recursive: true, force: true });
    await build(site, 'code-1', false);
    const next = await build(site);
    expect(next.made).toEqual([]);
    for (const f of site) expect(next.text(f.path)).toBe(`${f.path} ${f.key}`);
  });

  test('a file made is written once: the output and its copy are one file under two names, and a later build never writes through it', async () => {
    rmSync(cacheDir, { recursive: true, force: true });
    const out = join(root, 'dist');
    await build(site);
    for (const f of site) expect(statSync(join(out, f.path)).nlink).toBe(2);
    // The output kept in place, one file changed (a build that stops before finishing keeps the
    // copy of its old bytes): that copy still holds the old bytes.
    await build([file('/data/a.csv', 'k1-edited'), ...site.slice(1)], 'code-1', false, out, true);
    expect(readFileSync(join(out, '/data/a.csv'), 'utf8')).toBe('/data/a.csv k1-edited');
    const back = await build(site);
    expect(back.made).toEqual([]);
    expect(back.text('/data/a.csv')).toBe('/data/a.csv k1');
  });

  test('a file found in the output is replaced, never written through, on a first build of a cache too', async () => {
    const out = join(root, 'dist');
    const elsewhere = join(root, 'elsewhere.csv');
    for (const cacheKept of [false, true]) {
      rmSync(out, { recursive: true, force: true });
      if (!cacheKept) rmSync(cacheDir, { recursive: true, force: true });
      // A file of another build under a second name in the output (a hard link, as this writer makes).
      writeFileSync(elsewhere, 'another build');
      mkdirSync(join(out, 'data'), { recursive: true });
      linkSync(elsewhere, join(out, '/data/a.csv'));
      const again = await build([file('/data/a.csv', `k1-${cacheKept}`)], 'code-1', true, out, true);
      expect(again.made).toEqual(['/data/a.csv']);
      expect(again.text('/data/a.csv')).toBe(`/data/a.csv k1-${cacheKept}`);
      expect(readFileSync(elsewhere, 'utf8')).toBe('another build');
    }
  });

  test('the copies a build no longer needs are removed', async () => {
    rmSync(cacheDir, { recursive: true, force: true });
    const copies = () => readdirSync(join(cacheDir, 'open-data', 'files'), { recursive: true }).filter((f) => String(f).length > 3).length;
    await build(site);
    expect(copies()).toBe(3);
    await build(site.slice(0, 2));
    expect(copies()).toBe(2);
    expect((await build(site)).made).toEqual(['/data/r/y/gongkai.xlsx']);
  });
});

describe('the files written on a worker thread', () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-open-data-thread-'));
  const listed = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(json|csv|xlsx)$/.test(f)).sort();

  test('are the files the same list makes on the main thread, byte for byte', async () => {
    const here = join(root, 'here');
    const writer = await OpenDataWriter.begin(here, { cacheDir: null, generator: 'g' });
    await writer.write(openDataFiles(input()));
    const there = join(root, 'there');
    const thread = writeOpenDataInThread(input(), { outDir: there, cacheDir: join(root, 'cache'), generator: 'g' });
    const text = await thread.text;
    const done = await thread.done;
    expect(text.made).toBe(openDataFiles(input()).filter((f) => !f.workbook).length);
    expect(done.made).toBeGreaterThan(0);
    expect(listed(there)).toEqual(listed(here));
    for (const f of listed(here)) {
      expect(readFileSync(join(there, f)).equals(readFileSync(join(here, f))), f).toBe(true);
    }
  });

  test('a file that cannot be written fails the build with the reason, not a stack trace', async () => {
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file where the output folder should be');
    const thread = writeOpenDataInThread(input(), { outDir: blocked, cacheDir: null, generator: 'g' });
    await expect(thread.done).rejects.toThrow(/^公开数据文件没有写出：.*(ENOTDIR|EEXIST)/);
  });
});
