/**
 * Chinese record text is split into words before Pagefind sees it (src/search/segment.ts), with
 * the segmenter the browser uses on the query: a zero-width space between two Chinese words,
 * nothing else changed.
 */
import { describe, expect, test } from 'vitest';
import { segmentWords, WORD_BREAK } from '../src/search/segment.ts';

const shown = (s: string) => s.replaceAll(WORD_BREAK, '|');

// As ICU's dictionary splits them, which is what matters: the browser splits a query the same way.
describe('Chinese runs are split into words', () => {
  test.each([
    ['残疾儿童救助运行经费', '残疾|儿童|救助|运行|经费'],
    ['产出指标。 数量指标。', '产|出|指标。 数量|指标。'],
    ['群众满意度 ≥89%', '群众|满意|度 ≥89%'],
    ['2025 年 4.02 万元', '2025 年 4.02 万|元'],
    ['用于东林县残疾儿童救助，稳步实施', '用于|东|林县|残疾|儿童|救助，稳步|实施'],
    ['社会效益指标', '社会|效益|指标'],
  ])('%s', (text, words) => {
    expect(shown(segmentWords(text))).toBe(words);
  });
});

describe('text that is not a run of Chinese is left as it was', () => {
  test.each([
    ['a project code', '13010125P1150010005'],
    ['a code with letters and dashes', '287-0601-JBN-3DQQ'],
    ['one Chinese character between numbers', '2025 年 4.02 元'],
    ['Latin words', 'Let’s Encrypt ACME'],
    ['empty text', ''],
  ])('%s', (_what, text) => {
    expect(segmentWords(text)).toBe(text);
  });
});

describe('splitting loses nothing and never doubles a break', () => {
  test.each([
    '中共正定县委老干部局本级（2022 年）',
    '冀财行【2024】85号2025年下派选调生到村工作中央补助资金',
    '3月底 9.00 6月底 40.00 12月底 100.00。',
    '老年人助餐服务、图书馆借阅、道路养护',
  ])('%s', (text) => {
    const split = segmentWords(text);
    expect(split.replaceAll(WORD_BREAK, '')).toBe(text);
    expect(split).not.toMatch(new RegExp(`${WORD_BREAK}{2}|^${WORD_BREAK}|${WORD_BREAK}$|\\P{Script=Han}${WORD_BREAK}|${WORD_BREAK}\\P{Script=Han}`, 'u'));
    // The same text again gives the same split (runs are remembered).
    expect(segmentWords(text)).toBe(split);
  });
});
