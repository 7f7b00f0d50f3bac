import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { regionSchema } from './schemas/region.ts';
import { departmentSchema } from './schemas/department.ts';
import { projectSchema } from './schemas/project.ts';

/** Entry ids are the file paths without `.md`, case kept: project codes are case-sensitive. */
const pathId = ({ entry }: { entry: string }) => entry.replace(/\.md$/, '');

export const collections = {
  regions: defineCollection({
    loader: glob({ pattern: '*.md', base: './content/regions', generateId: pathId }),
    schema: regionSchema,
  }),
  departments: defineCollection({
    loader: glob({ pattern: '*/*/*.md', base: './content/departments', generateId: pathId }),
    schema: departmentSchema,
  }),
  projects: defineCollection({
    loader: glob({ pattern: '*/*/*.md', base: './content/projects', generateId: pathId }),
    schema: projectSchema,
  }),
};
