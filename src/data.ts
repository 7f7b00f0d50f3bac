/** Loads the collections once per build and hands pages the computed site model. */
import { getCollection } from 'astro:content';
import { buildSiteModel, type SiteModel } from './lib/site.ts';
import type { QualityReport } from './lib/quality.ts';
import { buildCrossYear, matchUnit, type CrossYear, type UnitMatches } from './lib/crossYear.ts';
import { shelves, type EntryContent } from './lib/storedEntry.ts';
import { deriveDigest } from './lib/pageCacheKey.ts';
import { derived, derivedStore, inFileOrder, qualityReport, shelvedContent } from './lib/siteContent.ts';
import { departmentId, type Collection } from './lib/contentLayout.ts';
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
async function entries<T extends object>(collection: Collection): Promise<Map<string, EntryContent<T>>> {
  const shelf = shelves.get()?.get(collection);
  const out = new Map<string, EntryContent<T>>();
  // The preview (`astro dev`) hands pages its store a moment after the loader changed it, and the
  // shelf in the same step: the shelf is then the newer of the two.
  const listed = import.meta.env.DEV ? (shelf?.values() ?? []).map(({ id, digest }) => ({ id, digest, filePath: id })) : await getCollection(collection);
  // In the order of the files, as the open-data thread takes them too (src/lib/siteContent.ts).
  for (const e of inFileOrder<{ id: string; digest?: string | number; filePath?: string }>(listed, (entry) => entry.id)) {
    const content = shelvedContent<T>(shelf, e.id, String(e.digest));
    // The loader fills the shelf in the sync that precedes every build of the pages, in this process.
    if (!content) {
      throw new Error(`内容 ${e.filePath ?? e.id} 不在本次内容同步读出的内容里（${shelf?.path ?? '没有内容同步'}）：请重新运行 npm run build`);
    }
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
    const built = buildSiteModel(data(regions), data(departments), data(projects));
    // The open-data thread computes its model from the shelves since the build started; it now
    // gets the last piece of its input, the date of the content's last commit (src/openData.ts).
    import('./openData.ts').then((m) => m.handOverOpenData(), () => {});
    return built;
  })();
  return model;
}

/** A department document's narrative: its Markdown body as written and rendered ('' when it has none). */
export async function departmentNarrative(d: { data: Department; key: string }): Promise<{ body: string; html: string }> {
  const entry = (await getContent()).departments.get(entryIdOf(d));
  return { body: entry?.body ?? '', html: entry?.html ?? '' };
}

let quality: Promise<QualityReport> | null = null;

/** The 指标质量 report, computed once per build (it reads the department narratives for plan sentences). */
export function getQualityReport(): Promise<QualityReport> {
  forgetIfStale();
  quality ??= (async () => {
    const [model, { departments }] = await Promise.all([getSiteModel(), getContent()]);
    // A project's quality is read from its file and its department's (narrative and list of projects).
    const { report, store } = qualityReport(model, (d) => departments.get(entryIdOf(d))?.body ?? '', true);
    if (store) console.info(`[gongkai] 指标质量：${store.hits} 个项目沿用上次构建的结果，${store.misses} 个重新计算`);
    // A project's quality is read from its data and its department's file (narrative and number
    // of projects): the pages' cache keys take it by their digests instead of serialising it.
    for (const d of report.departments) for (const { project, quality } of d.projects) deriveDigest(quality, project.data, d.department.data);
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
