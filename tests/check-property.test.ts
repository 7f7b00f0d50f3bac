/**
 * The gate under hostile input: random bytes, random YAML-ish text and random mutations of
 * real content files. For every case the check must not throw, every problem must name
 * file, line, column and field, and a tree the check accepts must go through the build's own
 * per-file step (the content loader's buildEntry, with Astro's Markdown renderer configured
 * as in astro.config.mjs) without a refusal or an error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import config from '../astro.config.mjs';
import { checkContent, kindOf } from '../src/check/index.ts';
import { buildEntry } from '../src/check/loader.ts';
import type { Kind } from '../src/check/reader.ts';
import { FIXTURES } from './helpers/fixtures.ts';

const PROJECT = 'content/projects/130229/2023/13022923P00JXC415588T.md';
const DEPARTMENT = 'content/departments/130229/2023/287001.md';

type Render = Parameters<typeof buildEntry>[3];
let render: Render;

beforeAll(async () => {
  const processor = config.markdown!.processor!;
  const renderer = await processor.createRenderer({ syntaxHighlight: false, gfm: true, smartypants: false, image: {}, shikiConfig: {} } as never);
  render = async (body) => {
    const { code, metadata } = await renderer.render(body, { frontmatter: {} } as never);
    return { html: code, metadata } as Awaited<ReturnType<Render>>;
  };
});

/** Real files to mutate: the check fixtures' valid base and a real department of 23 projects. */
const SEEDS: Array<{ file: string; bytes: Uint8Array }> = [];
for (const dir of [join(FIXTURES, 'check/_base'), join(FIXTURES, 'check/unit-slip-in-a-large-department')]) {
  for (const rel of readdirSync(join(dir, 'content'), { recursive: true, encoding: 'utf8' })) {
    const file = `content/${rel.split('\\').join('/')}`;
    if (file.endsWith('.md') && kindOf(file) !== 'regions') SEEDS.push({ file, bytes: readFileSync(join(dir, file)) });
  }
}

/** One tree per worker, the valid base; each case overwrites one file of it. */
const root = mkdtempSync(join(tmpdir(), 'gongkai-property-'));
cpSync(join(FIXTURES, 'check/_base'), root, { recursive: true });
const BASE = new Map([PROJECT, DEPARTMENT].map((f) => [f, readFileSync(join(root, f))]));

interface Case {
  file: string;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

async function agree({ file, bytes }: Case) {
  // Seeds from the large department land on the base's own paths, so the tree stays small.
  const target = kindOf(file) === 'departments' ? DEPARTMENT : PROJECT;
  writeFileSync(join(root, target), bytes);
  try {
    const result = checkContent(root);
    for (const p of result.problems) {
      expect(p.file).toMatch(/^content\//);
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
      expect(p.path).not.toBe('');
      expect(p.message).not.toBe('');
      expect(p.hint).not.toBe('');
    }
    if (result.errors > 0) return;
    // Accepted by the check: the build's loader must build it.
    const built = await buildEntry(kindOf(target) as Kind, target, bytes, render);
    if ('refused' in built) expect.fail(`the check accepted ${target} but the build refused it:\n${built.refused.join('\n')}`);
    // The loader's shelf keeps each entry as JSON text, which the pages parse back.
    expect(JSON.parse(built.entry.packed)).toHaveProperty('data');
  } finally {
    writeFileSync(join(root, target), BASE.get(target)!);
  }
}

const yamlChars = fc.constantFrom(
  ...'abcdefgxyz019 :-_\n\n\n  \t"\'[]{},#&*!|>%@`?.<>/\\'.split(''),
  '中', '文', '：', '\u3000', '\u200B', '\u0000', '\u0085', '\uFEFF', '\r', '---', '...', 'id: ', 'name: ', 'total: ', '\n  - ', '<script>', '[x](javascript:a)', '2024-02-28', '0x1F', '.inf', '~', 'null',
);
const yamlText = fc.array(yamlChars, { maxLength: 120 }).map((parts) => parts.join(''));

const randomBytes = fc.record({ file: fc.constantFrom(PROJECT, DEPARTMENT), bytes: fc.uint8Array({ maxLength: 600 }) });

const randomYaml = fc
  .record({ file: fc.constantFrom(PROJECT, DEPARTMENT), head: yamlText, body: yamlText, fence: fc.constantFrom('---\n', '---\r\n', '\uFEFF---\n', '') })
  .map(({ file, head, body, fence }) => ({ file, bytes: encoder.encode(`${fence}${head}\n---\n${body}`) }));

/** An edit of a real file: cut, insert text or bytes, flip a byte, duplicate or drop a line. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: yamlText }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('line' as const), at: fc.nat(), drop: fc.boolean() }),
);

type Edit = { kind: 'cut' | 'insert' | 'bytes' | 'flip' | 'line'; at: number; length?: number; text?: string; bytes?: Uint8Array; bit?: number; drop?: boolean };

function join3(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length + c.length);
  out.set(a, 0);
  out.set(b, a.length);
  out.set(c, a.length + b.length);
  return out;
}

function applyOne(bytes: Uint8Array, m: Edit): Uint8Array {
  const at = bytes.length ? m.at % bytes.length : 0;
  switch (m.kind) {
    case 'cut':
      return join3(bytes.subarray(0, at), new Uint8Array(), bytes.subarray(at + m.length!));
    case 'insert':
      return join3(bytes.subarray(0, at), encoder.encode(m.text!), bytes.subarray(at));
    case 'bytes':
      return join3(bytes.subarray(0, at), m.bytes!, bytes.subarray(at));
    case 'flip': {
      const out = Uint8Array.from(bytes);
      if (out.length) out[at] ^= 1 << m.bit!;
      return out;
    }
    case 'line': {
      const lines = new TextDecoder().decode(bytes).split('\n');
      const i = m.at % lines.length;
      if (m.drop) lines.splice(i, 1);
      else lines.splice(i, 0, lines[i]);
      return encoder.encode(lines.join('\n'));
    }
  }
}

const mutated = fc
  .record({ seed: fc.constantFrom(...SEEDS), edits: fc.array(mutation, { minLength: 1, maxLength: 3 }) })
  .map(({ seed, edits }) => ({ file: seed.file, bytes: (edits as Edit[]).reduce(applyOne, seed.bytes) }));

// About 2,400 cases in all. The seed is fixed so that CI is repeatable; FC_SEED=<n> (or
// FC_SEED=random) explores other cases. A failure prints its seed and the shrunk case.
const seed = process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 20261121);
fc.configureGlobal({ seed });
describe('the check never throws and never accepts what the build refuses', () => {
  test('random bytes', async () => {
    await fc.assert(fc.asyncProperty(randomBytes, agree), { numRuns: 500 });
  });
  test('random YAML-ish text', async () => {
    await fc.assert(fc.asyncProperty(randomYaml, agree), { numRuns: 800 });
  });
  test('random edits of real content files', async () => {
    await fc.assert(fc.asyncProperty(mutated, agree), { numRuns: 1100 });
  });
});

test('npm run check exits 0 or 1 on hostile trees', () => {
  const cases: Case[] = fc.sample(fc.oneof(randomBytes, randomYaml, mutated), { numRuns: 3, seed: 42 });
  for (const c of cases) {
    const target = kindOf(c.file) === 'departments' ? DEPARTMENT : PROJECT;
    writeFileSync(join(root, target), c.bytes);
    const run = spawnSync(process.execPath, ['scripts/check.ts', '--root', root], { encoding: 'utf8' });
    writeFileSync(join(root, target), BASE.get(target)!);
    expect([0, 1]).toContain(run.status);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }
});
