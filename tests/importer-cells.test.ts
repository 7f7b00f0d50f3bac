import { describe, expect, test } from 'vitest';
import { readAmount, splitNumbered } from '../src/importer/common.ts';
import { removeWrapSpaces } from '../src/importer/rows.ts';
import { joinWrappedLabels } from '../src/importer/levelsTable.ts';
import { htmlItems } from '../src/importer/namedTable.ts';

describe('readAmount: amounts as printed, exact', () => {
  test.each([
    ['50000.00', '元', { amount: '50000.00' }],
    ['5.00', '万元', { amount: '5.00' }],
    ['3,309,840.00', '元', { amount: '3309840.00' }],
    ['', '元', { amount: null }],
    ['共计12.5万元（其中财政资金10万元）', '万元', { amount: '12.5' }],
    ['共计12.5万元', '元', { amount: '12.5', unit: '万元', error: '金额“共计12.5万元”的单位是 万元，与文件单位 元 不同' }],
    ['见附表', '元', { amount: null, error: '读不出金额：“见附表”' }],
  ] as const)('%s (%s)', (text, unit, expected) => {
    expect(readAmount(text, unit)).toEqual(expected);
  });
});

describe('splitNumbered: goals keep their printed numbers', () => {
  test.each([
    ['1、发挥五老作用\n2、特困青少年帮扶。', ['1、发挥五老作用', '2、特困青少年帮扶。']],
    ['1.开展工作。 2.传承优良作风。', ['1.开展工作。', '2.传承优良作风。']],
    ['保障村级组织正常运转', ['保障村级组织正常运转']],
  ])('%s', (text, items) => {
    expect(splitNumbered(text)).toEqual(items);
  });
});

describe('removeWrapSpaces: only spaces a PDF wrap put between Chinese characters', () => {
  test.each([
    ['反映对特困 离退休帮扶 情况', '反映对特困离退休帮扶情况'],
    ['度晚年提供 关心关爱', '度晚年提供关心关爱'],
    ['≥4 次', '≥4 次'],
    ['2022 年度 特困帮扶项 目县级资金', '2022 年度特困帮扶项目县级资金'],
    ['3500 元 / 月 * 9 个教学月', '3500 元 / 月 * 9 个教学月'],
  ])('%s', (text, expected) => {
    expect(removeWrapSpaces(text)).toBe(expected);
  });
});

describe('joinWrappedLabels keeps the columns aligned', () => {
  test.each([
    [['资金支出计', '划（%）', '3 月底'], ['资金支出计划（%）', '', '3 月底']],
    [['绩效指标描', '述', '', '指标值'], ['绩效指标描述', '', '', '指标值']],
    [['项目编码', '13022923P00JXC415588T'], ['项目编码', '13022923P00JXC415588T']],
  ])('%j', (cells, expected) => {
    expect(joinWrappedLabels(cells)).toEqual(expected);
  });
});

describe('htmlItems: HTML left in a 004 cell becomes its printed items', () => {
  test.each([
    ['<ol style="list-style-type: none"> 《甲》（长委老〔2009〕25号） 《乙》（渝委老〔2010〕141号） </ol>', ['《甲》（长委老〔2009〕25号）', '《乙》（渝委老〔2010〕141号）']],
    ['<p>组织培训。</p> <p>支出明细：</p>', ['组织培训。', '支出明细：']],
    ['开展节日走访慰问活动2次。', ['开展节日走访慰问活动2次。']],
  ])('%s', (text, items) => {
    expect(htmlItems(text)).toEqual(items);
  });
});
