/**
 * The short names of a bundle's index files (given by src/search/shortNames.ts once Pagefind has
 * written the bundle): the `i`th file of a list is `<generation>_<i in base 36>`, the generation
 * shared by `GROUP` files in a row. Here, without Node's modules, so that the search page can
 * name a page from its position (src/search/order.ts).
 */

/** Files in a row that share a generation. */
export const GROUP = 64;

/** The name of the `i`th file of a list whose groups have these generations. */
export function shortName(generations: readonly string[], i: number): string {
  return `${generations[Math.floor(i / GROUP)]}_${i.toString(36)}`;
}
