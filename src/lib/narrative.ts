/**
 * A department document's narrative (总体绩效目标, 分项绩效目标, 工作保障措施) split at its
 * second-level headings, so the page can fold each section under its heading and show the
 * projects first. The HTML is the content layer's rendering, already sanitised.
 */
export interface NarrativeSection {
  /** The heading's inner HTML, e.g. 一、总体绩效目标. */
  heading: string;
  /** Everything up to the next <h2>. */
  html: string;
  /** Characters of text in the section, to tell a reader how long it is. */
  length: number;
}

const textLength = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, '').length;

export function splitSections(html: string): { intro: string; sections: NarrativeSection[] } {
  const parts = html.split(/(?=<h2[\s>])/);
  const intro = parts[0].startsWith('<h2') ? '' : parts.shift()!;
  const sections = parts.map((part) => {
    const m = /^<h2[^>]*>([\s\S]*?)<\/h2>/.exec(part)!;
    const rest = part.slice(m[0].length);
    return { heading: m[1], html: rest, length: textLength(rest) };
  });
  return { intro, sections };
}
