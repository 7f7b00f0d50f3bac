/** The loader's shelf of stored entries (src/lib/storedEntry.ts): what it keeps between builds, and what it ignores. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { EntryShelf, unpackEntry } from '../src/lib/storedEntry.ts';

const content = { data: { name: '老年大学运行经费', amount: '12.5' }, body: '正文', html: '<p>正文</p>' };

test('an entry put and saved is held under its digest by the next build, with its content', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-'));
  const shelf = EntryShelf.open(dir, 'projects');
  shelf.put('110000/2025/P1', 'digest-1', content);
  shelf.save();
  const next = EntryShelf.open(dir, 'projects');
  expect(next.holds('110000/2025/P1', 'digest-1')).toBe(true);
  expect(next.holds('110000/2025/P1', 'digest-2')).toBe(false);
  expect(unpackEntry(next.get('110000/2025/P1')!.data)).toEqual(content);
  // Another collection's shelf is another file.
  expect(EntryShelf.open(dir, 'departments').values()).toEqual([]);
});

test('retain drops the entries of files no longer listed, and the next build no longer holds them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-'));
  const shelf = EntryShelf.open(dir, 'projects');
  for (const id of ['a', 'b', 'c']) shelf.put(id, `d-${id}`, content);
  shelf.save();
  const next = EntryShelf.open(dir, 'projects');
  next.retain((id) => id !== 'b');
  next.save();
  expect(EntryShelf.open(dir, 'projects').values().map((e) => e.id)).toEqual(['a', 'c']);
});

test.each([
  ['missing', null],
  ['not a shelf', 'plain text'],
  ['truncated', 'cut'],
])('a shelf file that is %s holds nothing (every file is loaded again)', (_, bytes) => {
  const dir = mkdtempSync(join(tmpdir(), 'shelf-'));
  if (bytes === 'cut') {
    const shelf = EntryShelf.open(dir, 'projects');
    shelf.put('a', 'd-a', content);
    shelf.save();
    const path = join(dir, 'gongkai-content-projects.bin');
    writeFileSync(path, readFileSync(path).subarray(0, 20));
  } else if (bytes) writeFileSync(join(dir, 'gongkai-content-projects.bin'), bytes);
  const shelf = EntryShelf.open(dir, 'projects');
  expect(shelf.values()).toEqual([]);
  expect(shelf.holds('a', 'd-a')).toBe(false);
});
