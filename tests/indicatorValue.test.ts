import { describe, expect, test } from 'vitest';
import { normaliseOperator, parseIndicatorValue } from '../src/lib/indicatorValue.ts';

describe('parseIndicatorValue: real 指标值 from the seeds', () => {
  test.each([
    ['≥100老年大学全年开展课程次数', { operator: '≥', number: '100', remark: '老年大学全年开展课程次数' }],
    ['>＝150', { operator: '≥', number: '150' }],
    ['>=5', { operator: '≥', number: '5' }],
    ['≥4 次', { operator: '≥', number: '4', unit: '次' }],
    ['≥90%', { operator: '≥', number: '90', unit: '%' }],
    ['100%', { number: '100', unit: '%' }],
    ['≥9%', { operator: '≥', number: '9', unit: '%' }],
    ['≥11个学年度的教学目标', { operator: '≥', number: '11', remark: '个学年度的教学目标' }],
    ['≥10 人', { operator: '≥', number: '10', unit: '人' }],
    ['2', { number: '2' }],
    ['1800', { number: '1800' }],
    // A leading number followed by words, without an operator, could mean anything: kept as text.
    ['2每个村8万元', {}],
    ['实现全县750各村全覆盖', {}],
    ['为老干部安度晚年提供关心关爱', {}],
    ['村级组织业务能力增强', {}],
    ['', {}],
  ])('%s', (printed, expected) => {
    expect(parseIndicatorValue(printed)).toEqual(expected);
  });
});

describe('normaliseOperator', () => {
  test.each([
    ['=', '='],
    ['＝', '='],
    ['≥', '≥'],
    ['>=', '≥'],
    ['>＝', '≥'],
    ['≤', '≤'],
    ['<', '<'],
    ['约', null],
    ['≥≥', null],
  ])('%s → %s', (text, op) => {
    expect(normaliseOperator(text)).toBe(op);
  });
});
