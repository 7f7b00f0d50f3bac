/**
 * The search bundles planned from the stored content entries (src/search/siteBundles.ts), before
 * the site model exists: they must be the bundles the whole site's records make, and a bundle
 * must be known by its files' digests only while its records cannot have changed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close } from 'pagefind';
import { afterAll, describe, expect, test } from 'vitest';
import { writeCorpus } from '../src/bench/generate.ts';
import { readEntry, type Kind } from '../src/check/reader.ts';
import { buildSiteModel } from '../src/lib/site.ts';
import { siteSearchRecords, type SearchRecord } from '../src/lib/searchRecords.ts';
import { packEntry, unpackEntry, type PackedEntry } from '../src/lib/storedEntry.ts';
import { partitionRecords } from '../src/search/bundles.ts';
import { fragmentIds, pageIds } from '../src/search/bundleFiles.ts';
import type { ContentStores, StoredEntry } from '../src/search/contentStores.ts';
import { writeIndex } from '../src/search/indexing.ts';
import { shortName } from '../src/search/names.ts';
import { shortenNames } from '../src/search/shortNames.ts';
import { siteBundleSources } from '../src/search/siteBundles.ts';
import type { Department } from '../src/schemas/department.ts';
import type { Project } from '../src/schemas/project.ts';
import type { Region } from '../src/schemas/region.ts';

const work = mkdtempSync(join(tmpdir(), 'gongkai-site-bundles-'));
afterAll(async () => {
  await close();
  rmSync(work, { recursive: true, force: true });
});
const content = join(work, 'content');
// Three regions of two years, about 35 pages each: with 40 pages a bundle, a region is a bundle.
writeCorpus(content, { projects: 96, regions: 3, years: 2, seed: 11 });
const MAX = 40;

/** A department's narrative as the loader stores it rendered (any HTML will do: the records take its text). */
const html = (body: string) => body.split(/\n{2,}/).map((p) => `<p>${p}</p>`).join('');

/** The content files as the loader stores them: packed, with a digest of their bytes. */
function entries(kind: Kind): StoredEntry[] {
  const dir = join(content, kind);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      const entry = readEntry(kind, f, bytes);
      if (!entry.data) throw new Error(`${f}: ${entry.problems.map((p) => p.message).join('; ')}`);
      const body = entry.body.trim() ? entry.body : undefined;
      return { id: f.replace(/\.md$/, ''), data: packEntry({ data: entry.data, body, html: body && html(body) }), digest: createHash('sha1').update(bytes).digest('hex') };
    });
}

const stored = { regions: entries('regions'), departments: entries('departments'), projects: entries('projects') };
const storesOf = (s: typeof stored): ContentStores => ({ regions: { values: () => s.regions }, departments: { values: () => s.departments }, projects: { values: () => s.projects } });
const unpack = <T>(e: StoredEntry) => unpackEntry<T>(e.data as PackedEntry);

/** The records of the whole site's model, as the pages see it. */
function siteRecords(s: typeof stored): SearchRecord[] {
  const departments = s.departments.map((e) => unpack<Department>(e));
  const html = new Map(departments.map((d) => [d.data, d.html ?? '']));
  const model = buildSiteModel(
    s.regions.map((e) => unpack<Region>(e).data),
    departments.map((d) => d.data),
    s.projects.map((e) => unpack<Project>(e).data),
  );
  return [...siteSearchRecords(model, (d) => html.get(d.data) ?? '')];
}

/** A copy of the stores with one project's entry changed by `change`. */
function withProject(id: string, change: (p: Project, e: StoredEntry) => { project: Project; id?: string }): typeof stored {
  return {
    ...stored,
    projects: stored.projects.map((e) => {
      if (e.id !== id) return e;
      const { project, id: moved } = change(unpack<Project>(e).data, e);
      return { id: moved ?? e.id, data: packEntry({ data: project }), digest: `${e.digest}-changed` };
    }),
  };
}

describe('bundles from the stored entries', () => {
  test('are the bundles of the whole site’s records: the same pages, in the same order', () => {
    const sources = siteBundleSources(storesOf(stored), 'code', MAX);
    const expected = partitionRecords(siteRecords(stored), MAX);
    expect(expected.length).toBeGreaterThan(1);
    expect(sources.map((s) => s.name)).toEqual(expected.map((b) => b.name));
    expect(sources.map((s) => s.records())).toEqual(expected);
  });

  test('a renamed project changes the inputs of its own bundle only, whose records hold the new name and not the old', () => {
    const target = stored.projects[Math.floor(stored.projects.length / 2)];
    const old = unpack<Project>(target).data;
    const edited = withProject(target.id, (p) => ({ project: { ...p, name: '新建社区老年食堂运营补助' } }));
    const [before, after] = [siteBundleSources(storesOf(stored), 'code', MAX), siteBundleSources(storesOf(edited), 'code', MAX)];
    const changed = after.filter((s, i) => s.inputs !== before[i].inputs);
    expect(changed.map((s) => s.name)).toEqual([before.find((s) => s.records().records.some((r) => r.url.includes(`/${old.id}/`)))!.name]);
    const record = changed[0].records().records.find((r) => r.url.includes(`/${old.id}/`))!;
    expect(record.content).toContain('新建社区老年食堂运营补助');
    expect(record.content).not.toContain(old.name);
    expect(record.meta.title).toBe('新建社区老年食堂运营补助');
    // Its department's page lists the project by name: the same bundle.
    expect(changed[0].records().records.find((r) => r.url === `/${old.region}/${old.year}/${old.department}/`)!.content).toContain('新建社区老年食堂运营补助');
  });

  test('other code gives every bundle other inputs', () => {
    const before = siteBundleSources(storesOf(stored), 'code', MAX).map((s) => s.inputs);
    for (const s of siteBundleSources(storesOf(stored), 'other code', MAX)) expect(before).not.toContain(s.inputs);
  });

  test('regions grouped otherwise give the bundles that changed other inputs, and those that did not the same', () => {
    const before = siteBundleSources(storesOf(stored), 'code', MAX);
    const after = siteBundleSources(storesOf(stored), 'code', 2 * MAX);
    expect(after.length).toBeLessThan(before.length);
    const same = after.filter((s) => before.some((b) => b.name === s.name && JSON.stringify(b.records()) === JSON.stringify(s.records())));
    expect(same.length).toBeLessThan(after.length);
    for (const s of after) expect(before.some((b) => b.inputs === s.inputs)).toBe(same.includes(s));
  });

  test('an edited region file changes the inputs of the bundles of that region only', () => {
    const region = stored.regions[0];
    const edited = { ...stored, regions: stored.regions.map((e) => (e === region ? { ...e, digest: `${e.digest}-changed` } : e)) };
    const [before, after] = [siteBundleSources(storesOf(stored), 'code', MAX), siteBundleSources(storesOf(edited), 'code', MAX)];
    const changed = after.filter((s, i) => s.inputs !== before[i].inputs).map((s) => s.records().records.map((r) => r.url.split('/')[1]));
    expect(changed).toHaveLength(1);
    expect(new Set(changed[0])).toContain(region.id);
  });

  test('a project filed under another region than its department’s is still indexed, and its bundle is never known by its inputs', () => {
    const target = stored.projects[0];
    const other = stored.regions.find((r) => !target.id.startsWith(`${r.id}/`))!;
    const moved = withProject(target.id, (p) => ({ project: p, id: target.id.replace(/^[^/]+/, other.id) }));
    const sources = siteBundleSources(storesOf(moved), 'code', MAX);
    const url = siteRecords(stored).find((r) => r.url.endsWith(`/${unpack<Project>(target).data.id}/`))!.url;
    const holding = sources.filter((s) => s.records().records.some((r) => r.url === url));
    expect(holding).toHaveLength(1);
    expect(holding[0].inputs).toBeUndefined();
    expect(holding[0].records().records.filter((r) => r.url.startsWith(`/${other.id}/`))).toEqual([]);
  });
});

describe('page ids from the order Pagefind was given', () => {
  test('are the ids its fragments hold; records in another order are read from the fragments', async () => {
    const [bundle] = partitionRecords(siteRecords(stored).slice(0, 70), 1000);
    const dir = join(work, 'bundle');
    await writeIndex(bundle.records, dir);
    const generations = await shortenNames(dir);
    const ids = await fragmentIds(dir);
    expect(ids.size).toBe(bundle.records.length);
    expect(await pageIds(bundle.records, dir, generations)).toEqual(ids);
    expect(await pageIds([...bundle.records].reverse(), dir, generations)).toEqual(ids);
    expect(await pageIds(bundle.records.slice(1), dir, generations)).toEqual(ids);
    // In the order Pagefind was given, the other fragments are not read: one that is not a page's any more changes nothing.
    writeFileSync(join(dir, 'fragment', `${shortName(generations!, 1)}.pf_fragment`), 'not a fragment');
    await expect(fragmentIds(dir)).rejects.toThrow();
    expect(await pageIds(bundle.records, dir, generations)).toEqual(ids);
  }, 60_000);
});
