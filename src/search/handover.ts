/**
 * How the search records get from the pages' build to the Pagefind integration. Astro 7 renders
 * pages in the process that runs the integration hooks (its default prerenderer imports the
 * built bundle), but the bundle and astro.config.mjs load their own copies of every module, so
 * the hand-over goes through one global slot rather than a module variable.
 */
import type { SearchRecord } from '../lib/searchRecords.ts';

const SLOT = Symbol.for('gongkai.searchRecords');
type Slot = { [SLOT]?: () => Iterable<SearchRecord> };

/** Offered by the site model when it is built (src/data.ts); the records are made only when taken. */
export function offerSearchRecords(records: () => Iterable<SearchRecord>): void {
  (globalThis as Slot)[SLOT] = records;
}

/** Taken once by the integration after the pages are written; undefined when no page built the model. */
export function takeSearchRecords(): Iterable<SearchRecord> | undefined {
  const offered = (globalThis as Slot)[SLOT];
  delete (globalThis as Slot)[SLOT];
  return offered?.();
}
