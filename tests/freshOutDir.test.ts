/** The output folder is emptied by renaming it aside; nothing of the old output stays behind. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { emptyOutDir } from '../src/integrations/freshOutDir.ts';

async function gone(path: string) {
  for (let i = 0; i < 100 && existsSync(path); i++) await new Promise((r) => setTimeout(r, 50));
  return !existsSync(path);
}

test('an old output is renamed aside, emptied but for .git, and deleted in the background', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-out-'));
  const out = join(parent, 'dist');
  mkdirSync(join(out, 'a', 'b'), { recursive: true });
  writeFileSync(join(out, 'a', 'b', 'index.html'), 'old page');
  writeFileSync(join(out, 'stale.csv'), 'old file');
  mkdirSync(join(out, '.git'));
  writeFileSync(join(out, '.git', 'HEAD'), 'ref: refs/heads/gh-pages');
  expect(emptyOutDir(out)).toBe('renamed');
  expect(readdirSync(out)).toEqual(['.git']);
  expect(existsSync(join(out, '.git', 'HEAD'))).toBe(true);
  const aside = readdirSync(parent).filter((f) => f !== 'dist');
  expect(aside.every((f) => f.startsWith('.dist-previous-'))).toBe(true);
  for (const f of aside) expect(await gone(join(parent, f))).toBe(true);
});

test('no output yet: nothing to do; leftovers of a stopped build are deleted', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'gongkai-out-'));
  const leftover = join(parent, '.dist-previous-1-2');
  mkdirSync(join(leftover, 'x'), { recursive: true });
  expect(emptyOutDir(join(parent, 'dist'))).toBe('none');
  expect(await gone(leftover)).toBe(true);
});
