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

/** Page and table layout: a landscape page and fixed column widths (twips), with ruled cells. */
export interface DocxLayout {
  landscape?: boolean;
  widths?: number[];
}

export async function makeDocx(blocks: DocxBlock[], layout: DocxLayout = {}): Promise<Buffer> {
  const borders = '<w:tblBorders>' + ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('') + '</w:tblBorders>';
  const grid = layout.widths ? `<w:tblGrid>${layout.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` : '';
  const tblPr = layout.widths ? `<w:tblPr><w:tblLayout w:type="fixed"/>${borders}</w:tblPr>` : '';
  const sect = layout.landscape ? '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr>' : '';
  const body = blocks
    .map((b) => (typeof b === 'string' ? paragraph(b) : `<w:tbl>${tblPr}${grid}${b.map((row) => `<w:tr>${row.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`))
    .join('') + sect;
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
