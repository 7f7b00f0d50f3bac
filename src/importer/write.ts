/**
 * Writes imported documents as content files: Markdown with YAML front matter, laid out as
 * content/departments/<region>/<year>/<key>.md and content/projects/<region>/<year>/<id>.md.
 */
import { dump } from 'js-yaml';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { departmentKey } from '../schemas/department.ts';
import { departmentPath, projectPath } from '../lib/contentLayout.ts';
import type { ImportResult } from './index.ts';

export interface PlannedFile {
  path: string;
  text: string;
  exists: boolean;
}

/** Front matter plus body, YAML dumped with quotes wherever a string could be misread. */
export function toMarkdown(data: Record<string, unknown>, body = ''): string {
  const yaml = dump(data, { lineWidth: -1, quoteStyle: 'double' });
  return `---\n${yaml}---\n${body ? '\n' + body : ''}`;
}

export function planFiles(result: ImportResult, outDir: string): PlannedFile[] {
  const { body, ...department } = result.department;
  const files = [
    { path: departmentPath(outDir, department.region, department.year, departmentKey(department)), text: toMarkdown(department, body) },
    ...result.projects.map((p) => ({ path: projectPath(outDir, p.region, p.year, p.id), text: toMarkdown(p) })),
  ];
  return files.map((f) => ({ ...f, exists: existsSync(f.path) }));
}

export function writeFiles(files: PlannedFile[]) {
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.text);
  }
}
