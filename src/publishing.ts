/** Reads the git history once per build and hands pages their publication data. */
import { getSiteModel } from './data.ts';
import { repository } from './config.ts';
import { readContentHistory } from './lib/history.ts';
import { buildPublishing, type PageRecord, type Publishing } from './lib/publishing.ts';

let publishing: Promise<Publishing> | null = null;

export function getPublishing(): Promise<Publishing> {
  publishing ??= (async () => {
    const model = await getSiteModel();
    // The same folder the content collections load (see src/content.config.ts).
    const history = readContentHistory(process.env.GONGKAI_CONTENT ?? './content');
    if (history.reason) console.warn(`[gongkai] ${history.reason}`);
    return buildPublishing(model, history, repository);
  })();
  return publishing;
}

/** The record of one department or project page, by its URL. */
export async function pageRecord(url: string): Promise<{ record: PageRecord; historyReason?: string }> {
  const p = await getPublishing();
  const record = p.pages.get(url);
  if (!record) throw new Error(`没有页面 ${url} 的发布记录`);
  return { record, historyReason: p.historyReason };
}
