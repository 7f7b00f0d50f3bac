/**
 * Every open-data file of the site as one list: the site-wide tables in /data/, each region and
 * year's files in /data/<region>/<year>/, and each department document's and project's
 * data.json and CSV files beside its page. Each entry has its URL path (also its path below the
 * output folder), a key naming what its bytes are made of, and the function that makes them.
 *
 * The build writes the list once, on a worker thread beside Astro's per-page rendering
 * (src/integrations/openData.ts), and reuses a file whose key is unchanged since the last build;
 * `npm run dev` serves it (src/pages/[...openData].ts). A route per file cost more than the
 * files themselves: at 10,000 projects about 22,000 renders, all repeated after a one-line edit.
 */
import { createHash } from 'node:crypto';
import type { Region } from '../schemas/region.ts';
import type { DepartmentView, ProjectView } from './site.ts';
import { departmentPath, projectPath, regionPath } from './contentLayout.ts';
import {
  csvChunks,
  dataPackage,
  departmentScope,
  INDICATORS_TABLE,
  jsonChunks,
  PROJECTS_TABLE,
  projectScope,
  regionYearSlices,
  TABLES,
  xlsxChunks,
  type FlagSource,
  type OpenDataScope,
  type PartCache,
} from './openData.ts';
import type { KeptParts } from './openDataParts.ts';
import { siteFitsXlsx } from './openDataXlsx.ts';
import { globalSlot } from './globalSlot.ts';

export interface OpenDataFile {
  /** URL path, also the file's path below the output folder: /data/regions.csv, /130229/2023/287001/data.json. */
  path: string;
  /**
   * Digest of every content file (and the data-as-of date) the bytes are made of: with the same
   * code, an equal key means equal bytes. Null where a content digest is unknown: never reused.
   */
  key: string | null;
  /** An .xlsx workbook: made after the text files, one at a time (a site-wide one holds every row). */
  workbook: boolean;
  /** The file's bytes as the chunks they are joined from (the parts of its rows), written without joining them. */
  chunks(): readonly Uint8Array[];
}

/** What the open-data files are made of; plain data, so that it can be posted to a worker thread. */
export interface OpenDataInput {
  regions: Region[];
  departments: DepartmentView[];
  projects: ProjectView[];
  /** The quality flags of each project (by page URL), and how many flagged rows the site has. */
  quality: FlagSource & { flaggedRows: number };
  /** Commit time of the last content change (datapackage.json's `created`); null without git history. */
  dataAsOf: string | null;
  /**
   * The content layer's digest of each content file, by its path in the content folder
   * (src/lib/contentLayout.ts with an empty root: projects/130229/2023/<id>.md). Empty where the
   * files are only served (dev): every key is then null.
   */
  digests: ReadonlyMap<string, string>;
}

export const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The Content-Type a file is served with, from its extension (what any static server does). */
export const contentTypeOf = (path: string) => CONTENT_TYPES[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';

const encoder = new TextEncoder();

/**
 * The keys of a scope's files: a digest over the paths and digests of its content files (the
 * path too: a file's place, not only its text, says which region and year it is in).
 */
function scopeKey(input: OpenDataInput, scope: OpenDataScope, extra = ''): string | null {
  const parts: string[] = [];
  for (const r of scope.regions) parts.push(keyLine(input, r, () => regionPath('', r.code)));
  for (const d of scope.departments) parts.push(keyLine(input, d, () => departmentPath('', d.data.region, d.data.year, d.key)));
  for (const p of scope.projects) parts.push(keyLine(input, p, () => projectPath('', p.data.region, p.data.year, p.data.id)));
  if (parts.includes(NO_DIGEST)) return null;
  return createHash('sha1').update(parts.join('\n')).update(extra).digest('base64url');
}

/** A content file whose digest is unknown: the keys that read it are null. */
const NO_DIGEST = '';

/**
 * Each content file's line of a key, `path:digest`, by the region, department or project made from
 * it: a project's is in four keys (its own, its department's, its region and year's, the site's),
 * and its path was joined and looked up for each.
 */
const keyLines = new WeakMap<OpenDataInput, Map<object, string>>();

function keyLine(input: OpenDataInput, item: object, path: () => string): string {
  let lines = keyLines.get(input);
  if (!lines) keyLines.set(input, (lines = new Map()));
  let line = lines.get(item);
  if (line === undefined) {
    const file = path();
    const digest = input.digests.get(file);
    line = digest === undefined ? NO_DIGEST : `${file}:${digest}`;
    lines.set(item, line);
  }
  return line;
}

/**
 * The key of each region, department and project: that of the scope its rows read. A region's
 * own file; a department's region, its file and its projects (its row holds their total and
 * count); a project's region, department (its name, and the narrative the quality flags read)
 * and file. The department's and the project's own files have the same key.
 */
function itemKeys(input: OpenDataInput): Map<object, string | null> {
  const keys = new Map<object, string | null>();
  for (const r of input.regions) keys.set(r, scopeKey(input, { regions: [r], departments: [], projects: [] }));
  for (const d of input.departments) keys.set(d, scopeKey(input, departmentScope(d)));
  for (const p of input.projects) keys.set(p, scopeKey(input, projectScope(p)));
  return keys;
}

/** The parts of each item (src/lib/openData.ts, PartCache), kept under its key. */
function partCache(input: OpenDataInput, keys: ReadonlyMap<object, string | null>, kept: KeptParts): PartCache {
  // Named by what the item is too: a department of one project reads the same files as it.
  const names = new Map<object, string>();
  const name = (items: object[], what: string) => {
    for (const item of items) {
      const key = keys.get(item);
      if (key) names.set(item, `${what}:${key}`);
    }
  };
  name(input.regions, 'region');
  name(input.departments, 'department');
  name(input.projects, 'project');
  return {
    part(kind, item, make) {
      const itemName = names.get(item);
      return itemName ? kept.get(`${kind}:${itemName}`, make) : make();
    },
  };
}

/** The site-wide tables, the JSON, the data package and (while it fits) the workbook, in /data/. */
function siteFiles(input: OpenDataInput, site: OpenDataScope, workbook: (scope: OpenDataScope) => Uint8Array[], cache?: PartCache): OpenDataFile[] {
  const key = scopeKey(input, site);
  const files: OpenDataFile[] = [
    ...TABLES.map((table) => ({ path: `/data/${table.name}.csv`, key, workbook: false, chunks: () => csvChunks(table, site, input.quality, cache) })),
    { path: '/data/gongkai.json', key, workbook: false, chunks: () => jsonChunks(site, cache) },
    {
      path: '/data/datapackage.json',
      key: `as-of:${input.dataAsOf}`,
      workbook: false,
      chunks: () => [encoder.encode(JSON.stringify(dataPackage(input.dataAsOf), null, 1))],
    },
  ];
  if (siteFitsXlsx(site, input.quality.flaggedRows)) files.push({ path: '/data/gongkai.xlsx', key, workbook: true, chunks: () => workbook(site) });
  return files;
}

/**
 * The parts the last build made: the text files' rows and JSON, and the workbooks' rows, kept
 * apart because the workbooks are made last (src/lib/openDataThreadJob.ts): the text parts are
 * saved while the workbooks are made.
 */
export interface KeptFileParts {
  text?: KeptParts;
  workbooks?: KeptParts;
}

/** The list of every open-data file (see the module comment). */
export function openDataFiles(input: OpenDataInput, kept: KeptFileParts = {}): OpenDataFile[] {
  const site: OpenDataScope = { regions: input.regions, departments: input.departments, projects: input.projects };
  const keys = itemKeys(input);
  const cache = kept.text ? partCache(input, keys, kept.text) : undefined;
  const workbookCache = kept.workbooks ? partCache(input, keys, kept.workbooks) : undefined;
  const workbook = (scope: OpenDataScope) => xlsxChunks(scope, input.quality, workbookCache);
  const files = siteFiles(input, site, workbook, cache);
  for (const slice of regionYearSlices(site)) {
    const key = scopeKey(input, slice);
    const at = (file: string) => `${slice.url}${file}`;
    files.push({ path: at('gongkai.json'), key, workbook: false, chunks: () => jsonChunks(slice, cache) });
    files.push({ path: at('gongkai.xlsx'), key, workbook: true, chunks: () => workbook(slice) });
    for (const table of TABLES) files.push({ path: at(`${table.name}.csv`), key, workbook: false, chunks: () => csvChunks(table, slice, input.quality, cache) });
  }
  for (const d of input.departments) {
    const scope = departmentScope(d);
    const key = keys.get(d) ?? null;
    files.push({ path: `${d.url}data.json`, key, workbook: false, chunks: () => jsonChunks(scope, cache) });
    files.push({ path: `${d.url}projects.csv`, key, workbook: false, chunks: () => csvChunks(PROJECTS_TABLE, scope, input.quality, cache) });
    files.push({ path: `${d.url}indicators.csv`, key, workbook: false, chunks: () => csvChunks(INDICATORS_TABLE, scope, input.quality, cache) });
  }
  for (const p of input.projects) {
    const scope = projectScope(p);
    const key = keys.get(p) ?? null;
    files.push({ path: `${p.url}data.json`, key, workbook: false, chunks: () => jsonChunks(scope, cache) });
    files.push({ path: `${p.url}indicators.csv`, key, workbook: false, chunks: () => csvChunks(INDICATORS_TABLE, scope, input.quality, cache) });
  }
  return files;
}

/**
 * How the pages' site model reaches the writer without reading the content twice: the build's
 * integration puts a receiver in this slot (see globalSlot), and the open-data route, whose
 * getStaticPaths runs in the same process before any page renders, hands it the input instead
 * of listing routes. No receiver (dev): the route lists the files.
 */
export type OpenDataHandover = (source: OpenDataSource) => void;

/**
 * What the route hands over: the one part of the input that the writer's thread cannot compute
 * from the content it is given when the build starts (src/lib/siteContent.ts), and the whole
 * input, for a writer that was given none.
 */
export interface OpenDataSource {
  dataAsOf: Promise<string | null>;
  input: () => Promise<OpenDataInput>;
}

export const openDataSlot = globalSlot<OpenDataHandover>('openData.handover');

/** The receiver, where the build has one (`astro build` with src/integrations/openData.ts); none in dev. */
export const openDataHandover = (): OpenDataHandover | undefined => openDataSlot.get();
