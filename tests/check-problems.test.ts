/** The one Problem shape: invisible characters made visible, and the editor's report at scale. */
import { describe, expect, test } from 'vitest';
import { countProblem, emptyCounts, formatPath, formatProblem, formatReport, showInvisible, type Problem } from '../src/problems.ts';

test.each([
  ['na\u200Bme', 'na\\u200Bme'],
  ['a\u0000b', 'a\\u0000b'],
  ['\uFEFFid', '\\uFEFFid'],
  ['全角\u3000空格', '全角\\u3000空格'],
  ['tab\tand space kept', 'tab\tand space kept'],
  ['右\u202E左', '右\\u202E左'],
  ['普通文字 123', '普通文字 123'],
])('showInvisible(%j) is %j', (text, shown) => {
  expect(showInvisible(text)).toBe(shown);
});

test('a printed problem shows an invisible character in a key, a message and a hint', () => {
  const p: Problem = { file: 'content/x.md', line: 4, column: 3, path: formatPath(['indicators', 'rows', 3, 'na\u200Bme']), message: '不认识的字段 na\u200Bme', hint: '删除\u0000', severity: 'error', code: 'unknown-field' };
  expect(formatProblem(p)).toBe('content/x.md:4:3  indicators.rows[3].na\\u200Bme  不认识的字段 na\\u200Bme  [unknown-field]\n    提示：删除\\u0000');
});

test('a printed problem cuts a message that quotes a huge field', () => {
  const p: Problem = { file: 'f', line: 1, column: 1, path: 'purpose', message: `文字“${'长'.repeat(100_000)}”`, hint: 'h', severity: 'error', code: 'c' };
  expect(formatProblem(p).length).toBeLessThan(400);
});

const problem = (n: number, severity: Problem['severity'], code: string): Problem => ({
  file: `content/projects/x${n}.md`,
  line: n,
  column: 1,
  path: 'indicators.rows[0].value',
  message: `message ${n}`,
  hint: 'hint',
  severity,
  code,
});

describe('the report', () => {
  const problems = [problem(1, 'error', 'unit-slip'), ...Array.from({ length: 5 }, (_, i) => problem(i + 2, 'warning', i % 2 ? 'b-rule' : 'a-rule'))];
  const counts = emptyCounts();
  for (const p of problems) countProblem(counts, p);

  test('lists errors in full and summarises warnings per rule by default', () => {
    expect(formatReport(problems, counts, { subject: '检查了 6 个文件' })).toBe(
      [
        'content/projects/x1.md:1:1  indicators.rows[0].value  message 1  [unit-slip]',
        '    提示：hint',
        '警告 5 个，按规则汇总（加 --verbose 逐条显示）：',
        '  [a-rule] 3 个，例如 content/projects/x2.md:2:1  indicators.rows[0].value  message 2',
        '  [b-rule] 2 个，例如 content/projects/x3.md:3:1  indicators.rows[0].value  message 3',
        '检查了 6 个文件：1 个错误，5 个警告',
      ].join('\n'),
    );
  });

  test('lists every warning with verbose', () => {
    const text = formatReport(problems, counts, { subject: 's', verbose: true });
    expect(text.split('\n').filter((l) => l.includes('  警告 message'))).toHaveLength(5);
    expect(text).not.toContain('按规则汇总');
  });
});
