/**
 * The importer's round trip: every file it is about to write is read back with the check's
 * reader, so that an import never writes what the check or the build would refuse (a
 * 30,000-character cell, a zero-width space copied from a web page, a body with raw HTML).
 */
import type { Problem } from '../problems.ts';
import { readEntryText, type Kind } from './reader.ts';

/** Errors of files about to be written under `outDir` (a content folder), read as the build would read them. */
export function roundTripProblems(outDir: string, files: ReadonlyArray<{ path: string; text: string }>): Problem[] {
  const out: Problem[] = [];
  const prefix = outDir.replace(/[\\/]+$/, '') + '/';
  for (const f of files) {
    const rel = f.path.replace(/\\/g, '/');
    const kind = (rel.startsWith(prefix) ? rel.slice(prefix.length) : rel).split('/')[0];
    if (kind !== 'departments' && kind !== 'projects' && kind !== 'regions') continue;
    for (const p of readEntryText(kind as Kind, f.path, f.text).problems) if (p.severity === 'error') out.push(p);
  }
  return out;
}
