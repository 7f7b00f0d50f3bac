/**
 * The open-data thread computes its input from the content sync's shelves (src/lib/siteContent.ts)
 * instead of being handed a copy of the pages' site model: the files it writes must be the files
 * the pages' input makes, and shelves that are not this build's must never be used.
 */
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEntry } from '../src/check/reader.ts';
import { buildSiteModel } from '../src/lib/site.ts';
import { buildQualityReport } from '../src/lib/quality.ts';
import type { Department } from '../src/schemas/department.ts';
import { EntryShelf } from '../src/lib/storedEntry.ts';
import { inFileOrder, openDataContent, shelvedIds, type ShelvedIds } from '../src/lib/siteContent.ts';
import { COLLECTIONS } from '../src/lib/contentLayout.ts';
import { startOpenDataThread, writeOpenDataInThread } from '../src/lib/openDataThread.ts';
import type { OpenDataInput } from '../src/lib/openDataFiles.ts';
import { BACKGROUND_NICE } from '../src/lib/threadPriority.ts';
import { loadDepartments, loadProjects, loadRegions } from './helpers/content.ts';

const dataAsOf = '2026-01-01T00:00:00+08:00';
const digestOf = (bytes: Buffer) => createHash('sha1').update(bytes).digest('base64url');

/** The seed content on shelves in `cacheDir`, as the loader keeps it, and the list of its entries. */
function shelve(cacheDir: string): { ids: ShelvedIds; digests: Map<string, string> } {
  const shelves = new Map<string, EntryShelf>();
  const digests = new Map<string, string>();
  for (const kind of COLLECTIONS) {
    const shelf = EntryShelf.open(cacheDir, kind);
    const dir = join('content', kind);
    for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))) {
      const id = rel.split('\\').join('/').replace(/\.md$/, '');
      const bytes = readFileSync(join(dir, rel));
      const entry = readEntry(kind, join(dir, rel), bytes);
      if (!entry.data) throw new Error(`${rel}: the seed content must pass the check`);
      shelf.put(id, digestOf(bytes), { data: entry.data, body: entry.body.trim() ? entry.body : undefined });
      digests.set(`${kind}/${id}.md`, digestOf(bytes));
    }
    shelf.save();
    shelves.set(kind, shelf);
  }
  return { ids: shelvedIds(shelves)!, digests };
}

/** The input as the pages compute it (src/openData.ts). */
function pagesInput(digests: Map<string, string>): OpenDataInput {
  // A department's data without its narrative, which the content layer keeps apart.
  const narratives = new Map<Department, string>();
  const departments = loadDepartments().map(({ body, ...data }) => {
    narratives.set(data, body);
    return data;
  });
  const model = buildSiteModel(loadRegions(), departments, loadProjects());
  const report = buildQualityReport(model, (d) => narratives.get(d.data) ?? '');
  return { regions: model.regions, departments: model.departments, projects: model.projects, quality: { byProject: report.byProject, flaggedRows: report.flagged.length }, dataAsOf, digests };
}

const listed = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(json|csv|xlsx)$/.test(f)).sort();

function expectSameFiles(dir: string, expected: string) {
  expect(listed(dir).length).toBeGreaterThan(0);
  expect(listed(dir)).toEqual(listed(expected));
  const differ = listed(expected).filter((f) => !readFileSync(join(dir, f)).equals(readFileSync(join(expected, f))));
  expect(differ).toEqual([]);
}

describe('the order of entries', () => {
  test.each([
    { ids: ['130229/2023/a', '130229/2023/a-b'], order: ['130229/2023/a-b', '130229/2023/a'], why: "as listed: 'a-b.md' before 'a.md'" },
    { ids: ['13022/2024/z', '130229/2023/a'], order: ['13022/2024/z', '130229/2023/a'], why: 'a folder before a longer folder it begins' },
    { ids: ['130229-1/2023/a', '130229/2024/a'], order: ['130229/2024/a', '130229-1/2023/a'], why: 'folder by folder, not as one string' },
    { ids: ['500115/2024/b', '130229/2025/a', '130229/2023/c'], order: ['130229/2023/c', '130229/2025/a', '500115/2024/b'], why: 'regions, then years' },
  ])('$why', ({ ids, order }) => {
    expect(inFileOrder(ids, (id) => id)).toEqual(order);
  });
});

/**
 * The files the thread writes from the shelves of the seed content (`stale` changes the list of
 * entries the build posts) next to those written from the pages' input; whether it asked for that input.
 */
async function threadFiles(root: string, stale: (ids: ShelvedIds) => ShelvedIds = (ids) => ids) {
  const { ids, digests } = shelve(join(root, 'cache'));
  const posted = stale(ids);
  await writeOpenDataInThread(pagesInput(digests), { outDir: join(root, 'expected'), cacheDir: null, generator: 'g' }).done;
  const pending = startOpenDataThread({ outDir: join(root, 'out'), cacheDir: join(root, 'cache'), generator: 'g' });
  pending.prepare(posted);
  let asked = false;
  await pending.finish(dataAsOf, async () => {
    asked = true;
    return pagesInput(digests);
  }).done;
  expectSameFiles(join(root, 'out'), join(root, 'expected'));
  return { asked, content: openDataContent(join(root, 'cache'), posted) };
}

describe('the open-data thread with the content sync’s shelves', () => {
  test.each([
    { what: 'this build’s: the thread computes the input itself and never asks for it', stale: false },
    { what: 'not this build’s (a file changed since they were saved): the thread asks for the whole input', stale: true },
  ])('$what; the same files as the pages’ input makes', async ({ stale }) => {
    const root = mkdtempSync(join(tmpdir(), 'gongkai-od-input-'));
    try {
      const newer = (ids: ShelvedIds): ShelvedIds => ({ ...ids, projects: ids.projects.map(([id, digest], i) => [id, i === 0 ? `${digest}-newer` : digest]) });
      const { asked, content } = await threadFiles(root, stale ? newer : undefined);
      expect(asked).toBe(stale);
      if (stale) expect(content).toBeNull();
      else expect(content?.projects.length).toBe(loadProjects().length);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe.runIf(process.platform === 'linux')('the open-data thread’s OS priority', () => {
  /** A thread's nice value, from its stat line (field 19); null once it has ended. */
  const niceOf = (tid: string) => {
    try {
      return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    } catch {
      return null;
    }
  };

  test('it is lowered once the thread starts, and the thread that started it keeps its own', async () => {
    const own = readlinkSync('/proc/thread-self').split('/').pop()!;
    const ownNice = niceOf(own);
    const before = new Set(readdirSync('/proc/self/task'));
    const root = mkdtempSync(join(tmpdir(), 'gongkai-od-nice-'));
    const thread = startOpenDataThread({ outDir: join(root, 'dist'), cacheDir: null, generator: 'test' });
    try {
      let lowered: string | undefined;
      for (let i = 0; i < 200 && !lowered; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        lowered = readdirSync('/proc/self/task').find((tid) => !before.has(tid) && niceOf(tid) === BACKGROUND_NICE);
      }
      expect(lowered).toBeDefined();
      expect(niceOf(own)).toBe(ownNice);
    } finally {
      thread.cancel();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
