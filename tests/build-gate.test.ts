/** What `npm run build` hands between the check's thread and Astro's build in one process (src/build/gate.ts, run.ts). */
import { resolve } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { awaitCheck, CheckRefused, contentWaitedMs, holdContentFor, LogHold, type Verdict } from '../src/build/gate.ts';
import { contentRoot } from '../src/build/run.ts';

afterEach(() => holdContentFor(Promise.resolve({ passed: true })));

test('the content loader waits for the check’s verdict, and goes on only when it passed', async () => {
  let decide!: (v: Verdict) => void;
  holdContentFor(new Promise((r) => (decide = r)));
  let through = false;
  const waiting = awaitCheck().then(() => (through = true));
  await new Promise((r) => setTimeout(r, 20));
  expect(through).toBe(false);
  decide({ passed: true });
  await waiting;
  expect(through).toBe(true);
  expect(contentWaitedMs()).toBeGreaterThanOrEqual(15);
});

test('a refused tree stops the content loader with an error that carries no stack', async () => {
  holdContentFor(Promise.resolve({ passed: false }));
  const error = await awaitCheck().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CheckRefused);
  expect((error as Error).stack).not.toMatch(/\n\s+at /);
});

test('Astro’s log lines wait for the report and come out in order; a dropped build prints none', () => {
  const out: string[] = [];
  const hold = new LogHold();
  hold.write(() => out.push('a'));
  hold.write(() => out.push('b'));
  expect(out).toEqual([]);
  out.push('report');
  hold.release();
  hold.write(() => out.push('c'));
  expect(out).toEqual(['report', 'a', 'b', 'c']);

  const dropped = new LogHold();
  dropped.write(() => out.push('x'));
  dropped.drop();
  dropped.write(() => out.push('y'));
  expect(out).toEqual(['report', 'a', 'b', 'c']);
});

test.each([
  [{}, '/p'],
  [{ GONGKAI_CONTENT: '/w/content' }, '/w'],
  [{ GONGKAI_CONTENT: 'tests/fixtures/site/content' }, '/p/tests/fixtures/site'],
])('the check reads the content the build reads: %o → %s', (env, root) => {
  expect(contentRoot('/p', env)).toBe(resolve(root));
});
