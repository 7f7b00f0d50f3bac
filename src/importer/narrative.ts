/**
 * The department part of a document (部门整体绩效目标): running text split into the
 * sections 总体绩效目标, 分项绩效目标 and 工作保障措施, with blocks that the export
 * repeated verbatim collapsed.
 */
import type { Row } from './rows.ts';

export interface Paragraph {
  text: string;
  line: number;
}

export interface Narrative {
  /** Markdown body: one `##` heading per section as printed, paragraphs as printed. */
  markdown: string;
  /** What was changed on the way, for the import report. */
  notes: string[];
}

const SECTION_HEADING = /^(?:[一二三]、|（[一二三]）)\s*(总体绩效目标|分项绩效目标|工作保障措施)\s*[:：]?/;
const PART_HEADING = /^第[一二]部分\s*/;
const TOC_LINE = /\.{3,}\s*\d*$/;
const SENTENCE_END = /[。；！？”」』）)：:.!?]$/;

const comparable = (p: Paragraph) => p.text.replace(/\s+/g, '');

/**
 * Finds a block of at least `min` paragraphs that the export printed again, verbatim
 * (spacing aside), as a whole block: the copy directly follows the original or a section
 * heading, and ends at the end, at a section heading or where a further copy begins.
 * A block that differs by even one word is not a copy and is kept.
 */
function findRepeat(paras: Paragraph[], min: number): { start: number; copy: number; length: number } | null {
  const keys = paras.map(comparable);
  const isHeading = (i: number) => i >= 0 && i < paras.length && SECTION_HEADING.test(paras[i].text);
  let best: { start: number; copy: number; length: number } | null = null;
  for (let i = 0; i < paras.length; i++) {
    for (let j = i + 1; j < paras.length; j++) {
      let k = 0;
      while (j + k < paras.length && i + k < j && keys[i + k] === keys[j + k]) k++;
      if (k < min || (best && k <= best.length)) continue;
      const startsClean = j === i + k || isHeading(j - 1);
      const end = j + k;
      const endsClean = end === paras.length || isHeading(end) || keys[end] === keys[i];
      if (startsClean && endsClean) best = { start: i, copy: j, length: k };
    }
  }
  return best;
}

/** Joins a paragraph that a PDF page break cut mid-sentence with its continuation. */
function joinPageBreaks(paras: Paragraph[], notes: string[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of paras) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.text.length > 60 &&
      !SENTENCE_END.test(prev.text) &&
      !SECTION_HEADING.test(p.text) &&
      !/^[一二三四五六七八九十]+、/.test(p.text)
    ) {
      notes.push(`第 ${prev.line} 行与第 ${p.line} 行是被分页截断的同一段，已接上`);
      prev.text += p.text;
      continue;
    }
    out.push({ ...p });
  }
  return out;
}

/** Escapes characters that Markdown would read as markup, so the text shows as printed. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>#|])/g, '\\$1')
    .replace(/^(\d+)\.(\s)/, '$1\\.$2');
}

/**
 * Builds the department body from the running text before the project tables.
 * `joinBreaks` is for PDF text, where page breaks cut paragraphs.
 */
export function buildNarrative(rows: Row[], joinBreaks: boolean): Narrative {
  const notes: string[] = [];
  let paras: Paragraph[] = rows
    .filter((r) => r.text)
    .map((r) => ({ text: r.cells[0].trim(), line: r.line }))
    .filter((p) => p.text !== '' && !TOC_LINE.test(p.text));
  if (joinBreaks) paras = joinPageBreaks(paras, notes);

  for (let guard = 0; guard < 10; guard++) {
    const repeat = findRepeat(paras, 3);
    if (!repeat) break;
    const from = paras[repeat.copy].line;
    const to = paras[repeat.copy + repeat.length - 1].line;
    notes.push(
      `第 ${from}–${to} 行逐字重复了第 ${paras[repeat.start].line}–${paras[repeat.start + repeat.length - 1].line} 行（${repeat.length} 段），只保留一份`,
    );
    paras.splice(repeat.copy, repeat.length);
  }

  // Start at the first section heading; what comes before is the document's title page.
  const first = paras.findIndex((p) => SECTION_HEADING.test(p.text));
  const body = first >= 0 ? paras.slice(first) : paras;
  const out: string[] = [];
  let currentSection = '';
  let sectionHasText = false;
  for (const p of body) {
    if (/^第二部分/.test(p.text)) break;
    if (PART_HEADING.test(p.text) && p.text.replace(PART_HEADING, '').trim() === '') continue;
    const heading = SECTION_HEADING.exec(p.text);
    if (heading) {
      const rest = p.text.slice(heading[0].length).trim();
      const title = heading[0].replace(/[:：]\s*$/, '').trim();
      if (heading[1] !== currentSection) {
        if (currentSection && !sectionHasText) out.pop();
        out.push(`## ${escapeMarkdown(title)}`);
        currentSection = heading[1];
        sectionHasText = false;
      } else if (rest === '' ) {
        continue;
      }
      if (rest) {
        out.push(escapeMarkdown(rest));
        sectionHasText = true;
      }
      continue;
    }
    out.push(escapeMarkdown(p.text));
    sectionHasText = true;
  }
  if (currentSection && !sectionHasText) out.pop();
  return { markdown: out.join('\n\n') + '\n', notes };
}
