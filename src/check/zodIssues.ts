/**
 * The one translator from zod issues to editor messages. Schema fields carry their own Chinese
 * messages (and, through `params: { hint, code }`, their own hint and rule code); for issues
 * without one, zod asks `defaultMessage` (a per-parse error map, which zod consults only when
 * the schema gave none), so no message text is ever inspected afterwards.
 */
import type { z } from 'astro/zod';
import { formatPath, PART, showInvisible, type Problem } from '../problems.ts';
import type { Position, StrictYamlResult } from './strictYaml.ts';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  array: '列表（每项一行，以 - 开头）',
  object: '含字段的对象',
  string: '文字',
  number: '数字',
  boolean: '真假值',
};

function describeValue(value: unknown): string {
  if (value === null) return '空值';
  if (value === undefined) return '空';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return '对象';
  const kind = typeof value === 'string' ? '文字' : typeof value === 'number' ? '数字' : '真假值';
  return `${kind} ${showInvisible(String(value)).slice(0, 60)}`;
}

/** Messages for issues the schema did not word itself; passed to `safeParse` as `error`. */
export function defaultMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}，这里是${describeValue(issue.input)}`;
    case 'too_small':
      return Array.isArray(issue.input) ? `列表至少要有 ${String(issue.minimum)} 项` : '内容太少：不能为空';
    case 'too_big':
      return Array.isArray(issue.input) ? `列表最多 ${String(issue.maximum)} 项` : `太长：最多 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `不是可选的值：${describeValue(issue.input)}`;
    case 'invalid_format':
      return `格式不对：${describeValue(issue.input)}`;
    case 'unrecognized_keys':
      return '不认识的字段';
    case 'invalid_union':
      return '不符合任何一种允许的写法';
    default:
      return '这个值不符合要求';
  }
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The nearest recorded position for a path: its value, its key, or an ancestor. */
export function positionOf(yaml: Pick<StrictYamlResult, 'positions' | 'keyPositions'>, path: ReadonlyArray<PropertyKey>, preferKey = false): Position {
  for (let n = path.length; n >= 0; n--) {
    const key = formatPath(path.slice(0, n));
    const pos = preferKey ? (yaml.keyPositions.get(key) ?? yaml.positions.get(key)) : (yaml.positions.get(key) ?? yaml.keyPositions.get(key));
    if (pos) return pos;
  }
  return { line: 1, column: 1 };
}

const FULLWIDTH_DIGIT = /[０-９]/;
const AMOUNT_FIELDS = new Set(['total', 'amount']);

/** What to change, for issues whose schema gives no hint of its own. */
function hintFor(issue: Issue, value: unknown, raw: string | undefined): string {
  const last = issue.path[issue.path.length - 1];
  if (typeof value === 'number' && raw !== undefined) {
    return `YAML 把 ${raw} 读成了数字 ${value}：加上引号写成 ${String(last)}: "${raw}"`;
  }
  if (typeof value === 'boolean' && raw !== undefined) return `YAML 把 ${raw} 读成了真假值：加上引号写成 "${raw}"`;
  if (typeof value === 'string' && AMOUNT_FIELDS.has(String(last))) {
    if (value.startsWith('-')) return '金额不能为负数；核对原文';
    if (FULLWIDTH_DIGIT.test(value)) return '把全角数字改成半角数字，例如 "120"';
    if (value.includes(',')) return `去掉千分位逗号，写成 "${value.replace(/,/g, '')}"`;
    if (/[¥￥$元]/.test(value)) return '去掉货币符号和单位，单位写在 amountUnit 字段';
    if (value.includes('万')) return '金额只写数字；“万元”写在 amountUnit 字段，不要写进金额';
    return '金额只能是半角数字和小数点，例如 "50000.00"';
  }
  if (issue.code === 'invalid_value') return `可选值：${issue.values.map(String).join('、')}`;
  if (issue.code === 'too_small' && Array.isArray(value)) return '补上缺少的条目';
  return '按上面的说明修改这个值';
}

/** Rule codes by zod issue code, for issues whose schema names no code of its own. */
const CODES: Partial<Record<Issue['code'], string>> = {
  invalid_type: 'wrong-type',
  invalid_value: 'not-allowed-value',
  invalid_format: 'wrong-format',
  too_small: 'too-small',
  too_big: 'too-big',
  invalid_union: 'wrong-form',
};

/** One problem per zod issue (one per key for unknown keys), placed at the field in the file. */
export function problemsFromIssues(file: string, yaml: Pick<StrictYamlResult, 'value' | 'positions' | 'keyPositions' | 'rawText'>, issues: Issue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        out.push({
          file,
          ...positionOf(yaml, path, true),
          path: formatPath(path),
          message: `不认识的字段 ${showInvisible(key)}`,
          hint: /[^\x20-\x7E]/.test(key) ? '字段名里有不可见或全角的字符：删除后重新输入这个字段名' : '删除这个字段，或改正拼写（字段名区分大小写）',
          severity: 'error',
          code: 'unknown-field',
        });
      }
      continue;
    }
    const value = valueAt(yaml.value, issue.path);
    // An issue about the document as a whole (not an object at all) belongs to the front matter.
    const path = formatPath(issue.path) || PART.frontMatter;
    const field = String(issue.path[issue.path.length - 1] ?? '');
    const missing = value === undefined && issue.code === 'invalid_type';
    const params = (issue as { params?: { hint?: string; code?: string } }).params;
    out.push({
      file,
      ...positionOf(yaml, issue.path, missing),
      path,
      message: missing ? `缺少必填字段 ${field}` : issue.message,
      hint: missing ? `加上 ${field}: …（见 README 中的字段说明）` : (params?.hint ?? hintFor(issue, value, yaml.rawText.get(path))),
      severity: 'error',
      code: missing ? 'missing-field' : (params?.code ?? CODES[issue.code] ?? 'schema'),
    });
  }
  return out;
}
