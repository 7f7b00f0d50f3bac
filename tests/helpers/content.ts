/** Reads the published content files the way the checker does, for tests to compare against. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontmatter } from '../../src/check/frontmatter.ts';
import { parseStrictYaml } from '../../src/check/strictYaml.ts';
import { projectSchema, type Project } from '../../src/schemas/project.ts';
import { departmentSchema, type Department } from '../../src/schemas/department.ts';

function read(file: string): { data: unknown; body: string } {
  const split = splitFrontmatter(readFileSync(file, 'utf8'));
  if (!split.ok) throw new Error(`${file}: ${split.message}`);
  return { data: parseStrictYaml(split.file.yaml, split.file.yamlLine).value, body: split.file.body };
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(dir, f))
    .sort();
}

export function loadProjects(root = 'content'): Project[] {
  return files(join(root, 'projects')).map((f) => projectSchema.parse(read(f).data));
}

export function loadDepartments(root = 'content'): Array<Department & { body: string }> {
  return files(join(root, 'departments')).map((f) => {
    const { data, body } = read(f);
    return { ...departmentSchema.parse(data), body };
  });
}
