/** pruneTree: the files refused go, and every folder left empty with them, however deep. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { listTree, pruneTree, walkTree } from '../src/lib/pruneTree.ts';

test.each([
  ['a kept file keeps its folders', ['a/b/keep.html'], [], ['a/b/keep.html'], ['a', 'a/b']],
  ['a deleted file takes its folders up to the one that still holds something', ['a/b/c/gone.html', 'a/keep.html'], [], ['a/keep.html'], ['a']],
  ['a folder beside a deleted file that holds a kept one stays', ['a/b/gone.html', 'a/c/keep.html'], [], ['a/c/keep.html'], ['a', 'a/c']],
  ['a folder that held nothing goes, and the folders it alone filled', ['keep.html'], ['x/y/z'], ['keep.html'], []],
  ['an empty folder beside a kept file goes, the folder above it stays', ['x/keep.html'], ['x/y'], ['x/keep.html'], ['x']],
  ['everything deleted', ['a/b/1.html', 'a/2.html', 'c/3.html'], ['d'], [], []],
])('%s', (_, files, empty, keep, folders) => {
  const dir = mkdtempSync(join(tmpdir(), 'prune-tree-'));
  for (const f of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), f);
  }
  for (const d of empty) mkdirSync(join(dir, d), { recursive: true });
  expect(pruneTree(dir, (path) => keep.includes(path))).toBe(files.length - keep.length);
  const left = walkTree(dir);
  expect(left.files.sort()).toEqual(keep.sort());
  expect(left.folders.sort()).toEqual(folders.sort());
});

test('listTree, which reads without blocking, lists what walkTree does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prune-tree-'));
  for (const f of ['a/b/1.html', 'a/2.html', 'c/d/e/3.html', '.git/HEAD', 'x.json']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), f);
  }
  mkdirSync(join(dir, 'empty', 'deeper'), { recursive: true });
  const walked = walkTree(dir);
  const listed = await listTree(dir);
  expect(listed.files.sort()).toEqual(walked.files.sort());
  expect(new Set(listed.folders)).toEqual(new Set(walked.folders));
  expect(listed.emptyFolders).toEqual(walked.emptyFolders);
  expect(walked.files).toContain(join('c', 'd', 'e', '3.html'));
  expect(walked.files).not.toContain(join('.git', 'HEAD'));
});
