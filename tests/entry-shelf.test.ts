/** The loader's shelf of stored entries (src/lib/storedEntry.ts): what it keeps between builds, and what it ignores. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { EntryShelf, packJson, unpackEntry, type EntryContent } from '../src/lib/storedEntry.ts';

const content = { data: { name: '老年大学运行经费', amount: '12.5' }, body: '正文', html: '<p>正文</p>' };
const partsOf = (dir: string) => readdirSync(join(dir, 'gongkai-content', 'projects')).sort();

test('an entry put and saved is held under its digest by the next build, with its content', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-'));
  const shelf = EntryShelf.open(dir, 'projects');
  shelf.put('110000/2025/P1', 'digest-1', content);
  shelf.save();
  const next = EntryShelf.open(dir, 'projects');
  expect(next.holds('110000/2025/P1', 'digest-1')).toBe(true);
  expect(next.holds('110000/2025/P1', 'digest-2')).toBe(false);
  expect(unpackEntry(next.get('110000/2025/P1')!.data)).toEqual(content);
  // Another collection's shelf is another folder.
  expect(EntryShelf.open(dir, 'departments').values()).toEqual([]);
});

test("an edit rewrites its region's file only; a region left without entries loses its file", () => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-'));
  const shelf = EntryShelf.open(dir, 'projects');
  for (const id of ['110000/2025/P1', '110000/2025/P2', '120000/2025/P1', '130000/2024/P1']) shelf.put(id, `d-${id}`, content);
  shelf.save();
  expect(partsOf(dir)).toEqual(['110000.bin', '120000.bin', '130000.bin']);
  const untouched = statSync(join(dir, 'gongkai-content', 'projects', '120000.bin')).mtimeMs;
  const bytes = readFileSync(join(dir, 'gongkai-content', 'projects', '120000.bin'));

  const next = EntryShelf.open(dir, 'projects');
  next.put('110000/2025/P2', 'd-edited', content);
  next.retain((id) => !id.startsWith('130000/'));
  next.save();
  expect(partsOf(dir)).toEqual(['110000.bin', '120000.bin']);
  expect(statSync(join(dir, 'gongkai-content', 'projects', '120000.bin')).mtimeMs).toBe(untouched);
  expect(readFileSync(join(dir, 'gongkai-content', 'projects', '120000.bin')).equals(bytes)).toBe(true);

  const after = EntryShelf.open(dir, 'projects');
  expect(after.values().map((e) => `${e.id} ${e.digest}`).sort()).toEqual(['110000/2025/P1 d-110000/2025/P1', '110000/2025/P2 d-edited', '120000/2025/P1 d-120000/2025/P1']);
});

test.each([
  ['missing', null],
  ['not a shelf', 'plain text'],
  ['truncated', 'cut'],
])('a shelf file that is %s holds nothing (its files are loaded again)', (_, bytes) => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-'));
  const file = join(dir, 'gongkai-content', 'projects', '110000.bin');
  if (bytes === 'cut') {
    const shelf = EntryShelf.open(dir, 'projects');
    shelf.put('110000/2025/P1', 'd', content);
    shelf.save();
    writeFileSync(file, readFileSync(file).subarray(0, 20));
  } else if (bytes) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, bytes);
  }
  expect(existsSync(file)).toBe(bytes !== null);
  const shelf = EntryShelf.open(dir, 'projects');
  expect(shelf.values()).toEqual([]);
  expect(shelf.holds('110000/2025/P1', 'd')).toBe(false);
});

// The check's store keeps each entry's data as JSON text, which the loader shelves without parsing it.
test.each<[string, EntryContent]>([
  ['data alone', { data: { name: '老年大学运行经费', amount: '12.5', parsed: null, rows: [{ a: 1 }] } }],
  ['a body and its HTML', content],
  ['text that JSON escapes', { data: { name: '引号"与\\反斜杠\u2028' }, body: '第一行\n"第二行"', html: '<p>"</p>' }],
  ['an empty body', { data: {}, body: '', html: '' }],
])('data as JSON text packs to the very string of the whole entry: %s', (_, entry) => {
  const { packed } = packJson(JSON.stringify(entry.data), entry.body, entry.html);
  expect(packed).toBe(JSON.stringify(entry));
  expect(JSON.parse(packed)).toEqual(entry);
});
