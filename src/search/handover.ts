/**
 * How the search records get from the pages' build to the Pagefind integration (see globalSlot):
 * the integration puts a receiver in the slot when the build starts, and the site model hands
 * it the records as soon as the model exists, before the pages render, so that Pagefind indexes
 * on the second core while this one renders.
 */
import { globalSlot } from '../lib/globalSlot.ts';
import type { SearchRecord } from '../lib/searchRecords.ts';

export type SearchRecordsReceiver = (records: () => Iterable<SearchRecord>) => void;

const slot = globalSlot<SearchRecordsReceiver>('searchRecords');

/** Put by the integration when a build starts; taken (emptied) when the pages are written. */
export const searchRecordsReceiver = slot;

/**
 * Offered by the site model when it is built (src/data.ts); the records are made only when the
 * receiver iterates them. Without a receiver (`npm run dev`, tests) nothing is made.
 */
export function offerSearchRecords(records: () => Iterable<SearchRecord>): void {
  slot.get()?.(records);
}
