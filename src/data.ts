/** Loads the collections once per build and hands pages the computed site model. */
import { getCollection } from 'astro:content';
import { buildSiteModel, type SiteModel } from './lib/site.ts';

let model: Promise<SiteModel> | null = null;

export function getSiteModel(): Promise<SiteModel> {
  model ??= (async () => {
    const [regions, departments, projects] = await Promise.all([
      getCollection('regions'),
      getCollection('departments'),
      getCollection('projects'),
    ]);
    return buildSiteModel(
      regions.map((e) => e.data),
      departments.map((e) => e.data),
      projects.map((e) => e.data),
    );
  })();
  return model;
}
