import { z } from 'astro/zod';
import { compareDecimal, DECIMAL_PATTERN, fenToDecimal, formatDecimal, parseDecimal, toFen } from '../lib/money.ts';
import { OPERATORS, parseIndicatorValue, normaliseOperator } from '../lib/indicatorValue.ts';
import { LEVEL1_STANDARD, LEVEL2_STANDARD } from '../lib/taxonomy.ts';
import { amountString, amountUnit, budgetYear, decimalString, printedText, regionCode } from './common.ts';
import { corrections } from './corrections.ts';

/** Text of a table cell as printed; may be empty where the cell is blank. */
const cellText = z.string({ error: '应为文字（字符串），空白单元格写 ""' });

/** The operator / number / unit read from a printed 指标值, beside the original. */
export const parsedValueSchema = z
  .object({
    /** Comparison, normalised: = ≥ ≤ > <. */
    operator: z.enum(OPERATORS, { error: '运算符只能是 = ≥ ≤ > <' }).optional(),
    /** The number as an exact decimal string. */
    number: decimalString.optional(),
    /** Unit that follows the number, e.g. %, 次, 人. */
    unit: printedText.optional(),
    /** Printed words after the number that are not a unit. */
    remark: printedText.optional(),
  })
  .strict();

/** National 一级指标 names a printed label can be mapped to. */
const standardLevel1 = z.enum(LEVEL1_STANDARD, { error: `国家分类只能是 ${LEVEL1_STANDARD.join('、')} 之一` });
/** National 二级指标 names a printed label can be mapped to. */
const standardLevel2 = z.enum(LEVEL2_STANDARD, { error: `国家分类只能是 ${LEVEL2_STANDARD.join('、')} 之一` });

/**
 * One row of the 一级/二级/三级指标 table form. Only the columns the table printed are
 * present (see `columns`); a row with no 三级指标 and no 指标值 is an empty placeholder
 * printed under its 二级指标: it is kept and shown, never counted as an indicator.
 */
export const levelIndicatorSchema = z
  .object({
    /** 一级指标 as printed (merged cells filled in), e.g. 产出指标; "" where the printed cell is empty. */
    level1: cellText,
    /** The national 一级 category of a printed label outside the taxonomy, e.g. 产出指标 for 项目完成指标. */
    level1Standard: standardLevel1.optional(),
    /** 二级指标 as printed, e.g. 数量指标. */
    level2: printedText,
    /** The national 二级 category of a printed label outside the taxonomy. */
    level2Standard: standardLevel2.optional(),
    /** 三级指标 as printed; "" on an empty placeholder row. */
    level3: cellText,
    /** 绩效指标描述 as printed, where the table has that column. */
    description: cellText.optional(),
    /** 指标性质 / 运算符 column as printed (e.g. ≥, 定量), where the table has it. */
    nature: cellText.optional(),
    /** 指标值 (or 年度指标值) exactly as printed, e.g. "≥100老年大学全年开展课程次数". */
    value: cellText,
    /** 计量单位 / 度量单位 column as printed, where the table has it. */
    unit: cellText.optional(),
    /** 长期指标值 as printed, where the table has 长期 and 年度 column groups. */
    longTermValue: cellText.optional(),
    /** 权重 / 分值 as printed, where the table has it. */
    weight: cellText.optional(),
    /** Operator / number / unit read from the value (with the 指标性质 and 计量单位 columns) where they can be read. */
    parsed: parsedValueSchema.optional(),
    /** 指标值确定依据 / 绩效标准 as printed, where the table has it. */
    basis: cellText.optional(),
    /** 备注 as printed, where the table has it. */
    remark: cellText.optional(),
    /** 指标方向 / 指标方向性 as printed (正向指标, 反向指标), where the table has it. */
    direction: cellText.optional(),
  })
  .strict();

/** The fields of a level row that hold a printed column, in their usual printed order. */
export const LEVEL_COLUMN_KEYS = ['level1', 'level2', 'level3', 'description', 'nature', 'value', 'unit', 'longTermValue', 'weight', 'basis', 'remark', 'direction'] as const;
export type LevelColumnKey = (typeof LEVEL_COLUMN_KEYS)[number];

/** One printed column of an indicator table: the row field it fills and its header as printed. */
export const levelColumnSchema = z
  .object({
    /** Row field the column fills. */
    key: z.enum(LEVEL_COLUMN_KEYS, { error: `列只能是 ${LEVEL_COLUMN_KEYS.join('、')} 之一` }),
    /** Header cell as printed, e.g. 指标值 or 年度指标值. */
    header: printedText,
  })
  .strict();
export type LevelColumn = z.infer<typeof levelColumnSchema>;

/** The columns of a table that does not list its own: the six columns of the 项目绩效目标表. */
export const DEFAULT_LEVEL_COLUMNS: readonly LevelColumn[] = [
  { key: 'level1', header: '一级指标' },
  { key: 'level2', header: '二级指标' },
  { key: 'level3', header: '三级指标' },
  { key: 'description', header: '绩效指标描述' },
  { key: 'value', header: '指标值' },
  { key: 'basis', header: '指标值确定依据' },
];

/** A row that only prints a 二级指标 with nothing under it. */
export function isPlaceholderRow(row: Pick<LevelIndicator, 'level3' | 'value'>): boolean {
  return row.level3 === '' && row.value === '';
}

/** Indicators of a table, placeholder rows left out. */
export function countIndicators(table: { form: string; rows: ReadonlyArray<object> }): number {
  if (table.form !== 'levels') return table.rows.length;
  return (table.rows as LevelIndicator[]).filter((r) => !isPlaceholderRow(r)).length;
}

/**
 * The 指标值 as one text where the table split it over columns: an operator printed in a
 * 指标性质/计算符号 column, the value, and a 计量单位 column (`=` `3500` `米` → `=3500米`).
 */
export function joinedValue(row: Pick<LevelIndicator, 'value' | 'nature' | 'unit'>): string {
  const op = row.nature && normaliseOperator(row.nature) ? row.nature.trim() : '';
  return `${op}${row.value}${row.unit ?? ''}`;
}

/** The parse of a level row's value, with its 指标性质 and 计量单位 columns where printed. */
export function parseLevelValue(row: Pick<LevelIndicator, 'value' | 'nature' | 'unit'>): ParsedValue {
  const read: ParsedValue = parseIndicatorValue(row.value);
  const op = row.nature ? normaliseOperator(row.nature) : null;
  if (op && read.number !== undefined) read.operator = op;
  if (row.unit && read.number !== undefined && !read.unit) read.unit = row.unit;
  return read;
}

/** One row of the 指标名称/指标性质/指标值/指标单位/分值/是否核心 form. */
export const namedIndicatorSchema = z
  .object({
    /** 指标名称 as printed. */
    name: printedText,
    /** 指标性质 as printed: = ≥ ≤ > <. */
    nature: z.enum(OPERATORS, { error: '指标性质只能是 = ≥ ≤ > < 之一' }),
    /** 指标值 as printed, e.g. "95". */
    value: cellText,
    /** The number read from the value. */
    parsed: parsedValueSchema.optional(),
    /** 指标单位 as printed, e.g. %, 次/年. */
    unit: cellText,
    /** 分值 as printed. */
    score: decimalString,
    /** 是否核心 as printed: 是, 否, or "" when the cell is blank. */
    core: z.enum(['是', '否', ''], { error: '是否核心只能是 "是"、"否" 或 ""（空白）' }),
  })
  .strict();

export const indicatorTableSchema = z.discriminatedUnion(
  'form',
  [
    z
      .object({
        /** 一级/二级/三级指标 and the other columns listed in `columns`. */
        form: z.literal('levels'),
        /** The printed columns in printed order; absent means the six columns of {@link DEFAULT_LEVEL_COLUMNS}. */
        columns: z.array(levelColumnSchema).min(1).optional(),
        rows: z.array(levelIndicatorSchema).min(1, { error: '至少要有一行指标' }),
      })
      .strict(),
    z
      .object({
        /** 指标名称, 指标性质, 指标值, 指标单位, 分值, 是否核心. */
        form: z.literal('named'),
        /** The total printed in the 分值 header, e.g. "90" from 分值(90分). */
        scoreTotal: decimalString.optional(),
        rows: z.array(namedIndicatorSchema).min(1, { error: '至少要有一行指标' }),
      })
      .strict(),
  ],
  { error: 'indicators.form 只能是 "levels"（一级/二级/三级指标）或 "named"（指标名称/性质/值/单位/分值）' },
);

export const fundingSourceSchema = z
  .object({
    /** Source label as printed: 财政资金, 财政拨款, 一般公共预算, 政府性基金, 上级补助, 自有资金, 其他资金, 当年… */
    source: printedText,
    /** Amount in the project's unit as an exact decimal string; null where the cell is blank. */
    amount: amountString.nullable(),
  })
  .strict();

/** The four cumulative checkpoints of a 资金支出计划. */
export const PLAN_CHECKPOINTS = ['3月底', '6月底', '10月底', '12月底'] as const;

export const spendingPlanSchema = z
  .object({
    /** percent: cumulative share of the budget in %; amount: cumulative amount in the project's unit. */
    basis: z.enum(['percent', 'amount'], { error: 'spendingPlan.basis 只能是 "percent" 或 "amount"' }),
    /** The checkpoints 3月底, 6月底, 10月底, 12月底 in that order. */
    points: z
      .array(
        z
          .object({
            /** Checkpoint name. */
            by: z.enum(PLAN_CHECKPOINTS),
            /** Cell as printed, e.g. "30%", "1.50" or "" when blank. */
            printed: cellText,
            /** The cumulative value as an exact decimal (percent or amount); null when blank. */
            value: decimalString.nullable(),
          })
          .strict(),
      )
      .length(4, { error: '资金支出计划必须正好有 3月底、6月底、10月底、12月底 四个节点' }),
  })
  .strict();

export const contactSchema = z
  .object({
    /** 联系人. */
    name: printedText,
    /** 联系电话 as printed. */
    phone: z.string().regex(/^[0-9-]+$/, { error: '电话只能含数字和连字符' }),
  })
  .strict();

/** A budget project (预算项目) and its performance targets. File: content/projects/<region>/<year>/<id>.md. */
export const projectSchema = z
  .object({
    /** Stable id: the printed 项目编码 without wrap spaces, or a slug where none is printed. */
    id: z.string().regex(/^[0-9A-Za-z]+(-[0-9A-Za-z]+)*$/, { error: '项目 id 只能含字母、数字和连字符' }),
    /** 项目编码 as printed, wrap spaces removed; absent where none is printed. */
    code: z
      .string({ error: '项目编码必须是带引号的字符串' })
      .regex(/^[0-9A-Z-]+$/, { error: '项目编码只能含大写字母、数字和连字符，换行造成的空格要去掉' })
      .optional(),
    /** The code exactly as the source printed it, where that differs (PDF wrap spaces). */
    codePrinted: printedText.optional(),
    /** 项目名称 as printed. */
    name: printedText,
    /** Key of the department document: its unit code, or its slug. */
    department: printedText,
    /** Region (GB/T 2260 code). */
    region: regionCode,
    /** Budget year. */
    year: budgetYear,
    /** 主管部门 where printed. */
    supervisor: printedText.optional(),
    /** 实施单位 where printed. */
    implementer: printedText.optional(),
    /** Unit of all amounts of the project: 元 or 万元. */
    amountUnit,
    /** 预算数 / 项目总资金额 in amountUnit, exact decimal string. */
    total: amountString,
    /** Funding sources as printed, in printed order. */
    /** The label printed before the total, e.g. 年度资金总额, where it is not 预算数 / 项目总资金额. */
    totalLabel: printedText.optional(),
    /** Funding sources as printed, in printed order; empty where the table prints only the total. */
    fundingSources: z.array(fundingSourceSchema),
    /** Label the document uses for the purpose text as printed: 资金用途, 项目概况, 实施内容 … */
    purposeLabel: printedText.optional(),
    /** 资金用途 / 项目概况 as printed, where printed. */
    purpose: printedText.optional(),
    /** 立项依据, one entry per printed item. */
    legalBasis: z.array(printedText).optional(),
    /** 资金支出计划 where printed. */
    spendingPlan: spendingPlanSchema.optional(),
    /** 预算执行率权重 in %, where printed. */
    executionWeight: decimalString.optional(),
    /** 绩效目标 / 当年绩效目标, one entry per printed item; empty where none is printed. */
    goals: z.array(printedText),
    /** Other facts the table prints (项目性质, 计划开始日期 …), label and value as printed, in printed order. */
    printedFields: z.array(z.object({ label: printedText, value: printedText }).strict()).optional(),
    /** 联系人 and 联系电话 where printed. */
    contact: contactSchema.optional(),
    /** The indicator table. */
    indicators: indicatorTableSchema,
    /** 更正说明 after publication: [{ date: YYYY-MM-DD, reason }], oldest first. */
    corrections,
  })
  .strict()
  .superRefine(checkProject);

export type Project = z.infer<typeof projectSchema>;
export type LevelIndicator = z.infer<typeof levelIndicatorSchema>;
export type NamedIndicator = z.infer<typeof namedIndicatorSchema>;
export type SpendingPlan = z.infer<typeof spendingPlanSchema>;
export type FundingSource = z.infer<typeof fundingSourceSchema>;
export type ParsedValue = z.infer<typeof parsedValueSchema>;

type Ctx = z.core.$RefinementCtx<unknown>;

/** Adds a problem with the path it belongs to and a hint saying what to change. */
function issue(ctx: Ctx, path: (string | number)[], message: string, hint?: string, rule?: string) {
  ctx.addIssue({ code: 'custom', path, message, params: hint || rule ? { hint, code: rule } : undefined });
}

function describeParse(p: ParsedValue): string {
  const parts = [p.operator, p.number, p.unit].filter(Boolean).join(' ');
  return parts || '（无可读数值）';
}

function sameParse(a: ParsedValue, b: ParsedValue): boolean {
  return a.operator === b.operator && a.number === b.number && a.unit === b.unit && a.remark === b.remark;
}

/** Checks that need more than one field: sums, plan order, taxonomy, parsed values. */
function checkProject(p: Project, ctx: Ctx) {
  if (p.code && p.id !== p.code) issue(ctx, ['id'], `有项目编码时 id 必须等于编码 "${p.code}"`, `把 id 改成 "${p.code}"，文件名也改成 ${p.code}.md`);

  // Funding sources add up to the total exactly (in 分, never floats).
  // Amounts that are not plain decimals have their own error already; only precision is new here.
  const totalFen = toFen(p.total, p.amountUnit);
  const finerThanFen = (a: string) => DECIMAL_PATTERN.test(a) && toFen(a, p.amountUnit) === null;
  const precisionHint = p.amountUnit === '元' ? '元的金额最多两位小数' : '万元的金额最多六位小数';
  if (finerThanFen(p.total)) issue(ctx, ['total'], `金额精度超过 1 分（单位 ${p.amountUnit}）`, precisionHint);
  let sum = 0n;
  p.fundingSources.forEach((f, i) => {
    if (f.amount === null) return;
    const fen = toFen(f.amount, p.amountUnit);
    if (finerThanFen(f.amount)) issue(ctx, ['fundingSources', i, 'amount'], `金额精度超过 1 分（单位 ${p.amountUnit}）`, precisionHint);
    if (fen !== null) sum += fen;
  });
  const allAmountsRead = p.fundingSources.every((f) => f.amount === null || toFen(f.amount, p.amountUnit) !== null);
  if (p.fundingSources.length > 0 && totalFen !== null && allAmountsRead && sum !== totalFen) {
    issue(ctx, ['fundingSources'], `各资金来源之和 ${formatDecimal(fenToDecimal(sum, p.amountUnit))} 与总额 ${p.total} ${p.amountUnit} 不相等`, '核对原文：各资金来源相加必须正好等于预算数；空白的来源写 amount: null');
  }

  if (p.spendingPlan) checkPlan(p, ctx);

  if (p.indicators.form === 'levels') {
    p.indicators.rows.forEach((row, i) => {
      // Labels outside the national taxonomy are the public record: the quality notes warn about them.
      if (row.parsed) {
        const read = parseLevelValue(row);
        if (!sameParse(read, row.parsed)) {
          issue(
            ctx,
            ['indicators', 'rows', i, 'parsed'],
            `解析值与印刷的指标值不一致：“${row.value}”读作 ${describeParse(read)}，这里写的是 ${describeParse(row.parsed)}`,
            '指标值 value 以原文为准；改正 parsed，或删除 parsed 让导入程序重新解析',
          );
        }
      }
    });
  } else {
    p.indicators.rows.forEach((row, i) => {
      if (!row.parsed) return;
      const read = parseIndicatorValue(row.value);
      const expected: ParsedValue = { ...read, operator: normaliseOperator(row.nature) ?? undefined };
      if (row.unit) expected.unit = row.unit;
      if (!sameParse(expected, row.parsed)) {
        issue(
          ctx,
          ['indicators', 'rows', i, 'parsed'],
          `解析值与印刷内容不一致：“${row.nature} ${row.value} ${row.unit}”读作 ${describeParse(expected)}，这里写的是 ${describeParse(row.parsed)}`,
          '指标性质、指标值和单位以原文为准；改正 parsed，或删除 parsed',
        );
      }
    });
  }
}

function checkPlan(p: Project, ctx: Ctx) {
  const plan = p.spendingPlan!;
  const hundred = parseDecimal('100')!;
  const total = parseDecimal(p.total);
  let overLimit = false;
  let previous: { value: string; index: number } | null = null;
  plan.points.forEach((point, i) => {
    if (point.by !== PLAN_CHECKPOINTS[i]) {
      issue(ctx, ['spendingPlan', 'points', i, 'by'], `第 ${i + 1} 个节点应为 ${PLAN_CHECKPOINTS[i]}`, '节点按 3月底、6月底、10月底、12月底 的顺序各写一次', 'plan-checkpoint');
    }
    checkPrintedPoint(ctx, i, point);
    if (point.value === null) return;
    const value = parseDecimal(point.value);
    if (!value) return;
    if (plan.basis === 'percent' && compareDecimal(value, hundred) > 0) {
      overLimit = true;
      issue(ctx, ['spendingPlan', 'points', i, 'value'], `累计支出比例 ${point.value}% 超过 100%`, '百分比必须在 0–100 之间；如果原文是金额，把 basis 改成 amount', 'plan-over-100');
    }
    if (plan.basis === 'amount' && total && compareDecimal(value, total) > 0) {
      overLimit = true;
      issue(ctx, ['spendingPlan', 'points', i, 'value'], `累计支出 ${point.value} 超过项目总额 ${p.total} ${p.amountUnit}`, '按金额的计划不能超过预算数；如果原文是百分比，把 basis 改成 percent', 'plan-over-total');
    }
    if (previous && compareDecimal(value, parseDecimal(previous.value)!) < 0) {
      issue(
        ctx,
        ['spendingPlan', 'points', i, 'value'],
        `资金支出计划是累计值，${point.by} 的 ${point.value} 小于 ${PLAN_CHECKPOINTS[previous.index]} 的 ${previous.value}`,
        '每个节点填到该月底为止的累计数，不能比前一个节点小',
        'plan-goes-down',
      );
    }
    previous = { value: point.value, index: i };
  });
  // The 12月底 cell closes the year: filled, it must reach the whole budget, whatever earlier cells are blank.
  const last = plan.points[3]?.value;
  if (last && !overLimit) {
    // A value that is not a decimal has its own error already.
    const end = parseDecimal(last);
    const target = plan.basis === 'percent' ? hundred : total;
    if (end && target && compareDecimal(end, target) !== 0) {
      issue(
        ctx,
        ['spendingPlan', 'points', 3, 'value'],
        plan.basis === 'percent'
          ? `支出计划 12月底 应达到 100%，这里是 ${last}%`
          : `支出计划 12月底 应达到项目总额 ${p.total}，这里是 ${last}`,
        '12月底 是全年累计，填了就必须是 100%（或预算总额），前面的节点空着也一样；核对原文',
        'plan-end',
      );
    }
  }
}

/** Cells that print nothing: blank or a dash. */
const BLANK_CELL = /^[\s\-－—–/／]*$/;
const PRINTED_NUMBER = /[0-9０-９]+(?:[.．][0-9０-９]+)?/;

/** `value` is what `printed` says: the same number (25% is "25", not "0.25"), or null for a blank cell. */
function checkPrintedPoint(ctx: Ctx, i: number, point: SpendingPlan['points'][number]) {
  const path = ['spendingPlan', 'points', i, 'value'];
  const hint = 'value 是印刷值 printed 里的数字本身（25% 写 "25"，1.50 写 "1.50"）；空白单元格写 value: null';
  if (BLANK_CELL.test(point.printed)) {
    if (point.value !== null) issue(ctx, path, `${point.by} 印刷的是空白，value 却是 ${point.value}`, hint, 'plan-printed-value');
    return;
  }
  const match = PRINTED_NUMBER.exec(point.printed);
  if (!match) {
    if (point.value !== null) issue(ctx, path, `${point.by} 印刷的“${point.printed}”没有数字，value 却是 ${point.value}`, hint, 'plan-printed-value');
    return;
  }
  const printed = parseDecimal(match[0].replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  const value = point.value === null ? null : parseDecimal(point.value);
  if (point.value === null) issue(ctx, path, `${point.by} 印刷的是“${point.printed}”，value 却是空白`, hint, 'plan-printed-value');
  else if (printed && value && compareDecimal(printed, value) !== 0) issue(ctx, path, `${point.by} 印刷的是“${point.printed}”，value 却是 ${point.value}`, hint, 'plan-printed-value');
}
