/** `npm run dev`'s check: a saved content file is checked again and the report names it and its problems. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { watchContent, type DevReport } from '../src/lib/devCheck.ts';

const PROJECT = 'projects/130229/2023/13022923P00JXC415588T.md';
const root = mkdtempSync(join(tmpdir(), 'gongkai-dev-'));
cpSync('content', join(root, 'content'), { recursive: true });

const reports: DevReport[] = [];
let waiting: ((r: DevReport) => void) | null = null;
const stop = watchContent(root, (r) => {
  reports.push(r);
  waiting?.(r);
});
afterAll(stop);
const nextReport = () => new Promise<DevReport>((resolve) => (waiting = resolve));

test('saving a broken file reports its error; saving the fix clears it', async () => {
  const file = join(root, 'content', PROJECT);
  const good = readFileSync(file, 'utf8');
  let report = nextReport();
  writeFileSync(file, good.replace('total: "50000.00"', 'total: "50,000.00"'));
  const broken = await report;
  expect(broken.changed).toEqual([PROJECT]);
  expect(broken.errors).toBeGreaterThan(0);
  expect(broken.text).toContain(`content/${PROJECT}:9:9  total`);

  report = nextReport();
  writeFileSync(file, good);
  const fixed = await report;
  expect(fixed.errors).toBe(0);
  expect(fixed.text).toMatch(/0 个错误/);
});
