import { defineCollection } from 'astro:content';
import { regionSchema } from './schemas/region.ts';
import { departmentSchema } from './schemas/department.ts';
import { projectSchema } from './schemas/project.ts';
import { contentLoader } from './check/loader.ts';

/** The content folder; tests point it at a fixture tree (GONGKAI_CONTENT=tests/fixtures/…/content). */
const CONTENT = process.env.GONGKAI_CONTENT ?? './content';

// Each loader reads its files with the editors' check's own reader and validates them with
// the schema below (src/check/reader.ts), so the check and the build read every file alike.
// Entry ids are the file paths without `.md`, case kept: project codes are case-sensitive.
export const collections = {
  regions: defineCollection({ loader: contentLoader('regions', CONTENT), schema: regionSchema }),
  departments: defineCollection({ loader: contentLoader('departments', CONTENT), schema: departmentSchema }),
  projects: defineCollection({ loader: contentLoader('projects', CONTENT), schema: projectSchema }),
};
