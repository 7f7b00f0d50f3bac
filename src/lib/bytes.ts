/**
 * Byte chunks joined into one array that owns its memory. Buffer.concat puts a small result
 * inside Node's shared 8 KiB pool, so its `.buffer` holds other bytes around it: a reader given
 * that ArrayBuffer (exceljs, a Blob, a worker's transfer list) reads the wrong file.
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
