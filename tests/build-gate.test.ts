/** What `npm run build` hands between the check's thread and Astro's build in one process (src/build/gate.ts, run.ts). */
import { resolve } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AstroInlineConfig } from 'astro';
import { awaitCheck, CheckRefused, contentWaitedMs, holdContentFor, LogHold, logHold, type Verdict } from '../src/build/gate.ts';
import { checkAndBuild, contentRoot } from '../src/build/run.ts';
import type { CheckOutcome } from '../src/build/check.ts';

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

/**
 * A build as Astro's runs beside the check: it logs while starting (through the hold, as the
 * project's log destination does), then its content loader waits for the verdict, then it writes.
 * The check answers only after the build has logged, as a large corpus's check does.
 */
async function buildBeside(errors: number) {
  const seen: string[] = [];
  let config: AstroInlineConfig | undefined;
  let stopped: unknown;
  let logged!: () => void;
  const started = new Promise<void>((r) => (logged = r));
  const end = await checkAndBuild(
    {
      verbose: false,
      env: {},
      check: async () => {
        await started;
        return { report: `report: ${errors} errors`, errors, warnings: 0, seconds: 1 } satisfies CheckOutcome;
      },
      build: async (c) => {
        config = c;
        logHold.get()!.write(() => seen.push('astro: starting'));
        logged();
        try {
          await awaitCheck();
        } catch (e) {
          stopped = e;
          throw e;
        }
        seen.push('astro: wrote the output');
      },
    },
    ({ report }) => seen.push(report),
  );
  // Lets a build that was refused reach its loader's answer.
  await new Promise((r) => setTimeout(r, 0));
  return { end, seen, config, stopped };
}

test('npm run build: the check’s report comes before any line of Astro’s, and the build goes on after it', async () => {
  const { end, seen, config } = await buildBeside(0);
  expect(end.ok).toBe(true);
  expect(seen).toEqual(['report: 0 errors', 'astro: starting', 'astro: wrote the output']);
  // The project's config as it is, so that Astro's incremental cache (keyed by the config) is the
  // one `astro build` uses; its log destination is the one that honours the hold.
  expect(config).toEqual({ root: resolve('.'), logLevel: 'info' });
  expect(readFileSync('astro.config.mjs', 'utf8')).toMatch(/logger: \{ entrypoint: '\.\/src\/build\/heldLog\.ts' \}/);
});

test('npm run build on a refused tree: the report alone, and the build stops at its content loader without writing', async () => {
  const { end, seen, stopped } = await buildBeside(2);
  expect(end.ok).toBe(false);
  expect(seen).toEqual(['report: 2 errors']);
  expect(stopped).toBeInstanceOf(CheckRefused);
});
