/**
 * Splits a content file into its YAML front matter and Markdown body, keeping the line
 * numbers of both so that every problem can be reported against the file as the editor
 * sees it. A BOM and CRLF line endings are accepted.
 */

export interface SplitFile {
  /** The YAML text between the `---` fences, with `\n` line endings. */
  yaml: string;
  /** 1-based file line of the YAML's first line. */
  yamlLine: number;
  /** The Markdown body after the closing fence. */
  body: string;
  /** 1-based file line of the body's first line. */
  bodyLine: number;
}

export type SplitResult = { ok: true; file: SplitFile } | { ok: false; line: number; message: string; hint: string };

export function splitFrontmatter(source: string): SplitResult {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0].trim() !== '---') {
    return {
      ok: false,
      line: 1,
      message: '文件没有以 front matter 开头',
      hint: '第一行必须是 ---，然后是 YAML 字段，再用一行 --- 结束',
    };
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) {
    return { ok: false, line: 1, message: 'front matter 没有结束', hint: '在 YAML 字段之后加一行 ---' };
  }
  return {
    ok: true,
    file: {
      yaml: lines.slice(1, end).join('\n'),
      yamlLine: 2,
      body: lines.slice(end + 1).join('\n'),
      bodyLine: end + 2,
    },
  };
}
