/**
 * Chinese text split into words before it goes to Pagefind, by the segmenter the reader's
 * browser uses for the query.
 *
 * Pagefind's search code splits a Chinese query with the browser's `Intl.Segmenter` (ICU), but
 * its indexer splits the pages with another segmenter (ICU4X), which cuts many phrases
 * elsewhere (道路养护 → 路养 …) and, at 10,000 projects, spends half the index phase and a
 * third of its memory doing it. A zero-width space (U+200B) between two words makes Pagefind
 * keep our split: it breaks there and strips the mark from the words and from the excerpts.
 */

/** U+200B: a word boundary a reader never sees. */
export const WORD_BREAK = '\u200b';

/** Runs of Han characters, the only text Pagefind would cut without spaces. */
const HAN_RUN = /\p{Script=Han}{2,}/gu;

/** The language Pagefind's search code hands `Intl.Segmenter` for a zh-cn index. */
const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/**
 * Runs already split. Budget documents repeat their phrases (指标 names, 资金 sources,
 * department names) across thousands of pages, and ICU's dictionary segmenter costs about a
 * microsecond a character, so each run is split once. Bounded: emptied when it is full.
 */
const known = new Map<string, string>();
const KNOWN_MAX = 200_000;

function splitRun(run: string): string {
  let split = known.get(run);
  if (split === undefined) {
    split = '';
    for (const { segment } of segmenter.segment(run)) split += split ? WORD_BREAK + segment : segment;
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(run, split);
  }
  return split;
}

/** The text with a zero-width space between adjacent Chinese words; everything else as it was. */
export function segmentWords(text: string): string {
  return text.replace(HAN_RUN, splitRun);
}
