/** Reads the published content files the way the checker and the build do, for tests to compare against. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEntry, type EntryData, type Kind } from '../../src/check/reader.ts';
import type { Project } from '../../src/schemas/project.ts';
import type { Department } from '../../src/schemas/department.ts';
import type { Region } from '../../src/schemas/region.ts';

function read<K extends Kind>(kind: K, file: string): { data: EntryData[K]; body: string } {
  const entry = readEntry(kind, file, readFileSync(file));
  if (!entry.data) throw new Error(`${file}: ${entry.problems.map((p) => p.message).join('; ')}`);
  return { data: entry.data, body: entry.body };
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(dir, f))
    .sort();
}

export function loadProjects(root = 'content'): Project[] {
  return files(join(root, 'projects')).map((f) => read('projects', f).data);
}

export function loadDepartments(root = 'content'): Array<Department & { body: string }> {
  return files(join(root, 'departments')).map((f) => {
    const { data, body } = read('departments', f);
    return { ...data, body };
  });
}

export function loadRegions(root = 'content'): Region[] {
  return files(join(root, 'regions')).map((f) => read('regions', f).data);
}
