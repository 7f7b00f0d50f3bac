/**
 * The editors' guide cannot drift from the code: its field reference is what the schemas
 * generate now, every field has an explanation, and every rule the checker reports is explained.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { COLLECTIONS, collectFieldDocs } from '../src/lib/fieldDocs.ts';
import { extractSection, GUIDE, SECTIONS } from '../src/lib/guide.ts';
import { check, FIXTURES } from './helpers/fixtures.ts';

const guide = readFileSync(GUIDE, 'utf8');

describe('docs/编辑指南.md', () => {
  test.each(SECTIONS.map((s) => [s.name, s]))('%s is what the code generates now (run npm run docs after changing a schema or a rule)', (_name, section) => {
    expect(extractSection(guide, section.name)).toBe(section.render());
  });

  test.each(COLLECTIONS.map((c) => [c.folder, c]))('every field of %s is listed, with an explanation', (_folder, c) => {
    const docs = collectFieldDocs()[c.folder];
    const listed = new Set(docs.map((d) => d.path));
    for (const key of Object.keys((c.schema as unknown as { shape: object }).shape)) expect(listed, key).toContain(key);
    expect(docs.filter((d) => !d.path.endsWith('[]') && !d.doc).map((d) => d.path)).toEqual([]);
  });

  test('every rule the checker reports on the check fixtures, and every rule named in the source, is explained', async () => {
    const codes = new Set<string>();
    for (const group of ['check', 'check-many', 'check-valid']) {
      for (const name of readdirSync(join(FIXTURES, group))) {
        if (!name.startsWith('_')) for (const p of (await check(`${group}/${name}`)).problems) codes.add(p.code);
      }
    }
    const sources = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8'));
    for (const text of [...sources('src/check'), ...sources('src/lib'), ...sources('src/schemas')]) {
      for (const m of text.matchAll(/\bcode: '([a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]+)'/g)) if (m[1] !== 'custom') codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(10);
    const documented = [...guide.matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1]);
    expect([...codes].filter((c) => !documented.includes(c)).sort()).toEqual([]);
  });

  test('the README links to the guide', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('docs/编辑指南.md');
  });
});
