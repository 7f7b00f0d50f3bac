/**
 * Reads a .docx as bureaus send it. mammoth turns the Word document into HTML (tables with
 * their colspan and rowspan); this lays the tables out as rows on the grid, so merged cells
 * leave empty cells where the text exports do, and paragraphs become text rows.
 */
import mammoth from 'mammoth';
import { fromHtml } from 'hast-util-from-html';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Row } from './rows.ts';
import type { SourcePlaces } from './places.ts';

function textOf(node: ElementContent | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  const parts = node.children.map(textOf);
  // Paragraphs inside a cell are separate lines, as in the Word text export.
  return ['p', 'li'].includes(node.tagName) ? parts.join('') + '\n' : parts.join('');
}

const children = (el: Element | Root, tag: string): Element[] =>
  (el.children as Array<RootContent | ElementContent>).filter(
    (c): c is Element => c.type === 'element' && (c as Element).tagName === tag,
  );

/** A table's rows on its grid: a merged cell's text in its first position, '' in the rest. */
function tableRows(table: Element, counter: Counter, places: SourcePlaces): Row[] {
  const body = children(table, 'tbody')[0] ?? table;
  const pendingDown = new Map<number, number>(); // column → rows still covered by a rowspan above
  counter.tables++;
  return children(body, 'tr').map((tr, k) => {
    const cells: string[] = [];
    let col = 0;
    const place = () => {
      while ((pendingDown.get(col) ?? 0) > 0) {
        pendingDown.set(col, pendingDown.get(col)! - 1);
        cells.push('');
        col++;
      }
    };
    for (const td of [...children(tr, 'td'), ...children(tr, 'th')]) {
      place();
      const span = Number(td.properties.colSpan ?? 1);
      const down = Number(td.properties.rowSpan ?? 1);
      cells.push(textOf(td).trim());
      for (let i = 0; i < span; i++) {
        if (i > 0) cells.push('');
        if (down > 1) pendingDown.set(col, down - 1);
        col++;
      }
    }
    place();
    counter.n++;
    places.set(counter.n, { kind: 'table', table: counter.tables, row: k + 1, cells });
    return { cells, line: counter.n, endLine: counter.n, text: false };
  });
}

/** Grid lines so far, and the tables and paragraphs outside them, counted as Word shows them. */
interface Counter {
  n: number;
  tables: number;
  paragraphs: number;
}

/**
 * Rows of a .docx: `line` numbers count paragraphs and table rows in document order; `places`
 * records each one's table, row and column, or paragraph, for the messages.
 */
export async function readDocxRows(buffer: Buffer, places: SourcePlaces = new Map()): Promise<Row[]> {
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const tree = fromHtml(html, { fragment: true });
  const rows: Row[] = [];
  const counter: Counter = { n: 0, tables: 0, paragraphs: 0 };
  for (const node of tree.children) {
    if (node.type !== 'element') continue;
    if (node.tagName === 'table') {
      rows.push(...tableRows(node, counter, places));
      continue;
    }
    const text = textOf(node).trim();
    counter.n++;
    counter.paragraphs++;
    places.set(counter.n, { kind: 'paragraph', paragraph: counter.paragraphs });
    if (text) rows.push({ cells: [text], line: counter.n, endLine: counter.n, text: true, raw: text });
  }
  return rows;
}
