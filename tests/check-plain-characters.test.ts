/** The check's shortcut past its character scans (src/check/strictYaml.ts): it never passes a character the scans would stop at. */
import { expect, test } from 'vitest';
import { FORBIDDEN_CHARACTER, onlyPlainCharacters } from '../src/check/strictYaml.ts';
import { checkContent } from '../src/check/index.ts';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LINE_SCAN = /[\t\u3000：]/;

test('every UTF-16 code unit it calls plain is one neither scan looks for', () => {
  const wrongly: string[] = [];
  let plain = 0;
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    if (!onlyPlainCharacters(ch)) continue;
    plain++;
    if (FORBIDDEN_CHARACTER.test(ch) || LINE_SCAN.test(ch)) wrongly.push(c.toString(16));
  }
  expect(wrongly).toEqual([]);
  // The content's own characters are plain: CJK, full-width punctuation, ≥ ≤ ％ “ ” — …
  expect(onlyPlainCharacters('老年大学≥100次，“覆盖率”达到１００％—全年…\n- value: ≥4 次 ¥×·')).toBe(true);
  expect(plain).toBeGreaterThan(40_000);
});

test.each([
  ['a tab', 'a\tb'],
  ['an ideographic space', '\u3000a'],
  ['a full-width colon', 'name：值'],
  ['a zero-width space', '老年\u200B大学'],
  ['a soft hyphen', 'a\u00ADb'],
  ['a byte-order mark', '\uFEFFa'],
  ['a line separator', 'a\u2028b'],
  ['a replacement character', '乱码\uFFFD'],
  ['a carriage return', 'a\rb'],
  ['an emoji (a surrogate pair)', 'a😀'],
])('a text with %s is left to the scans', (_, text) => {
  expect(onlyPlainCharacters(text)).toBe(false);
});

test('a project with a zero-width space in its body or front matter is still refused', () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-plain-'));
  const dir = join(root, 'content', 'projects', '130229', '2023');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'P1.md'), '---\nid: P1\nname: "老年\u200B大学"\n---\n正文\u200B\n');
  const codes = checkContent(root).problems.filter((p) => p.file.endsWith('P1.md')).map((p) => [p.code, p.line]);
  expect(codes).toContainEqual(['invisible-character', 3]);
  expect(codes).toContainEqual(['invisible-character', 5]);
});
