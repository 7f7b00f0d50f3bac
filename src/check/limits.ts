/** Limits on a content file that an editor can see in the hints; the check and the build apply the same. */
export const LIMITS = {
  /** Largest content file, in bytes (the largest seed document is 24 KB). */
  fileBytes: 1024 * 1024,
  /** Longest text field, in characters. */
  textChars: 20_000,
  /** Deepest nesting of lists and objects (the indicator table needs 4). */
  depth: 16,
} as const;
