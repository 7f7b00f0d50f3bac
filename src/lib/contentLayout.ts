/**
 * Where each content file lives. The importer writes there and the checker insists on it,
 * so both take the paths from here. Paths use forward slashes, as the checker reports them.
 */
import { posix } from 'node:path';

/** The content collections, each a folder of content/ (and a collection of Astro's content layer). */
export const COLLECTIONS = ['regions', 'departments', 'projects'] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** The path of an entry's file below the content folder: its id is that path without `.md` (src/check/loader.ts). */
export const entryPath = (collection: Collection, id: string) => posix.join(collection, `${id}.md`);

export const regionPath = (root: string, code: string) => posix.join(root, 'regions', `${code}.md`);

/**
 * A department document's id: its path below departments/ without `.md`, which is also the id of
 * its content-layer entry (src/check/loader.ts). `key` is the unit code, or the slug where none
 * is printed.
 */
export const departmentId = (region: string, year: number, key: string) => `${region}/${year}/${key}`;

export const departmentPath = (root: string, region: string, year: number, key: string) =>
  posix.join(root, 'departments', `${departmentId(region, year, key)}.md`);

export const projectPath = (root: string, region: string, year: number, id: string) =>
  posix.join(root, 'projects', region, String(year), `${id}.md`);
