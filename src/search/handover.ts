/** How the search records get from the pages' build to the Pagefind integration (see globalSlot). */
import { globalSlot } from '../lib/globalSlot.ts';
import type { SearchRecord } from '../lib/searchRecords.ts';

const slot = globalSlot<() => Iterable<SearchRecord>>('searchRecords');

/** Offered by the site model when it is built (src/data.ts); the records are made only when taken. */
export function offerSearchRecords(records: () => Iterable<SearchRecord>): void {
  slot.put(records);
}

/** Taken once by the integration after the pages are written; undefined when no page built the model. */
export function takeSearchRecords(): Iterable<SearchRecord> | undefined {
  return slot.take()?.();
}
