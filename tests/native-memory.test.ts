/**
 * `npm run build` keeps Rolldown's allocator off transparent huge pages (src/build/nativeMemory.ts):
 * what the kernel reports for a process that bundles with Rolldown, with and without the setting.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { avoidHugePageZeroing, nativeMemoryEnv } from '../src/build/nativeMemory.ts';
import { shardJob } from '../src/province/shard.ts';

test.each([
  { given: undefined, expected: '0' },
  { given: '1', expected: '1' },
  { given: '0', expected: '0' },
])('MIMALLOC_ALLOW_THP given as $given is $expected for the build', ({ given, expected }) => {
  const env: NodeJS.ProcessEnv = given === undefined ? {} : { MIMALLOC_ALLOW_THP: given };
  avoidHugePageZeroing(env);
  expect(env.MIMALLOC_ALLOW_THP).toBe(expected);
});

/** Bundles a few hundred modules with Rolldown in a fresh process and returns its AnonHugePages in KiB. */
function hugePagesAfterBundling(avoid: boolean): number {
  const script = `
    import { readFileSync } from 'node:fs';
    ${avoid ? `const { avoidHugePageZeroing } = await import('./src/build/nativeMemory.ts'); avoidHugePageZeroing();` : ''}
    const { rolldown } = await import('rolldown');
    const files = {};
    for (let i = 0; i < 300; i++) files['m' + i] = 'export const v' + i + ' = ' + JSON.stringify('x'.repeat(2000)) + ';' + (i ? "export * from 'm" + (i - 1) + "';" : '');
    const bundle = await rolldown({ input: 'm299', plugins: [{ name: 'memory', resolveId: (id) => id, load: (id) => files[id] }] });
    await bundle.generate();
    console.log(readFileSync('/proc/self/smaps_rollup', 'utf8').match(/AnonHugePages:\\s*(\\d+)/)[1]);
  `;
  const env = { ...process.env };
  delete env.MIMALLOC_ALLOW_THP;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
  expect(run.stderr).toBe('');
  return Number(run.stdout.trim());
}

test.skipIf(!existsSync('/proc/self/smaps_rollup'))('a process that bundles with Rolldown holds no huge pages once the build has set the option', ({ skip }) => {
  // Where the kernel gives no huge pages at all (THP set to never), there is nothing to turn off.
  if (hugePagesAfterBundling(false) === 0) skip('this kernel backs no memory with transparent huge pages');
  expect(hugePagesAfterBundling(true)).toBe(0);
});

test.each([
  { inherited: {}, expected: '0' },
  { inherited: { MIMALLOC_ALLOW_THP: '1' }, expected: '1' },
])('a province shard’s astro build gets MIMALLOC_ALLOW_THP=$expected when the operator’s environment is $inherited', ({ inherited, expected }) => {
  expect(nativeMemoryEnv(inherited).MIMALLOC_ALLOW_THP).toBe(expected);
  const content = mkdtempSync(join(tmpdir(), 'gongkai-thp-'));
  try {
    mkdirSync(join(content, 'regions'));
    writeFileSync(join(content, 'regions', '130101.md'), '---\n---\n');
    const saved = process.env.MIMALLOC_ALLOW_THP;
    if ('MIMALLOC_ALLOW_THP' in inherited) process.env.MIMALLOC_ALLOW_THP = inherited.MIMALLOC_ALLOW_THP;
    else delete process.env.MIMALLOC_ALLOW_THP;
    try {
      expect(shardJob(content, 0, 1, join(content, 'out'), join(content, 'cache')).env.MIMALLOC_ALLOW_THP).toBe(expected);
    } finally {
      if (saved === undefined) delete process.env.MIMALLOC_ALLOW_THP;
      else process.env.MIMALLOC_ALLOW_THP = saved;
    }
  } finally {
    rmSync(content, { recursive: true, force: true });
  }
});
