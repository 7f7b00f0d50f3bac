/**
 * The worker thread of {@link writeOpenDataInThread}: makes and writes every open-data file, the
 * text files first, then the workbooks one at a time (a site-wide workbook holds every indicator
 * row), and reports each stage. It starts with the build and reads the parts kept from the last
 * build while it waits for its input.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDataFiles, type OpenDataInput } from './openDataFiles.ts';
import { OpenDataWriter } from './openDataWriter.ts';
import { KeptParts } from './openDataParts.ts';
import type { OpenDataMessage, OpenDataRun } from './openDataThread.ts';

const { run } = workerData as { run: OpenDataRun };
const post = (message: OpenDataMessage) => parentPort!.postMessage(message);
const seconds = (since: number) => Math.round(performance.now() - since) / 1000;
/** This thread's CPU seconds since then: on a busy machine its wall time says more about the other threads. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.threadCpuUsage(since);
  return Math.round((used.user + used.system) / 1000) / 1000;
};

/** The input, posted by the build once the site model exists (src/lib/openDataThread.ts). */
const handedOver = new Promise<OpenDataInput>((resolve) => parentPort!.once('message', resolve));

try {
  // Read while the build computes the input; the stages' times count from its arrival.
  const writer = await OpenDataWriter.begin(run.outDir, run);
  const [parts, workbookParts] = await Promise.all([KeptParts.open(writer.partsFile, run.generator), KeptParts.open(writer.workbookPartsFile, run.generator)]);
  const input = await handedOver;
  const started = performance.now();
  const startedCpu = process.threadCpuUsage();
  const files = openDataFiles(input, { text: parts, workbooks: workbookParts });
  const text = await writer.write(files.filter((f) => !f.workbook));
  post({ stage: 'text', summary: { ...text, parts: parts.counts, seconds: seconds(started), cpuSeconds: cpuSeconds(startedCpu) } });
  // Written while the workbooks are made: the disk works while the thread computes.
  const saved = parts.save();
  const workbooksStarted = performance.now();
  const workbooksStartedCpu = process.threadCpuUsage();
  const workbooks = await writer.write(files.filter((f) => f.workbook), 1);
  await Promise.all([saved, workbookParts.save()]);
  await writer.finish();
  post({ stage: 'workbooks', summary: { ...workbooks, parts: workbookParts.counts, seconds: seconds(workbooksStarted), cpuSeconds: cpuSeconds(workbooksStartedCpu) } });
} catch (error) {
  post({ error: error instanceof Error ? error.message : String(error) });
}
