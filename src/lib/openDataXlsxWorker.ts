/**
 * A worker thread that writes workbooks (exceljs) for the build's open-data writer, so that the
 * main thread keeps feeding Pagefind meanwhile: see {@link xlsxInWorker}.
 */
import { parentPort } from 'node:worker_threads';
import { toXlsx, type XlsxSheet } from './openDataXlsx.ts';

parentPort!.on('message', async ({ id, sheets }: { id: number; sheets: XlsxSheet[] }) => {
  try {
    const body = await toXlsx(sheets);
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
    parentPort!.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
