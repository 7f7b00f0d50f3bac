/**
 * The site's content as the pages compute with it, in one place for the two threads that do: the
 * pages (src/data.ts) and the open-data thread (src/lib/openDataThreadWorker.ts).
 *
 * The open-data thread used to be handed the pages' site model and 指标质量 report, copied by
 * postMessage once the report existed: on an edit at 10,000 projects the copy took 0.5 s of the
 * main thread and about as long again to be read on the other side, and the thread could begin
 * only seconds into the render, finishing 2–3 s after the last page. It now reads the shelves the
 * content sync saved, when the build starts, and computes the model and the report itself, with
 * the same functions in the same order, while Vite bundles the pages; the main thread posts only
 * the list of entries (ids and digests, so that shelves that are not this build's are never used)
 * and later the date of the content's last commit.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cacheFolder, codeVersion } from '../check/cache.ts';
import { DerivedStore } from './derivedStore.ts';
import { inputsDigest, rememberDigest, sha1 } from './pageCacheKey.ts';
import { buildQualityReport, projectQuality, type ProjectQuality, type QualityReport } from './quality.ts';
import { buildSiteModel, type DepartmentView, type SiteModel } from './site.ts';
import { EntryShelf, unpackEntry, type EntryContent } from './storedEntry.ts';
import { COLLECTIONS, entryPath, type Collection } from './contentLayout.ts';
import type { FlagSource } from './openData.ts';
import type { OpenDataInput } from './openDataFiles.ts';
import type { Region } from '../schemas/region.ts';
import type { Department } from '../schemas/department.ts';
import type { Project } from '../schemas/project.ts';

/**
 * The order of a collection's entries: that of their files as the loader lists them, folder by
 * folder, names compared as strings (src/check/loader.ts), which is the order of Astro's store
 * after a clean build. Astro's store keeps an entry added later at its end; a sorted list makes
 * an incremental build's model the same as a clean build's, whatever was added since.
 */
export function inFileOrder<T>(entries: Iterable<T>, idOf: (entry: T) => string): T[] {
  // A separator below every character compares folder names as the listing does; the name keeps
  // its `.md`, as listed ('a-b.md' comes before 'a.md').
  const keyed = [...entries].map((entry) => ({ entry, key: `${idOf(entry)}.md`.replaceAll('/', '\0') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.entry);
}

/**
 * A store of values derived from content files, as earlier builds computed them by the code in
 * `source` (src/lib/derivedStore.ts). None when that code cannot be found to be digested (a build
 * run outside the project): everything is computed then.
 */
export function derivedStore<T>(name: string, source: string): DerivedStore<T> | undefined {
  const file = resolve(source);
  if (!existsSync(file)) return undefined;
  return DerivedStore.open(cacheFolder(process.cwd()), name, codeVersion([file], [resolve('package-lock.json')]));
}

/** A value of `store` under the digests of the entries it is computed from alone, or computed when one of them has none. */
export function derived<T>(store: DerivedStore<T> | undefined, inputs: object[], compute: () => T): T {
  const key = store && inputsDigest(...inputs);
  // A long list of digests is hashed: a unit's documents and projects are tens of files.
  return key ? store!.get(inputs.length > 4 ? sha1(key) : key, compute) : compute();
}

/**
 * The 指标质量 report of a model. A project's quality is read from its file and its
 * department's (narrative and number of projects), and reused from the last build where those
 * files' digests are unchanged; `save` keeps this build's values for the next (one thread only:
 * the store is written under a name of the process's).
 */
export function qualityReport(model: SiteModel, bodyOf: (d: DepartmentView) => string, save: boolean): { report: QualityReport; store?: DerivedStore<ProjectQuality> } {
  const store = derivedStore<ProjectQuality>('project-quality.bin', 'src/lib/quality.ts');
  const report = buildQualityReport(
    model,
    bodyOf,
    (project, body, count) => derived(store, [project.data, project.department.data], () => projectQuality(project.data, body, count)),
  );
  if (save) store?.save();
  return { report, store };
}

/** What the open-data files read of the 指标质量 report: each project's flags, and how many rows are flagged. */
export function openDataQuality(report: QualityReport): OpenDataInput['quality'] {
  const byProject: FlagSource['byProject'] = new Map([...report.byProject].map(([url, q]) => [url, { flags: q.flags, planConflict: q.planConflict }]));
  return { byProject, flaggedRows: report.flagged.length };
}

/** The entries of this build's shelves by collection, in file order: each one's id and the loader's digest of its file. */
export type ShelvedIds = Record<Collection, Array<[id: string, digest: string]>>;

/** The entries of the shelves this build's content sync put (src/lib/storedEntry.ts); null when it put none. */
export function shelvedIds(shelves: ReadonlyMap<string, EntryShelf> | undefined): ShelvedIds | null {
  const out: Partial<ShelvedIds> = {};
  for (const kind of COLLECTIONS) {
    const shelf = shelves?.get(kind);
    if (!shelf) return null;
    out[kind] = inFileOrder(shelf.values(), (e) => e.id).map((e) => [e.id, e.digest]);
  }
  return out as ShelvedIds;
}

/**
 * An entry's content as `shelf` keeps it for the file of this `digest`, or undefined where it
 * keeps another version or none. The digest then stands for the data, in the pages' cache keys
 * and the derived stores' keys alike (src/lib/pageCacheKey.ts), so it is never serialised to be keyed.
 */
export function shelvedContent<T extends object>(shelf: EntryShelf | undefined, id: string, digest: string): EntryContent<T> | undefined {
  const kept = shelf?.get(id);
  if (kept?.digest !== digest) return undefined;
  const content = unpackEntry<T>(kept.data);
  rememberDigest(content.data, digest);
  return content;
}

/**
 * The open-data input but for the date of the last commit, from the shelves the content sync
 * saved in `cacheDir`: the model and the report the pages compute from the same entries in the
 * same order (src/data.ts), and each content file's digest. Null when the saved shelves are not
 * this build's (`ids`): a shelf the sync could not write, or another build with this cache folder
 * that wrote its own since.
 */
export function openDataContent(cacheDir: string, ids: ShelvedIds): Omit<OpenDataInput, 'dataAsOf'> | null {
  const digests = new Map<string, string>();
  const unpack = <T extends object>(kind: Collection): Array<EntryContent<T>> | null => {
    const shelf = EntryShelf.open(cacheDir, kind);
    const out: Array<EntryContent<T>> = [];
    for (const [id, digest] of ids[kind]) {
      const entry = shelvedContent<T>(shelf, id, digest);
      if (!entry) return null;
      digests.set(entryPath(kind, id), digest);
      out.push(entry);
    }
    return out;
  };
  const regions = unpack<Region>('regions');
  const departments = regions && unpack<Department>('departments');
  const projects = departments && unpack<Project>('projects');
  if (!regions || !departments || !projects) return null;
  const bodies = new Map<Department, string>(departments.map((e) => [e.data, e.body ?? '']));
  const model = buildSiteModel(
    regions.map((e) => e.data),
    departments.map((e) => e.data),
    projects.map((e) => e.data),
  );
  const { report } = qualityReport(model, (d) => bodies.get(d.data) ?? '', false);
  return { regions: model.regions, departments: model.departments, projects: model.projects, quality: openDataQuality(report), digests };
}
