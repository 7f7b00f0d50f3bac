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
import { contentTypeOf, openDataFiles, openDataHandover, type OpenDataFile, type OpenDataInput } from './lib/openDataFiles.ts';

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
    for (const e of entries) if (e.digest) digests.set(`${kind}/${String(e.id)}.md`, String(e.digest));
  }
  const byProject = new Map([...report.byProject].map(([url, q]) => [url, { flags: q.flags, planConflict: q.planConflict }]));
  return {
    regions: model.regions,
    departments: model.departments,
    projects: model.projects,
    quality: { byProject, flaggedRows: report.flagged.length },
    dataAsOf: dataAsOf(publishing),
    digests,
  };
}

/**
 * Hands the input to the build's writer (src/integrations/openData.ts) as soon as the pages' data
 * exists: src/data.ts calls it once the 指标质量 report is computed, seconds before Astro reaches
 * these routes, after every other route's paths and cache keys. Nothing where there is no writer.
 */
export function handOverOpenData(): void {
  openDataHandover()?.(openDataInput());
}

/** getStaticPaths of the route of one extension: no route while the build's writer takes the files. */
export const openDataPaths = (extension: 'json' | 'csv' | 'xlsx') =>
  (async () => {
    const handover = openDataHandover();
    if (handover) {
      handover(openDataInput());
      return [];
    }
    const suffix = `.${extension}`;
    return openDataFiles(await openDataInput())
      .filter((file) => file.path.endsWith(suffix))
      .map((file) => ({ params: { openData: file.path.slice(1, -suffix.length) }, props: { file } }));
  }) satisfies GetStaticPaths;

export const serveOpenData: APIRoute<{ file: OpenDataFile }> = async ({ props: { file } }) =>
  new Response(new Uint8Array(await file.bytes()), { headers: { 'Content-Type': contentTypeOf(file.path) } });
