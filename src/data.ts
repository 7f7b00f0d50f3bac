/** Loads the collections once per build and hands pages the computed site model. */
import { getCollection } from 'astro:content';
import { buildSiteModel, type SiteModel } from './lib/site.ts';
import { buildQualityReport, type QualityReport } from './lib/quality.ts';
import { buildCrossYear, type CrossYear } from './lib/crossYear.ts';
import { siteSearchRecords } from './lib/searchRecords.ts';
import { offerSearchRecords } from './search/handover.ts';

let model: Promise<SiteModel> | null = null;

export function getSiteModel(): Promise<SiteModel> {
  model ??= (async () => {
    const [regions, departments, projects] = await Promise.all([
      getCollection('regions'),
      getCollection('departments'),
      getCollection('projects'),
    ]);
    const built = buildSiteModel(
      regions.map((e) => e.data),
      departments.map((e) => e.data),
      projects.map((e) => e.data),
    );
    // The search index is made from the model, not by parsing the pages again (src/integrations/pagefind.ts).
    const narratives = new Map(departments.map((e) => [e.id, e.rendered?.html ?? '']));
    offerSearchRecords(() => siteSearchRecords(built, (d) => narratives.get(`${d.data.region}/${d.data.year}/${d.key}`) ?? ''));
    return built;
  })();
  return model;
}

let quality: Promise<QualityReport> | null = null;

/** The 指标质量 report, computed once per build (it reads the department narratives for plan sentences). */
export function getQualityReport(): Promise<QualityReport> {
  quality ??= (async () => {
    const [model, entries] = await Promise.all([getSiteModel(), getCollection('departments')]);
    const bodies = new Map(entries.map((e) => [e.id, e.body ?? '']));
    return buildQualityReport(model, (d) => bodies.get(`${d.data.region}/${d.data.year}/${d.key}`) ?? '');
  })();
  return quality;
}

let crossYear: Promise<CrossYear> | null = null;

/** Links across years (same unit, same project), computed once per build. */
export function getCrossYear(): Promise<CrossYear> {
  crossYear ??= getSiteModel().then(buildCrossYear);
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
