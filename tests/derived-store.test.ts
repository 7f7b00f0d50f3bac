/**
 * The store of values derived from content files (src/lib/derivedStore.ts): a value is reused
 * only under the same key, and the store is written again only when writing it is worth it.
 */
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DerivedStore, readStoreExtra, readStoreFile, writeStoreFile } from '../src/lib/derivedStore.ts';

/** A build that asks the store for `keys`, computing a value as `key:computed`; returns what it got and how many it computed. */
function build(folder: string, keys: string[]) {
  const store = DerivedStore.open<string>(folder, 'values.bin', 'code-1');
  let computed = 0;
  const values = keys.map((key) =>
    store.get(key, () => {
      computed++;
      return `${key}:computed`;
    }),
  );
  store.save();
  return { values, computed };
}

const keys = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('a derived store between builds', () => {
  test.each([
    { what: 'one value of 100 changed (an edit)', next: [...keys(99), 'new0'], written: false, computedNext: 1 },
    { what: 'ten values of 100 changed', next: [...keys(90), ...keys(10, 'new')], written: true, computedNext: 0 },
    { what: 'a value added', next: [...keys(100), 'new0'], written: true, computedNext: 0 },
    { what: 'nothing changed', next: keys(100), written: false, computedNext: 0 },
  ])('$what: written again $written; the build after computes $computedNext again', ({ next, written, computedNext }) => {
    const folder = mkdtempSync(join(tmpdir(), 'gongkai-derived-'));
    try {
      expect(build(folder, keys(100)).computed).toBe(100);
      const file = join(folder, 'values.bin');
      const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
      const second = build(folder, next);
      expect(second.values).toEqual(next.map((k) => `${k}:computed`));
      expect(second.computed).toBe(next.filter((k) => !k.startsWith('k')).length);
      expect(!readFileSync(file).equals(before.bytes)).toBe(written);
      const third = build(folder, next);
      expect(third.values).toEqual(next.map((k) => `${k}:computed`));
      expect(third.computed).toBe(computedNext);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('values computed again pile up until they are worth writing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gongkai-derived-'));
    try {
      build(folder, keys(100));
      // Each build edits one more value: the store is left as it was while they are few.
      const computed: number[] = [];
      for (let edits = 1; edits <= 8; edits++) computed.push(build(folder, [...keys(100 - edits), ...keys(edits, 'new')]).computed);
      expect(computed).toEqual([1, 2, 3, 4, 5, 1, 2, 3]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a store file with an extra section', () => {
  const first = new Map([['a.md', { problems: 0 }]]);
  const extra = new Map([['a.md', { data: '{"x":1}', body: '正文' }]]);

  test.each([
    { what: 'with an extra section', write: extra, read: { first, extra } },
    { what: 'without one', write: undefined, read: { first, extra: null } },
  ])('$what: each section is read on its own, under this layout and code only', ({ write, read }) => {
    const folder = mkdtempSync(join(tmpdir(), 'gongkai-derived-'));
    try {
      const file = join(folder, 'store.bin');
      writeStoreFile(file, 3, 'code-1', first, write);
      expect(readStoreFile(file, 3, 'code-1')).toEqual(read.first);
      // Only the first section's bytes, when the file says where the extra one starts.
      expect(readStoreFile(file, 3, 'code-1', { withExtra: true })).toEqual(write ? read.first : null);
      expect(readStoreExtra(file, 3, 'code-1')).toEqual(read.extra);
      expect(readStoreExtra(file, 3, 'code-2')).toBeNull();
      expect(readStoreExtra(file, 4, 'code-1')).toBeNull();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
