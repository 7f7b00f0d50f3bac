/**
 * A content file split into its front matter and body: the line numbers of both, as every
 * problem the check reports counts them, for the ways editors' files start and end.
 */
import { describe, expect, test } from 'vitest';
import { splitFrontmatter } from '../src/check/frontmatter.ts';

describe('a file split into front matter and body', () => {
  test.each([
    ['a plain file', '---\nname: 甲\nyear: 2024\n---\n正文\n', { yaml: 'name: 甲\nyear: 2024', yamlLine: 2, body: '正文\n', bodyLine: 5 }],
    ['Windows line endings and a BOM', '\uFEFF---\r\nname: 甲\r\n---\r\n正文\r\n第二行', { yaml: 'name: 甲', yamlLine: 2, body: '正文\n第二行', bodyLine: 4 }],
    ['old Mac line endings', '---\rname: 甲\r---\r正文', { yaml: 'name: 甲', yamlLine: 2, body: '正文', bodyLine: 4 }],
    ['a closing fence of dots and trailing spaces', '---  \nname: 甲\n...  \t\n正文', { yaml: 'name: 甲', yamlLine: 2, body: '正文', bodyLine: 4 }],
    ['the closing fence as the last line', '---\nname: 甲\n---', { yaml: 'name: 甲', yamlLine: 2, body: '', bodyLine: 4 }],
    ['empty front matter', '---\n---\n正文', { yaml: '', yamlLine: 2, body: '正文', bodyLine: 3 }],
    ['a body holding a fence of its own', '---\na: 1\n---\n\n---\nb: 2\n', { yaml: 'a: 1', yamlLine: 2, body: '\n---\nb: 2\n', bodyLine: 4 }],
    ['a longer dash line inside the front matter', '---\na: 1\n----\nb: 2\n---\n', { yaml: 'a: 1\n----\nb: 2', yamlLine: 2, body: '', bodyLine: 6 }],
  ])('%s', (_what, source, file) => {
    expect(splitFrontmatter(source)).toEqual({ ok: true, file });
  });

  test.each([
    ['no opening fence', 'name: 甲\n---\n', '文件没有以 front matter 开头'],
    ['an empty file', '', '文件没有以 front matter 开头'],
    ['only the opening fence', '---', 'front matter 没有结束'],
    ['no closing fence', '---\nname: 甲\n--\n正文', 'front matter 没有结束'],
  ])('%s is refused on line 1', (_what, source, message) => {
    expect(splitFrontmatter(source)).toMatchObject({ ok: false, line: 1, message });
  });
});
