import { z } from 'astro/zod';
import { AMOUNT_UNITS, DECIMAL_PATTERN } from '../lib/money.ts';

/** A GB/T 2260 administrative division code: six digits, always a quoted string. */
export const regionCode = z
  .string({ error: '地区代码必须是带引号的字符串，例如 "130229"' })
  .regex(/^\d{6}$/, { error: '地区代码应为 6 位数字（GB/T 2260），例如 "130229"' });

/** Budget year as printed in the document title, e.g. 2023. */
export const budgetYear = z
  .number({ error: '年度必须是整数，例如 2023' })
  .int({ error: '年度必须是整数，例如 2023' })
  .min(2000, { error: '年度应在 2000–2100 之间' })
  .max(2100, { error: '年度应在 2000–2100 之间' });

/** Non-empty text exactly as printed. */
export const printedText = z.string({ error: '应为文字（字符串）' }).min(1, { error: '不能为空' });

/** The unit every amount of a document is printed in: 元 or 万元. */
export const amountUnit = z.enum(AMOUNT_UNITS, { error: '金额单位只能是 元 或 万元' });

/** An amount as an exact decimal string in the document's unit, e.g. "50000.00" or "5.00". */
export const amountString = z
  .string({ error: '金额必须写成带引号的十进制字符串，例如 "50000.00"' })
  .regex(DECIMAL_PATTERN, {
    error: '金额应为不带千分位、货币符号或单位的半角十进制数，例如 "50000.00"',
  });

/** A non-negative exact decimal string such as "34.3". */
export const decimalString = z
  .string({ error: '数值必须写成带引号的十进制字符串，例如 "25"' })
  .regex(DECIMAL_PATTERN, { error: '数值应为半角十进制数，例如 "25" 或 "34.3"' });

/** A calendar date written YYYY-MM-DD that really exists (no 2024-02-30 rolled over). */
export const isoDate = z
  .string({ error: '日期必须写成带引号的 "YYYY-MM-DD"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine(
    (s) => {
      const [y, m, d] = s.split('-').map(Number);
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { error: '日期不存在（例如 2 月没有 30 日）', params: { hint: '核对原文的日期；YYYY-MM-DD 必须是日历上真实存在的一天' } },
  );

/** A URL-safe key: lower-case letters, digits and hyphens. */
export const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  error: '只能使用小写字母、数字和连字符，例如 "qwlgj"',
});
