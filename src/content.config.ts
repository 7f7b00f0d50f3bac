// defineCollection from its own module, not from `astro:content`: Astro's content sync loads this
// file through a temporary Vite server, and `astro:content` would have it transform ~75 modules of
// Astro's page runtime on every build, none of which the config uses.
import { defineCollection } from 'astro/content/config';
import { z } from 'astro/zod';
import { nativeImport } from './build/nativeImport.ts';

// The loader and everything it uses are loaded by Node, not by the content sync's Vite server
// (src/build/nativeImport.ts says why).
const { contentLoader } = await nativeImport<typeof import('./check/loader.ts')>(new URL('./check/loader.ts', import.meta.url));

/** The content folder; tests point it at a fixture tree (GONGKAI_CONTENT=tests/fixtures/…/content). */
const CONTENT = process.env.GONGKAI_CONTENT ?? './content';

// Each loader reads its files with the editors' check's own reader, which validates them with
// the collection's schema (src/schemas/region.ts, department.ts, project.ts), so the check and the
// build read every file alike. Astro's store keeps each entry's id, path and digest only; its
// content is kept beside it (src/lib/storedEntry.ts), and src/data.ts reads it as those schemas' types.
// Entry ids are the file paths without `.md`, case kept: project codes are case-sensitive.
const kept = z.object({});

export const collections = {
  regions: defineCollection({ loader: contentLoader('regions', CONTENT), schema: kept }),
  departments: defineCollection({ loader: contentLoader('departments', CONTENT), schema: kept }),
  projects: defineCollection({ loader: contentLoader('projects', CONTENT), schema: kept }),
};
