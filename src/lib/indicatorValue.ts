/**
 * Reads the operator, number and unit out of a printed 指标值 such as `≥100老年大学全年开展课程次数`,
 * `>＝150`, `≥4 次` or `100%`. The printed text is always kept as it is; the parse sits beside
 * it and is left empty where the text cannot be read without guessing.
 */

/** Comparison operators as normalised in the parse (指标性质). */
export const OPERATORS = ['=', '≥', '≤', '>', '<'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Units that may follow a number in a 指标值 cell. */
export const VALUE_UNITS = ['%', '％', '次/年', '次', '个', '人', '条', '期', '名', '项', '户', '所', '家', '天', '元', '万元', '分', '场', '批', '篇', '件', '台', '套', '年', '月', '日'];

export interface ParsedIndicatorValue {
  /** The comparison, normalised (`>＝` and `>=` read as `≥`); absent when none is printed. */
  operator?: Operator;
  /** The number as printed digits, an exact decimal string. */
  number?: string;
  /** The unit, when it directly follows the number and nothing else does. */
  unit?: string;
  /** Printed text after the number that is not a unit (kept for display, never parsed). */
  remark?: string;
}

const OPERATOR_FORMS: Array<[RegExp, Operator]> = [
  [/^(>\s*[=＝]|＞\s*[=＝]|≥|≧)/, '≥'],
  [/^(<\s*[=＝]|＜\s*[=＝]|≤|≦)/, '≤'],
  [/^(>|＞)/, '>'],
  [/^(<|＜)/, '<'],
  [/^(=|＝)/, '='],
];

/** Normalises a printed operator (`>＝`, `>=`, `＝`) to one of {@link OPERATORS}; `null` if it is none. */
export function normaliseOperator(text: string): Operator | null {
  const t = text.trim();
  for (const [pattern, op] of OPERATOR_FORMS) {
    const m = pattern.exec(t);
    if (m && m[0].length === t.length) return op;
  }
  return null;
}

/**
 * Parses a printed 指标值. Without an operator, a number is read only when the cell is the
 * number (and unit) alone: `2每个村8万元` stays text, since its `2` could mean anything.
 */
export function parseIndicatorValue(printed: string): ParsedIndicatorValue {
  let rest = printed.trim();
  let operator: Operator | undefined;
  for (const [pattern, op] of OPERATOR_FORMS) {
    const m = pattern.exec(rest);
    if (m) {
      operator = op;
      rest = rest.slice(m[0].length).trimStart();
      break;
    }
  }
  const num = /^(\d+(?:\.\d+)?)/.exec(rest);
  if (!num) return {};
  const number = num[1];
  const after = rest.slice(number.length).trim();
  if (after === '') return operator ? { operator, number } : { number };
  const unit = VALUE_UNITS.find((u) => after === u);
  if (unit) return operator ? { operator, number, unit } : { number, unit };
  if (!operator) return {};
  return { operator, number, remark: after };
}
