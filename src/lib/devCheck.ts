/**
 * The check beside the live preview: runs the editors' check when the preview starts and
 * again whenever a content file is saved, and hands the report to the terminal. Saves that
 * come in a burst (an editor's "save all", git checkout) are checked once.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { checkContent, formatProblems } from '../check/index.ts';
import { withPlaceholders } from './skeleton.ts';

export interface DevReport {
  /** The files saved since the last report, relative to the content folder. */
  changed: string[];
  errors: number;
  warnings: number;
  /** The check's report as `npm run check` prints it. */
  text: string;
}

export async function checkReport(root: string, changed: string[] = []): Promise<DevReport> {
  const result = await withPlaceholders(checkContent(root), root);
  return { changed, errors: result.errors, warnings: result.warnings, text: formatProblems(result, false) };
}

/** Watches `<root>/content`; calls `onReport` after each burst of saves. Returns a function that stops watching. */
export function watchContent(root: string, onReport: (r: DevReport) => void, quietMs = 300): () => void {
  let timer: NodeJS.Timeout | undefined;
  let pending = new Set<string>();
  let running = Promise.resolve();
  const watcher: FSWatcher = watch(join(root, 'content'), { recursive: true }, (_event, name) => {
    if (name && !String(name).endsWith('.md')) return;
    if (name) pending.add(String(name).split('\\').join('/'));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending].sort();
      pending = new Set();
      running = running.then(async () => onReport(await checkReport(root, changed)));
    }, quietMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
