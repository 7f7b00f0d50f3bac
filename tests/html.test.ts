import { describe, expect, test } from 'vitest';
import { attr, text } from '../src/lib/html.ts';

// The tables built as strings (src/lib/tables.ts) must escape exactly as Astro's `{text}` and
// `name={value}` did, or a page changes and an injected tag could run.
describe('text escapes as Astro writes {text}', () => {
  test.each([
    ['预算数', '预算数'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['A & B', 'A &amp; B'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &#39;single&#39;'],
    ['&amp;', '&amp;amp;'],
    [42, '42'],
    ['', ''],
  ])('%j → %j', (value, html) => {
    expect(text(value)).toBe(html);
  });

  test('escapes every occurrence in strings read one after another', () => {
    expect([text('a<b'), text('c<d<e'), text('<')]).toEqual(['a&lt;b', 'c&lt;d&lt;e', '&lt;']);
  });
});

describe('attr writes name={value} as Astro does', () => {
  test.each([
    ['data-sort-value', '183834700', ' data-sort-value="183834700"'],
    ['data-sort-value', 12, ' data-sort-value="12"'],
    ['data-sort-value', '', ' data-sort-value'],
    ['class', undefined, ''],
    ['class', null, ''],
    ['href', '/a?b=1&c="2"', ' href="/a?b=1&amp;c=&quot;2&quot;"'],
    ['data-label', '<b>', ' data-label="<b>"'],
  ] as const)('%s=%j', (name, value, html) => {
    expect(attr(name, value)).toBe(html);
  });
});
