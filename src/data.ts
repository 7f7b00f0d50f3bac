/** Loads the collections once per build and hands pages the computed site model. */
import { getCollection } from 'astro:content';
import { buildSiteModel, type SiteModel } from './lib/site.ts';
import { buildQualityReport, projectQuality, type ProjectQuality, type QualityReport } from './lib/quality.ts';
import { DerivedStore } from './lib/derivedStore.ts';
import { cacheFolder, codeVersion } from './check/cache.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCrossYear, matchUnit, type CrossYear, type UnitMatches } from './lib/crossYear.ts';
import { shelves, unpackEntry, type EntryContent } from './lib/storedEntry.ts';
import { deriveDigest, inputsDigest, rememberDigest, sha1 } from './lib/pageCacheKey.ts';
import { departmentId } from './lib/contentLayout.ts';
import type { Region } from './schemas/region.ts';
import type { Department } from './schemas/department.ts';
import type { Project } from './schemas/project.ts';

/** The id of a department's entry (src/lib/contentLayout.ts). */
const entryIdOf = (d: { data: Department; key: string }) => departmentId(d.data.region, d.data.year, d.key);

/**
 * Every entry's content, unpacked once per build from the loader's shelf (src/lib/storedEntry.ts),
 * in the order of Astro's store. The loader validated each file with its collection's schema, so
 * the types are those schemas'. Each entry's digest stands for its data in the pages' cache keys,
 * so that data is never serialised to be keyed: the loader's digest of the file's bytes and of its
 * own code (src/check/loader.ts), which changes whenever what it stores can.
 */
async function entries<T extends object>(collection: 'regions' | 'departments' | 'projects'): Promise<Map<string, EntryContent<T>>> {
  const shelf = shelves.get()?.get(collection);
  const out = new Map<string, EntryContent<T>>();
  // The preview (`astro dev`) hands pages its store a moment after the loader changed it, and the
  // shelf in the same step: the shelf is then the newer of the two.
  const listed = import.meta.env.DEV ? (shelf?.values() ?? []).map(({ id, digest }) => ({ id, digest, filePath: id })) : await getCollection(collection);
  for (const e of listed) {
    const kept = shelf?.get(e.id);
    // The loader fills the shelf in the sync that precedes every build of the pages, in this process.
    if (!kept || kept.digest !== String(e.digest)) {
      throw new Error(`内容 ${e.filePath ?? e.id} 不在本次内容同步读出的内容里（${shelf?.path ?? '没有内容同步'}）：请重新运行 npm run build`);
    }
    const content = unpackEntry<T>(kept.data);
    rememberDigest(content.data, kept.digest);
    out.set(e.id, content);
  }
  return out;
}

/**
 * The shelves that the values below were computed from. A build syncs once before its pages; the
 * preview (`npm run dev`) puts new shelves after each saved file, and then everything is computed again.
 */
let computedFrom: ReturnType<typeof shelves.get>;

function forgetIfStale() {
  if (shelves.get() === computedFrom) return;
  computedFrom = shelves.get();
  content = model = quality = crossYear = null;
}

let content: Promise<{ regions: Map<string, EntryContent<Region>>; departments: Map<string, EntryContent<Department>>; projects: Map<string, EntryContent<Project>> }> | null = null;

function getContent() {
  forgetIfStale();
  content ??= (async () => {
    const [regions, departments, projects] = await Promise.all([entries<Region>('regions'), entries<Department>('departments'), entries<Project>('projects')]);
    return { regions, departments, projects };
  })();
  return content;
}

let model: Promise<SiteModel> | null = null;

export function getSiteModel(): Promise<SiteModel> {
  forgetIfStale();
  model ??= (async () => {
    const { regions, departments, projects } = await getContent();
    const data = <T>(m: Map<string, EntryContent<T>>) => [...m.values()].map((e) => e.data);
    return buildSiteModel(data(regions), data(departments), data(projects));
  })();
  return model;
}

/** A department document's narrative: its Markdown body as written and rendered ('' when it has none). */
export async function departmentNarrative(d: { data: Department; key: string }): Promise<{ body: string; html: string }> {
  const entry = (await getContent()).departments.get(entryIdOf(d));
  return { body: entry?.body ?? '', html: entry?.html ?? '' };
}

let quality: Promise<QualityReport> | null = null;

/**
 * A store of values derived from content files, as earlier builds computed them by the code in
 * `source` (src/lib/derivedStore.ts). None when that code cannot be found to be digested (a build
 * run outside the project): everything is computed then.
 */
function derivedStore<T>(name: string, source: string): DerivedStore<T> | undefined {
  const file = resolve(source);
  if (!existsSync(file)) return undefined;
  return DerivedStore.open(cacheFolder(process.cwd()), name, codeVersion([file], [resolve('package-lock.json')]));
}

/** A value of `store` under the digests of the entries it is computed from alone, or computed when one of them has none. */
function derived<T>(store: DerivedStore<T> | undefined, inputs: object[], compute: () => T): T {
  const key = store && inputsDigest(...inputs);
  // A long list of digests is hashed: a unit's documents and projects are tens of files.
  return key ? store!.get(inputs.length > 4 ? sha1(key) : key, compute) : compute();
}

/** The 指标质量 report, computed once per build (it reads the department narratives for plan sentences). */
export function getQualityReport(): Promise<QualityReport> {
  forgetIfStale();
  quality ??= (async () => {
    const [model, { departments }] = await Promise.all([getSiteModel(), getContent()]);
    // A project's quality is read from its file and its department's (narrative and list of projects).
    const store = derivedStore<ProjectQuality>('project-quality.bin', 'src/lib/quality.ts');
    const report = buildQualityReport(
      model,
      (d) => departments.get(entryIdOf(d))?.body ?? '',
      (project, body, count) => derived(store, [project.data, project.department.data], () => projectQuality(project.data, body, count)),
    );
    store?.save();
    if (store) console.info(`[gongkai] 指标质量：${store.hits} 个项目沿用上次构建的结果，${store.misses} 个重新计算`);
    // A project's quality is read from its data and its department's file (narrative and number
    // of projects): the pages' cache keys take it by their digests instead of serialising it.
    for (const d of report.departments) for (const { project, quality } of d.projects) deriveDigest(quality, project.data, d.department.data);
    // The open-data files are made from the model and this report, on a thread of their own: they
    // start now, not when Astro reaches their routes (a few seconds later in an edit at 10,000).
    import('./openData.ts').then((m) => m.handOverOpenData(), () => {});
    return report;
  })();
  return quality;
}

let crossYear: Promise<CrossYear> | null = null;

/** Links across years (same unit, same project), computed once per build. */
export function getCrossYear(): Promise<CrossYear> {
  forgetIfStale();
  crossYear ??= getSiteModel().then((model) => {
    // A unit's matches are read from its documents' files and their projects' (names, years, addresses).
    const store = derivedStore<UnitMatches>('cross-year.bin', 'src/lib/crossYear.ts');
    const years = buildCrossYear(model, (byYear) => derived(store, byYear.flatMap((d) => [d.data, ...d.projects.map((p) => p.data)]), () => matchUnit(byYear)));
    store?.save();
    return years;
  });
  return crossYear;
}

/** What a department page adds below its project table: the quality section, other years, its files. */
export async function departmentExtras(url: string) {
  const [report, years] = await Promise.all([getQualityReport(), getCrossYear()]);
  return { quality: report.byDepartment.get(url)!, documents: years.documents.get(url) ?? [] };
}

/** What a project page adds: its quality section, the same project in other years, its files. */
export async function projectExtras(url: string) {
  const [report, years] = await Promise.all([getQualityReport(), getCrossYear()]);
  return { quality: report.byProject.get(url)!, matches: years.projects.get(url) ?? [] };
}
