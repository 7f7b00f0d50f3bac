/**
 * The text encoding of a source file. Bureaus' .txt and .csv exports come as UTF-8, as
 * GBK/GB18030 (the default of Chinese Windows and WPS) and now and then as UTF-16 with a byte
 * order mark. Every decoder here is strict: a byte sequence that is not valid in the encoding
 * stops the import with the fix, so that no U+FFFD replacement character ever reaches content.
 */

export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';

export type Decoded = { text: string; encoding: TextEncoding; bom: boolean } | { error: string };

const BOMS: Array<[number[], TextEncoding, string]> = [
  [[0xef, 0xbb, 0xbf], 'UTF-8', 'utf-8'],
  [[0xff, 0xfe], 'UTF-16LE', 'utf-16le'],
  [[0xfe, 0xff], 'UTF-16BE', 'utf-16be'],
];

/** Whether the buffer starts with a UTF-16 byte order mark (such text is full of NUL bytes). */
export function hasUtf16Bom(buffer: Uint8Array): boolean {
  return BOMS.slice(1).some(([bom]) => bom.every((b, i) => buffer[i] === b));
}

function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** 1-based line of the first byte sequence the lenient decoder had to replace. */
function firstBadLine(label: string, bytes: Uint8Array): number {
  const lenient = new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  return at < 0 ? 1 : lenient.slice(0, at).split('\n').length;
}

/**
 * Decodes a text file: by its byte order mark where it has one; else as UTF-8 where that is
 * valid; else as GB18030 (a superset of GBK and GB2312) where that is valid. A file that is UTF-8
 * with a few broken bytes is refused with the line, not read as GB18030 gibberish.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  for (const [bom, encoding, label] of BOMS) {
    if (!bom.every((b, i) => bytes[i] === b)) continue;
    const body = bytes.subarray(bom.length);
    const text = strict(label, body);
    if (text !== null) return { text, encoding, bom: true };
    return { error: `文件开头标明是 ${encoding} 编码，但第 ${firstBadLine(label, body)} 行有不是 ${encoding} 的字节` };
  }
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8', bom: false };
  // GBK text read as UTF-8 is nearly all replacement characters; UTF-8 with a damaged byte
  // here and there is nearly all good characters.
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const bad = lenient.match(/\uFFFD/g)?.length ?? 0;
  const good = lenient.match(/[^\x00-\x7F\uFFFD]/g)?.length ?? 0;
  if (good >= bad * 4) return { error: `文件基本是 UTF-8 编码，但第 ${firstBadLine('utf-8', bytes)} 行有损坏的字节（不是有效的 UTF-8）` };
  const gb = strict('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'GB18030', bom: false };
  return { error: '文件既不是 UTF-8、带 BOM 的 UTF-16，也不是 GB18030/GBK 编码的文本' };
}
