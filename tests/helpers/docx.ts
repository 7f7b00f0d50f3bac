/**
 * Writes a minimal .docx (WordprocessingML in a zip) for importer tests: paragraphs and tables
 * with horizontally (gridSpan) and vertically (vMerge) merged cells, as Word saves them.
 */
import JSZip from 'jszip';

export interface DocxCell {
  text: string;
  span?: number;
  /** 'restart' opens a vertical merge; 'continue' is a cell covered by the one above. */
  merge?: 'restart' | 'continue';
}
export type DocxBlock = string | Array<Array<string | DocxCell>>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;

function cell(c: string | DocxCell): string {
  const { text, span, merge } = typeof c === 'string' ? { text: c } : c;
  const props = [span ? `<w:gridSpan w:val="${span}"/>` : '', merge ? `<w:vMerge w:val="${merge}"/>` : ''].join('');
  return `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${text.split('\n').map(paragraph).join('')}</w:tc>`;
}

export async function makeDocx(blocks: DocxBlock[]): Promise<Buffer> {
  const body = blocks
    .map((b) => (typeof b === 'string' ? paragraph(b) : `<w:tbl>${b.map((row) => `<w:tr>${row.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`))
    .join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}
