/**
 * Exact money arithmetic. Amounts are printed as decimal strings in 元 or 万元;
 * every sum and conversion happens on integers (BigInt) so that 0.1 + 0.2 never
 * drifts and 万元 totals convert to 元 without rounding.
 */

/** The two units the documents print amounts in. */
export const AMOUNT_UNITS = ['元', '万元'] as const;
export type AmountUnit = (typeof AMOUNT_UNITS)[number];

/** A plain, non-negative decimal as finance documents print it: digits, optional fraction. */
export const DECIMAL_PATTERN = /^(0|[1-9]\d*)(\.\d+)?$/;

/**
 * An exact decimal: `units × 10^-scale`. Kept as a pair so that percentages such as
 * 34.3 / 29.9 / 35.8 add up to exactly 100.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** Parses a printed decimal; `null` when the text is not a plain decimal. */
export function parseDecimal(text: string): Decimal | null {
  if (!DECIMAL_PATTERN.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** Compares two decimals exactly: -1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Adds decimals exactly. */
export function addDecimals(values: Decimal[]): Decimal {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  return { units: values.reduce((sum, v) => sum + rescale(v, scale), 0n), scale };
}

/** Formats a decimal back to a plain string with at least `minFraction` fraction digits. */
export function formatDecimal(d: Decimal, minFraction = 0): string {
  const scale = Math.max(d.scale, minFraction);
  const units = rescale(d, scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return (negative ? '-' : '') + (scale ? `${whole}.${fraction}` : whole);
}

/**
 * Converts a printed amount to integer 分 (0.01 元). Returns `null` when the text is
 * not a plain decimal or is finer than 1 分 in its unit.
 */
export function toFen(text: string, unit: AmountUnit): bigint | null {
  const d = parseDecimal(text);
  if (!d) return null;
  const fenScale = unit === '万元' ? 6 : 2; // 1 万元 = 10^6 分
  if (d.scale > fenScale) {
    const excess = 10n ** BigInt(d.scale - fenScale);
    if (d.units % excess !== 0n) return null;
    return d.units / excess;
  }
  return rescale(d, fenScale) ;
}

/** 分 as a decimal in the given unit, exact (万元 may carry up to six fraction digits). */
export function fenToDecimal(fen: bigint, unit: AmountUnit): Decimal {
  return { units: fen, scale: unit === '万元' ? 6 : 2 };
}

/**
 * Digits grouped by three with commas, as `Intl.NumberFormat('zh-CN')` groups an integer (a test
 * compares the two): the same text for a fraction of the cost, once per amount on every page.
 */
export function groupThousands(digits: string): string {
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let at = out.length; at < digits.length; at += 3) out += `,${digits.slice(at, at + 3)}`;
  return out;
}

/**
 * Formats 分 for display in 元 or 万元 with digit grouping, exact (no float): trailing
 * zeros beyond two fraction digits are dropped.
 */
export function formatFen(fen: bigint, unit: AmountUnit): string {
  const text = formatDecimal(fenToDecimal(fen, unit));
  let [whole, fraction = ''] = text.split('.');
  fraction = fraction.replace(/0+$/, '').padEnd(2, '0');
  const negative = whole.startsWith('-');
  const grouped = groupThousands(negative ? whole.slice(1) : whole);
  return `${negative ? '-' : ''}${grouped}.${fraction}`;
}

/** Formats 分 for display with its unit, e.g. `50,000.00 元`. */
export function formatMoney(fen: bigint, unit: AmountUnit): string {
  return `${formatFen(fen, unit)} ${unit}`;
}
