/**
 * What the build tells the search page about the index's bundles (src/search/bundles.ts writes
 * it, src/search/client.ts reads it): a small file, so that /search/ itself never grows.
 */

/** Where the bundles' manifest is served; the search page reads it with Pagefind's code. */
export const MANIFEST_PATH = '/pagefind/bundles.json';

/**
 * The synthetic filter (Pagefind's mergeFilter) that tells the merged bundles apart in the
 * browser, so that each bundle's results can be asked for on their own.
 */
export const BUNDLE_FILTER = '分卷';

/** What the search page knows of a bundle before it loads it. */
export interface BundleEntry {
  /** The bundle's name, the value of its BUNDLE_FILTER. */
  name: string;
  /** URL path of the bundle's folder, ending with `/`. */
  path: string;
  /** The 地区 filter values of its pages. */
  regions: string[];
  pages: number;
}

export interface BundleManifest {
  bundles: BundleEntry[];
}
