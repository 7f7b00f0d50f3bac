/**
 * The routes of the open-data files (src/lib/openDataFiles.ts), one per extension:
 * src/pages/[...openData].{json,csv,xlsx}.ts. `astro build` writes the files once, outside the
 * per-page rendering: there getStaticPaths only hands the site model to the build's writer
 * (src/integrations/openData.ts) and lists no route. Where there is no writer — `npm run dev`,
 * or a config without the integration — every file is a route, with the same bytes and
 * Content-Type. (One extension per route file: Astro serves a path without its trailing slash
 * only where the route's name ends in an extension.)
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { getQualityReport, getSiteModel } from './data.ts';
import { getPublishing } from './publishing.ts';
import { dataAsOf } from './lib/openData.ts';
import { contentTypeOf, openDataFiles, openDataHandover, type OpenDataFile, type OpenDataInput, type OpenDataSource } from './lib/openDataFiles.ts';
import { openDataQuality } from './lib/siteContent.ts';
import { entryPath } from './lib/contentLayout.ts';
import { concatBytes } from './lib/bytes.ts';

let input: Promise<OpenDataInput> | null = null;

/** What the files are made of, computed once per build from what the pages use. */
function openDataInput(): Promise<OpenDataInput> {
  input ??= makeInput();
  return input;
}

async function makeInput(): Promise<OpenDataInput> {
  const [model, report, publishing, regions, departments, projects] = await Promise.all([
    getSiteModel(),
    getQualityReport(),
    getPublishing(),
    getCollection('regions'),
    getCollection('departments'),
    getCollection('projects'),
  ]);
  const digests = new Map<string, string>();
  for (const [kind, entries] of [['regions', regions], ['departments', departments], ['projects', projects]] as const) {
    for (const e of entries) if (e.digest) digests.set(entryPath(kind, String(e.id)), String(e.digest));
  }
  return {
    regions: model.regions,
    departments: model.departments,
    projects: model.projects,
    quality: openDataQuality(report),
    dataAsOf: dataAsOf(publishing),
    digests,
  };
}

/**
 * What the build's writer (src/integrations/openData.ts) is handed: the date of the content's last
 * commit, its thread having computed the rest from the content since the build started
 * (src/lib/siteContent.ts); the whole input where it could not.
 */
const source = (): OpenDataSource => ({ dataAsOf: getPublishing().then(dataAsOf), input: openDataInput });

/**
 * Hands the writer its source as soon as the pages' site model exists (src/data.ts calls it), not
 * when Astro reaches these routes, after every other route's paths and cache keys. Nothing where
 * there is no writer.
 */
export function handOverOpenData(): void {
  openDataHandover()?.(source());
}

/** getStaticPaths of the route of one extension: no route while the build's writer takes the files. */
export const openDataPaths = (extension: 'json' | 'csv' | 'xlsx') =>
  (async () => {
    const handover = openDataHandover();
    if (handover) {
      handover(source());
      return [];
    }
    const suffix = `.${extension}`;
    return openDataFiles(await openDataInput())
      .filter((file) => file.path.endsWith(suffix))
      .map((file) => ({ params: { openData: file.path.slice(1, -suffix.length) }, props: { file } }));
  }) satisfies GetStaticPaths;

export const serveOpenData: APIRoute<{ file: OpenDataFile }> = async ({ props: { file } }) =>
  new Response(concatBytes(file.chunks()), { headers: { 'Content-Type': contentTypeOf(file.path) } });
