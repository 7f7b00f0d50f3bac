import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { measure, treeRss } from '../src/bench/measure.ts';

// The bench's memory figure names which program holds the memory (Node or Pagefind): the tree's
// total is the sum of its processes, and a child's memory is counted under the child's name.
test('treeRss counts a child process under its own program name', async () => {
  const child = spawn('sleep', ['5']);
  try {
    await new Promise((r) => setTimeout(r, 200));
    const { total, byProgram } = treeRss(process.pid);
    expect(byProgram.get('sleep')).toBeGreaterThan(0);
    expect(total).toBe([...byProgram.values()].reduce((a, b) => a + b, 0));
    expect(total).toBeGreaterThan(byProgram.get('sleep')!);
  } finally {
    child.kill();
  }
});

test('measure reports the peak of each program in the tree', async () => {
  const run = await measure('sh', ['-c', 'sleep 0.5 & wait'], {}, { intervalMs: 50 });
  expect(run.ok).toBe(true);
  expect(Object.keys(run.peakByProgram)).toEqual(expect.arrayContaining(['sh', 'sleep']));
  expect(run.peakTreeBytes).toBeGreaterThanOrEqual(Math.max(...Object.values(run.peakByProgram)));
});
