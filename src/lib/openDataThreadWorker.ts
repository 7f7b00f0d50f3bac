/**
 * The worker thread of {@link writeOpenDataInThread}: makes and writes every open-data file, the
 * text files first, then the workbooks one at a time (a site-wide workbook holds every indicator
 * row), and reports each stage.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDataFiles, type OpenDataInput } from './openDataFiles.ts';
import { OpenDataWriter } from './openDataWriter.ts';
import { KeptParts } from './openDataParts.ts';
import type { OpenDataMessage, OpenDataRun } from './openDataThread.ts';

const { input, run } = workerData as { input: OpenDataInput; run: OpenDataRun };
const post = (message: OpenDataMessage) => parentPort!.postMessage(message);
const seconds = (since: number) => Math.round(performance.now() - since) / 1000;

try {
  const started = performance.now();
  const writer = await OpenDataWriter.begin(run.outDir, run);
  const [parts, workbookParts] = await Promise.all([KeptParts.open(writer.partsFile, run.generator), KeptParts.open(writer.workbookPartsFile, run.generator)]);
  const files = openDataFiles(input, { text: parts, workbooks: workbookParts });
  const text = await writer.write(files.filter((f) => !f.workbook));
  post({ stage: 'text', summary: { ...text, parts: parts.counts, seconds: seconds(started) } });
  // Written while the workbooks are made: the disk works while the thread computes.
  const saved = parts.save();
  const workbooksStarted = performance.now();
  const workbooks = await writer.write(files.filter((f) => f.workbook), 1);
  await Promise.all([saved, workbookParts.save()]);
  await writer.finish();
  post({ stage: 'workbooks', summary: { ...workbooks, parts: workbookParts.counts, seconds: seconds(workbooksStarted) } });
} catch (error) {
  post({ error: error instanceof Error ? error.message : String(error) });
}
