/** The quality notes of src/lib/quality.ts as warnings of the editors' check, with positions. */
import type { Project } from '../schemas/project.ts';
import { projectQualityNotes } from '../lib/quality.ts';
import type { Position } from './strictYaml.ts';
import { formatPath, type Problem } from '../problems.ts';

export function qualityWarnings(file: string, p: Project, positionOf: (path: PropertyKey[]) => Position): Problem[] {
  return projectQualityNotes(p).map((n) => ({
    file,
    ...positionOf(n.path),
    path: formatPath(n.path),
    message: n.message,
    hint: n.hint,
    severity: 'warning' as const,
    code: n.code,
  }));
}
