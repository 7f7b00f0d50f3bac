/**
 * How the content reaches the search index before the pages render (see globalSlot): the content
 * loader (src/check/loader.ts) offers each collection's store once it has loaded it, and the
 * Pagefind integration (src/integrations/pagefind.ts) starts indexing as soon as it holds all
 * three, during the content sync, instead of waiting for the site model that the first page
 * builds seconds later. Each entry comes with the loader's digest, so that a bundle whose files
 * are all unchanged is found without unpacking any of them (src/search/siteBundles.ts).
 */
import { globalSlot } from '../lib/globalSlot.ts';
import type { ShelvedEntry } from '../lib/storedEntry.ts';
import { COLLECTIONS, type Collection } from '../lib/contentLayout.ts';

/** An entry as the loader keeps it on its shelf: its id (its path without `.md`), packed content and the loader's digest of its file. */
export type StoredEntry = ShelvedEntry;

/** What a collection's store gives: the loader's shelf (src/lib/storedEntry.ts) has this method. */
export interface CollectionStore {
  values(): StoredEntry[];
}

export type ContentStores = Record<Collection, CollectionStore>;

export type ContentStoreReceiver = (collection: Collection, store: CollectionStore) => void;

/** Put by the integration when an `astro build` starts; taken when the build is done. */
export const contentStoreReceiver = globalSlot<ContentStoreReceiver>('contentStores');

/** Offered by the loader when it has loaded a collection. Without a receiver (dev, `astro sync`) nothing happens. */
export function offerContentStore(collection: Collection, store: CollectionStore): void {
  contentStoreReceiver.get()?.(collection, store);
}

/** Collects the three stores as they are offered and calls `ready` once, with all three. */
export function collectStores(ready: (stores: ContentStores) => void): ContentStoreReceiver {
  const stores: Partial<ContentStores> = {};
  let done = false;
  return (collection, store) => {
    stores[collection] = store;
    if (done || !COLLECTIONS.every((c) => stores[c])) return;
    done = true;
    ready(stores as ContentStores);
  };
}
