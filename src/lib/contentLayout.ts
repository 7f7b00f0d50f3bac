/**
 * Where each content file lives. The importer writes there and the checker insists on it,
 * so both take the paths from here. Paths use forward slashes, as the checker reports them.
 */
import { posix } from 'node:path';

export const regionPath = (root: string, code: string) => posix.join(root, 'regions', `${code}.md`);

/** `key` is the department's unit code, or its slug where none is printed. */
export const departmentPath = (root: string, region: string, year: number, key: string) =>
  posix.join(root, 'departments', region, String(year), `${key}.md`);

export const projectPath = (root: string, region: string, year: number, id: string) =>
  posix.join(root, 'projects', region, String(year), `${id}.md`);
