/**
 * The editors' gate, one folder per case: tests/fixtures/check/<case>/ holds the content it
 * adds to the valid base (`content/`, or a `make.ts` for input too big for git) and
 * `expected.txt`, every line an editor sees. UPDATE_EXPECTED=1 rewrites the expected files
 * (review the diff before committing).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { check, CHECK_CASES, FIXTURES } from './helpers/fixtures.ts';
import { CROSS_FILE_RULES } from '../src/check/crossFile.ts';

describe('each case is reported with file, line, field, message and hint', () => {
  test.each(CHECK_CASES)('%s', async (name) => {
    const expectedFile = join(FIXTURES, 'check', name, 'expected.txt');
    const { text } = await check(`check/${name}`);
    if (process.env.UPDATE_EXPECTED) writeFileSync(expectedFile, `${text}\n`);
    expect(existsSync(expectedFile), `${expectedFile} is missing; run with UPDATE_EXPECTED=1 and review it`).toBe(true);
    expect(text).toBe(readFileSync(expectedFile, 'utf8').trimEnd());
  });
});

test.each(CROSS_FILE_RULES.map((r) => r.code))('cross-file rule %s has a fixture folder that sets it off', (code) => {
  expect(CHECK_CASES).toContain(code);
  expect(readFileSync(join(FIXTURES, 'check', code, 'expected.txt'), 'utf8')).toContain(`[${code}]`);
});

describe('valid edge cases pass', () => {
  test.each(['crlf-and-bom', 'exact-decimals', 'department-without-unit-code'])('%s', async (name) => {
    const result = await check(`check-valid/${name}`);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

test('one run over ten bad files reports all ten, one error each', async () => {
  const result = await check('check-many');
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(new Set(errors.map((p) => p.file)).size).toBe(10);
  expect(errors).toHaveLength(10);
  expect(result.text.split('\n').at(-1)).toBe('检查了 13 个文件：10 个错误，0 个警告');
});
