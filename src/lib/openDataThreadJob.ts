/**
 * The work of the open-data thread (started by openDataThreadWorker.ts): makes and writes every open-data file, the
 * text files first, then the workbooks one at a time (a site-wide workbook holds every indicator
 * row), and reports each stage. It starts with the build and reads the parts kept from the last
 * build while it waits for its input.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDataFiles, type OpenDataInput } from './openDataFiles.ts';
import { OpenDataWriter } from './openDataWriter.ts';
import { KeptParts } from './openDataParts.ts';
import type { OpenDataInbound, OpenDataMessage, OpenDataRun } from './openDataThread.ts';
import { openDataContent } from './siteContent.ts';

const { run } = workerData as { run: OpenDataRun };
const post = (message: OpenDataMessage) => parentPort!.postMessage(message);
const seconds = (since: number) => Math.round(performance.now() - since) / 1000;
/** This thread's CPU seconds since then: on a busy machine its wall time says more about the other threads. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.threadCpuUsage(since);
  return Math.round((used.user + used.system) / 1000) / 1000;
};

/**
 * The input, posted by the build (src/lib/openDataThread.ts): whole, or computed here from the
 * shelves of the entries posted when the build starts, completed by the date of the last commit
 * posted later; where those shelves are not this build's, the build is asked for the whole input.
 */
const handedOver = new Promise<OpenDataInput>((resolve, reject) => {
  let content: Omit<OpenDataInput, 'dataAsOf'> | null = null;
  // Listening no longer once the input is complete: the thread ends by itself when it is done.
  const done = (end: () => void) => {
    parentPort!.off('message', receive);
    end();
  };
  function receive(message: OpenDataInbound) {
    try {
      if ('input' in message) done(() => resolve(message.input));
      else if ('entries' in message) content = run.cacheDir === null ? null : openDataContent(run.cacheDir, message.entries);
      else if (content) done(() => resolve({ ...content!, dataAsOf: message.dataAsOf }));
      else post({ need: 'input' });
    } catch (error) {
      done(() => reject(error as Error));
    }
  }
  parentPort!.on('message', receive);
});
// Awaited below, once what the thread keeps is read.
handedOver.catch(() => {});

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
