import { describe, expect, test } from 'vitest';
import { addDecimals, compareDecimal, formatDecimal, formatMoney, groupThousands, parseDecimal, toFen } from '../src/lib/money.ts';

describe('toFen: printed amounts to integer 分', () => {
  test.each([
    ['50000.00', '元', 5_000_000n],
    ['5.00', '万元', 5_000_000n],
    ['226.3', '万元', 226_300_000n],
    ['61.066', '万元', 61_066_000n],
    ['7493.5356', '万元', 7_493_535_600n],
    ['0.000001', '万元', 1n],
    ['0', '元', 0n],
  ] as const)('%s %s → %s 分', (text, unit, fen) => {
    expect(toFen(text, unit)).toBe(fen);
  });

  test.each([
    ['1,000', '元'],
    ['１２０', '元'],
    ['¥1000', '元'],
    ['12.5万', '元'],
    ['-5', '元'],
    ['1.001', '元'],
    ['0.0000001', '万元'],
    ['Infinity', '元'],
    ['', '元'],
  ] as const)('%s %s is refused', (text, unit) => {
    expect(toFen(text, unit)).toBeNull();
  });
});

describe('decimals add exactly', () => {
  test('34.3 + 29.9 + 35.8 = 100 (floats say 100.00000000000001)', () => {
    const sum = addDecimals(['34.3', '29.9', '35.8'].map((s) => parseDecimal(s)!));
    expect(compareDecimal(sum, parseDecimal('100')!)).toBe(0);
    expect(formatDecimal(sum)).toBe('100.0');
  });
});

describe('formatMoney', () => {
  test.each([
    [5_000_000n, '元', '50,000.00 元'],
    [74_935_365_00n, '元', '74,935,365.00 元'],
    [226_300_000n, '万元', '226.30 万元'],
    [61_066_000n, '万元', '61.066 万元'],
    [1n, '万元', '0.000001 万元'],
  ] as const)('%s 分 in %s', (fen, unit, text) => {
    expect(formatMoney(fen, unit)).toBe(text);
  });
});

describe('groupThousands groups digits as Intl.NumberFormat zh-CN does', () => {
  const intl = new Intl.NumberFormat('zh-CN', { useGrouping: true });
  test.each(['0', '7', '42', '999', '1000', '12345', '100000', '999999', '1000000', '74935365', '123456789012345678901234567890'])('%s', (digits) => {
    expect(groupThousands(digits)).toBe(intl.format(BigInt(digits)));
  });
  test('every length from 1 to 40 digits', () => {
    for (let n = 1; n <= 40; n++) {
      const digits = `9${'876543210'.repeat(5)}`.slice(0, n);
      expect(groupThousands(digits)).toBe(intl.format(BigInt(digits)));
    }
  });
});
