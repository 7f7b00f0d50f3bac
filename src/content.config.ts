import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { regionSchema } from './schemas/region.ts';
import { departmentSchema } from './schemas/department.ts';
import { projectSchema } from './schemas/project.ts';

/** The content folder; tests point it at a fixture tree (GONGKAI_CONTENT=tests/fixtures/…/content). */
const CONTENT = process.env.GONGKAI_CONTENT ?? './content';

/** Entry ids are the file paths without `.md`, case kept: project codes are case-sensitive. */
const pathId = ({ entry }: { entry: string }) => entry.replace(/\.md$/, '');

export const collections = {
  regions: defineCollection({
    loader: glob({ pattern: '*.md', base: `${CONTENT}/regions`, generateId: pathId }),
    schema: regionSchema,
  }),
  departments: defineCollection({
    loader: glob({ pattern: '*/*/*.md', base: `${CONTENT}/departments`, generateId: pathId }),
    schema: departmentSchema,
  }),
  projects: defineCollection({
    loader: glob({ pattern: '*/*/*.md', base: `${CONTENT}/projects`, generateId: pathId }),
    schema: projectSchema,
  }),
};
