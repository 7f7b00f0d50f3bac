/**
 * The site's search bundles planned from the content store (src/search/contentStores.ts), not
 * from the site model: they can start while Astro bundles the pages, seconds before the first page
 * builds the model, and a bundle is known by its files' digests before any record is made.
 *
 * - **Pages** are counted by where their files live: a department document and a project file
 *   are a page each, under the region and year of their path (src/lib/contentLayout.ts), which
 *   the check holds to the file's own region and year. So the partition is the one the records
 *   would give (src/search/bundles.ts).
 * - **Inputs**: a bundle's records are made from its departments, their projects and their
 *   regions (src/lib/site.ts, src/lib/searchRecords.ts), all filed under its regions and years,
 *   and from the code. The digest of those files' digests and the code finds the bundle in the
 *   cache without unpacking a single entry: an edit makes the records of its own bundle only.
 * - **Records** of a bundle are made by the site model of its own files, in the order the whole
 *   site's model gives them. A department listing a project filed elsewhere (the check refuses
 *   it) makes that model fail: the bundle's records are then taken from the whole site's model,
 *   and it is never found by its inputs, which do not cover that project.
 */
import { createHash } from 'node:crypto';
import { buildSiteModel, type DepartmentView } from '../lib/site.ts';
import { siteSearchRecords } from '../lib/searchRecords.ts';
import { unpackEntry, type EntryContent } from '../lib/storedEntry.ts';
import type { Region } from '../schemas/region.ts';
import type { Department } from '../schemas/department.ts';
import type { Project } from '../schemas/project.ts';
import { BUNDLE_PAGES, bundleOf, partitionPlaces, type BundlePlan, type BundleSource } from './bundles.ts';
import type { ContentStores, StoredEntry } from './contentStores.ts';

/** The region and year of an entry filed as `<region>/<year>/<name>`. */
function placeOf(id: string): { region: string; year: string } {
  const [region = '', year = ''] = id.split('/');
  return { region, year };
}

/** The departments and projects filed under each region and year. */
interface Filed {
  departments: StoredEntry[];
  projects: StoredEntry[];
}

const byId = (a: StoredEntry, b: StoredEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const inPlan = (plan: BundlePlan, region: string, year: string) => plan.groups.some((g) => g.region === region && (g.year === undefined || g.year === year));

/** The bundles of the site whose content the stores hold. */
export function siteBundleSources(stores: ContentStores, code: string, maxPages = BUNDLE_PAGES): BundleSource[] {
  const filed = new Map<string, Map<string, Filed>>();
  const file = (kind: keyof Filed, e: StoredEntry) => {
    const { region, year } = placeOf(e.id);
    let years = filed.get(region);
    if (!years) filed.set(region, (years = new Map()));
    let here = years.get(year);
    if (!here) years.set(year, (here = { departments: [], projects: [] }));
    here[kind].push(e);
  };
  for (const e of stores.departments.values()) file('departments', e);
  for (const e of stores.projects.values()) file('projects', e);
  const regions = new Map(stores.regions.values().map((e) => [e.id, e]));
  const pages = new Map([...filed].map(([region, years]) => [region, new Map([...years].map(([year, f]) => [year, f.departments.length + f.projects.length]))]));

  const content = <T>(e: StoredEntry) => unpackEntry<T>(e.data);
  let site: ReturnType<typeof recordsOf> | null = null;
  /** The whole site's records, for a bundle whose own files do not make a model (see above). */
  const wholeSite = () =>
    (site ??= recordsOf(
      stores.regions.values().map((e) => content<Region>(e)),
      stores.departments.values().map((e) => content<Department>(e)),
      stores.projects.values().map((e) => content<Project>(e)),
    ));

  return partitionPlaces(pages, maxPages).map((plan) => {
    const own = [...filed].flatMap(([region, years]) => [...years].filter(([year]) => inPlan(plan, region, year)).map(([, f]) => f));
    // In the order of their ids, so that the records' order never depends on the store's.
    const departments = own.flatMap((f) => f.departments).sort(byId);
    const projects = own.flatMap((f) => f.projects).sort(byId);
    const regionEntries = [...new Set(plan.groups.map((g) => g.region))].sort().flatMap((code) => regions.get(code) ?? []);
    const hash = createHash('sha1').update(code).update('\0').update(JSON.stringify(plan));
    for (const [kind, entries] of [['regions', regionEntries], ['departments', departments], ['projects', projects]] as const) {
      hash.update(`\0${kind}`);
      for (const e of entries) hash.update('\0').update(e.id).update(' ').update(e.digest);
    }
    const source: BundleSource = {
      name: plan.name,
      inputs: hash.digest('base64url'),
      records() {
        let records;
        try {
          records = recordsOf(regionEntries.map((e) => content<Region>(e)), departments.map((e) => content<Department>(e)), projects.map((e) => content<Project>(e)));
        } catch {
          records = wholeSite();
          // Made from files outside the bundle: found by the digest of its records only.
          source.inputs = undefined;
        }
        return bundleOf(plan, records);
      },
    };
    return source;
  });
}

/** The search records of the site these entries make, each department with its rendered narrative. */
function recordsOf(regions: Array<EntryContent<Region>>, departments: Array<EntryContent<Department>>, projects: Array<EntryContent<Project>>) {
  const narratives = new Map<Department, string>(departments.map((e) => [e.data, e.html ?? '']));
  const model = buildSiteModel(
    regions.map((e) => e.data),
    departments.map((e) => e.data),
    projects.map((e) => e.data),
  );
  return [...siteSearchRecords(model, (d: DepartmentView) => narratives.get(d.data) ?? '')];
}
