/**
 * Reads the 项目绩效目标表 layout used by 000–003: 项目编码 / 项目名称, 预算规模及资金用途,
 * 资金支出计划, 绩效目标 and the 一级/二级/三级指标 table.
 */
import type { Row } from './rows.ts';
import { labelKey } from './rows.ts';
import type { AmountUnit } from '../lib/money.ts';
import { compareDecimal, parseDecimal } from '../lib/money.ts';
import type { LevelIndicator, SpendingPlan } from '../schemas/project.ts';
import { PLAN_CHECKPOINTS } from '../schemas/project.ts';
import type { DraftProject, TableContext } from './common.ts';
import { findLabel, parsedOf, readAmount, readUnit, splitNumbered, unplace, valueAfter } from './common.ts';
import { LEVEL1_ALIASES, LEVEL2_ALIASES, TAXONOMY, level2Names } from '../lib/taxonomy.ts';

export const TABLE_TITLE = /^\s*\d+\s*[.、．]\s*(.+?)绩效目标表\s*$/;
const UNIT_ROW = /^(\d{6})\s*(\S.*)$/;
const INDICATOR_COLUMNS = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'] as const;
type IndicatorColumns = Record<(typeof INDICATOR_COLUMNS)[number], number>;
const KNOWN_LABELS = ['项目编码', '预算规模及资金用途', '资金支出计划（%）', '资金支出计划', '绩效目标', '一级指标'];

export interface LevelsResult {
  projects: DraftProject[];
  unitCode: string | null;
  unitName: string | null;
  amountUnit: AmountUnit | null;
}

interface Draft {
  line: number;
  title?: string;
  code?: string;
  codePrinted?: string;
  name?: string;
  unit: AmountUnit | null;
  total?: string;
  fiscal: string | null;
  other: string | null;
  purpose?: string;
  plan?: SpendingPlan;
  goals: string[];
  rows: LevelIndicator[];
}

function isLabelRow(row: Row): boolean {
  const first = labelKey(row.cells.find((c) => c !== '') ?? '');
  return KNOWN_LABELS.some((l) => first.startsWith(labelKey(l)));
}

function planBasis(values: (string | null)[], printed: string[], total: string | undefined): 'percent' | 'amount' {
  if (printed.some((p) => p.includes('%'))) return 'percent';
  const numbers = values.filter((v): v is string => v !== null).map((v) => parseDecimal(v)!);
  const totalD = total ? parseDecimal(total) : null;
  if (!totalD || numbers.length === 0 || compareDecimal(totalD, parseDecimal('100')!) === 0) return 'percent';
  const max = numbers.reduce((a, b) => (compareDecimal(a, b) >= 0 ? a : b));
  return compareDecimal(max, totalD) === 0 ? 'amount' : 'percent';
}

/** Labels that a narrow column may wrap over two cells (`资金支出计` / `划（%）`). */
const WRAPPABLE_LABELS = [
  '项目编码', '项目名称', '预算规模及资金用途', '预算数', '其中：财政资金', '其他资金', '资金支出计划（%）',
  '绩效目标', '一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据',
].map(labelKey);

/**
 * Joins a label that wrapped over two adjacent cells back into one cell, leaving the second
 * cell empty so that the columns of the rows below still line up.
 */
export function joinWrappedLabels(cells: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const here = labelKey(cells[i]);
    const next = cells[i + 1];
    if (here && next && !WRAPPABLE_LABELS.includes(here) && WRAPPABLE_LABELS.includes(labelKey(cells[i] + next))) {
      out.push(cells[i] + next, '');
      i++;
    } else out.push(cells[i]);
  }
  return out;
}

/** Column spans of a header row: a label covers the empty header cells after it. */
function headerSpans(header: string[], starts: number[]): Array<[number, number]> {
  return starts.map((start) => {
    let end = start;
    while (end + 1 < header.length && header[end + 1] === '' && !starts.includes(end + 1)) end++;
    return [start, end];
  });
}

/** A line of running text inside a table whose cells are separated by runs of spaces. */
function splitSpacedRow(row: Row): Row {
  const text = row.raw ?? row.cells[0];
  if (!/\S(?: {2,}|\u3000+)\S/.test(text.trim())) return row;
  const cells = text.trim().split(/ {2,}|\u3000+/);
  if (/^[ \u3000]{2,}/.test(text)) cells.unshift('');
  return { ...row, cells, text: false };
}

const LEVEL1_NAMES = new Set([...Object.keys(TAXONOMY), ...Object.keys(LEVEL1_ALIASES)]);
const LEVEL2_NAMES = new Set([...Object.values(TAXONOMY).flat(), ...Object.keys(LEVEL2_ALIASES)]);

/** Optional columns some tables use to split a 指标值 into operator, number and unit. */
const OPERATOR_COLUMN = ['指标性质', '运算符', '符号'];
const UNIT_COLUMN = ['计量单位', '指标单位', '单位'];

export function readLevelProjects(rows: Row[], ctx: TableContext): LevelsResult {
  const result: LevelsResult = { projects: [], unitCode: null, unitName: null, amountUnit: null };
  let draft: Draft | null = null;
  let mode: 'none' | 'afterBudget' | 'afterPlanHeader' | 'indicators' = 'none';
  let planColumns: number[] = [];
  let columns: IndicatorColumns | null = null;
  let valueParts: { operator: number; unit: number } = { operator: -1, unit: -1 };
  let spans: Record<string, [number, number]> = {};
  let afterBreak = false;
  let pending: Row | null = null;

  const finish = () => {
    if (!draft) return;
    const d: Draft = draft;
    draft = null;
    if (!d.name || !d.total || !d.unit) {
      ctx.unplaced.push({ line: d.line, text: d.title ?? '', reason: '表格缺少项目名称、预算数或金额单位，未能读成项目' });
      return;
    }
    result.projects.push({
      line: d.line,
      ...(d.code ? { code: d.code } : {}),
      ...(d.codePrinted ? { codePrinted: d.codePrinted } : {}),
      name: ctx.cell(d.name),
      amountUnit: d.unit,
      total: d.total,
      fundingSources: [
        { source: '财政资金', amount: d.fiscal },
        { source: '其他资金', amount: d.other },
      ],
      purposeLabel: '资金用途',
      purpose: ctx.cell(d.purpose ?? ''),
      ...(d.plan ? { spendingPlan: d.plan } : {}),
      goals: d.goals,
      indicators: { form: 'levels', rows: d.rows },
    });
  };

  const start = (row: Row, title?: string) => {
    finish();
    draft = { line: row.line, title, unit: result.amountUnit, fiscal: null, other: null, goals: [], rows: [] };
    mode = 'none';
    columns = null;
  };

  for (let row of rows) {
    const first = row.cells[0] ?? '';
    const title = row.text ? TABLE_TITLE.exec(first) : null;
    if (title) {
      start(row, title[1]);
      continue;
    }
    if (row.text && draft) row = splitSpacedRow(row);
    if (!row.text) row = { ...row, cells: joinWrappedLabels(row.cells) };
    if (/^\d{6}$/.test(row.cells[0] ?? '') && row.cells[1] && !isLabelRow({ ...row, cells: [row.cells[1]] })) {
      // Unit code and unit name in two cells.
      row = { ...row, cells: [`${row.cells[0]}${row.cells[1]}`, ...row.cells.slice(2)] };
    }
    const unitCell = row.cells.find((c) => UNIT_ROW.test(c));
    if (unitCell && (row.text || row.cells.filter((c) => c !== '').length <= 2) && !isLabelRow(row)) {
      const [, code, name] = UNIT_ROW.exec(unitCell)!;
      result.unitCode ??= code;
      result.unitName ??= ctx.cell(name.trim());
      const unit = readUnit(row);
      if (unit) {
        result.amountUnit ??= unit;
        if (draft) (draft as Draft).unit = unit;
      }
      continue;
    }
    const unit = readUnit(row);
    if (unit && row.cells.filter((c) => c !== '').length === 1) {
      result.amountUnit ??= unit;
      if (draft) (draft as Draft).unit = unit;
      continue;
    }
    if (!draft) {
      unplace(ctx, row, '出现在第一张项目表之前，无法归属');
      continue;
    }
    const d: Draft = draft;

    const codeAt = findLabel(row, '项目编码');
    if (codeAt >= 0) {
      if (d.code) start(row);
      const dd = draft as unknown as Draft;
      const printed = valueAfter(row, codeAt, ['项目名称']);
      const code = printed.replace(/\s+/g, '');
      if (code) {
        dd.code = code;
        if (code !== printed) dd.codePrinted = printed;
      }
      const nameAt = findLabel(row, '项目名称');
      if (nameAt >= 0) dd.name = valueAfter(row, nameAt);
      mode = 'none';
      continue;
    }
    const budgetAt = findLabel(row, '预算数');
    if (budgetAt >= 0) {
      const cell = valueAfter(row, budgetAt, ['其中：财政资金']);
      const printedUnit = /(万元|元)/.exec(cell)?.[1] as AmountUnit | undefined;
      if (!d.unit && printedUnit) {
        // No 单位 line: the budget cell names its own unit.
        d.unit = printedUnit;
        result.amountUnit ??= printedUnit;
        ctx.notes.push(`第 ${row.line} 行：金额单位取自预算数一栏的“${printedUnit}”`);
      }
      const unitNow = d.unit ?? '元';
      const total = readAmount(cell, unitNow);
      if (total.error || total.amount === null) unplace(ctx, row, total.error ?? '预算数为空');
      else d.total = total.amount;
      const fiscalAt = findLabel(row, '其中：财政资金', '财政资金');
      const otherAt = findLabel(row, '其他资金');
      if (fiscalAt >= 0) d.fiscal = readAmount(valueAfter(row, fiscalAt, ['其他资金']), unitNow).amount;
      else d.fiscal = breakdown(cell, '财政资金', unitNow, ctx, row);
      if (otherAt >= 0) d.other = readAmount(valueAfter(row, otherAt), unitNow).amount;
      else d.other = breakdown(cell, '其他资金', unitNow, ctx, row);
      if (fiscalAt < 0 && otherAt < 0 && d.fiscal === null && d.other === null && d.total) {
        unplace(ctx, row, '预算数一栏没有分出财政资金和其他资金，无法确定资金来源');
      }
      mode = 'afterBudget';
      continue;
    }
    if (mode === 'afterBudget' && !isLabelRow(row)) {
      d.purpose = row.cells.filter((c) => c !== '').join('\n');
      mode = 'none';
      continue;
    }
    const planAt = findLabel(row, '资金支出计划（%）', '资金支出计划');
    if (planAt >= 0) {
      planColumns = PLAN_CHECKPOINTS.map((c) => findLabel(row, c));
      if (planColumns.some((i) => i < 0)) unplace(ctx, row, '资金支出计划的表头缺少 3月底/6月底/10月底/12月底');
      mode = 'afterPlanHeader';
      continue;
    }
    if (mode === 'afterPlanHeader') {
      const printed = planColumns.map((i) => (i >= 0 ? (row.cells[i] ?? '') : ''));
      const values = printed.map((p) => {
        const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(p);
        return m ? m[1] : null;
      });
      const bad = printed.filter((p, i) => p !== '' && values[i] === null);
      if (bad.length) unplace(ctx, row, `资金支出计划读不出数值：${bad.join('、')}`);
      const basis = planBasis(values, printed, d.total);
      if (basis === 'amount') ctx.notes.push(`第 ${row.line} 行：资金支出计划的最大值等于预算数，按累计金额（${d.unit}）读取`);
      d.plan = {
        basis,
        points: PLAN_CHECKPOINTS.map((by, i) => ({ by, printed: printed[i], value: values[i] })),
      };
      mode = 'none';
      continue;
    }
    const goalsAt = findLabel(row, '绩效目标');
    if (goalsAt >= 0) {
      d.goals = splitNumbered(ctx.cell(valueAfter(row, goalsAt)));
      mode = 'none';
      continue;
    }
    if (findLabel(row, '一级指标') >= 0) {
      if (mode === 'indicators') {
        afterBreak = true; // the header printed again: the table went over a page break
        continue;
      }
      const map = Object.fromEntries(INDICATOR_COLUMNS.map((c) => [c, findLabel(row, c)])) as IndicatorColumns;
      const missing = INDICATOR_COLUMNS.filter((c) => map[c] < 0);
      if (missing.length) {
        unplace(ctx, row, `指标表头缺少：${missing.join('、')}`);
        continue;
      }
      columns = map;
      const spanList = headerSpans(row.cells, INDICATOR_COLUMNS.map((c) => map[c]));
      spans = Object.fromEntries(INDICATOR_COLUMNS.map((c, i) => [c, spanList[i]]));
      const opAt = row.cells.findIndex((c, i) => i < map['指标值'] && i > map['绩效指标描述'] && OPERATOR_COLUMN.includes(labelKey(c)));
      const unitAt = row.cells.findIndex((c, i) => i > map['指标值'] && i < map['指标值确定依据'] && UNIT_COLUMN.includes(labelKey(c)));
      valueParts = { operator: opAt, unit: unitAt };
      if (opAt >= 0 || unitAt >= 0) ctx.notes.push(`第 ${row.line} 行：指标值分在运算符/数值/单位几栏，按原文顺序合并为一个指标值`);
      mode = 'indicators';
      afterBreak = false;
      continue;
    }
    if (mode === 'indicators' && columns) {
      const cols = columns;
      const width = Math.max(...Object.values(cols)) + 1;
      const previous = d.rows[d.rows.length - 1];
      if (row.text) {
        unplace(ctx, row, '不是已知的表格行');
        continue;
      }
      if (pending) {
        if (pending.cells.length + row.cells.length === width) {
          // A row whose cells a blank line split in two (Word export).
          ctx.notes.push(`第 ${pending.line}–${row.endLine} 行被空行分开的同一指标行已合并`);
          row = { ...row, line: pending.line, cells: [...pending.cells, ...row.cells] };
        } else {
          unplace(ctx, pending, '指标行的单元格数不对，也不能与下一行拼成一行');
        }
        pending = null;
      }
      const short = row.cells.length < width;
      if (short && previous && omitsLevel1(row, cols, previous)) {
        // The merged 一级 cell was left out of this row: its first cell is a 二级指标.
        row = { ...row, cells: [...row.cells.slice(0, cols['一级指标']), '', ...row.cells.slice(cols['一级指标'])] };
        ctx.notes.push(`第 ${row.line} 行缺少一级指标一栏，沿用上一行的“${previous.level1}”`);
      } else if (short && !isLastRow(rows, row)) {
        pending = row;
        continue;
      }
      const cell = (name: (typeof INDICATOR_COLUMNS)[number]) => {
        if (name === '指标值' && (valueParts.operator >= 0 || valueParts.unit >= 0)) {
          const parts = [valueParts.operator, cols['指标值'], valueParts.unit].filter((i) => i >= 0).map((i) => row.cells[i] ?? '');
          return parts.join('');
        }
        const [from, to] = spans[name] ?? [cols[name], cols[name]];
        // A label spanning several columns: its value is in whichever of them is filled.
        for (let i = from; i <= to; i++) if (row.cells[i]) return row.cells[i];
        return '';
      };
      const filled = INDICATOR_COLUMNS.filter((c) => cell(c) !== '').length;
      if (filled === 0) continue;
      if (afterBreak && previous && cell('指标值确定依据') === '') {
        // The rest of the previous row, carried over the page break.
        previous.level2 += cell('二级指标');
        previous.level3 += cell('三级指标');
        previous.description += cell('绩效指标描述');
        previous.value += cell('指标值');
        ctx.notes.push(`第 ${row.line} 行是上一行被分页截断的后半部分，已接回`);
        afterBreak = false;
        continue;
      }
      afterBreak = false;
      const level1 = cell('一级指标') || previous?.level1 || '';
      const level2 = cell('二级指标') || (cell('一级指标') === '' ? previous?.level2 : '') || '';
      if (!level1 || cell('三级指标') === '') {
        unplace(ctx, row, '指标行缺少一级或三级指标，无法确定归属');
        continue;
      }
      d.rows.push({
        level1,
        level2,
        level3: cell('三级指标'),
        description: cell('绩效指标描述'),
        value: cell('指标值'),
        basis: cell('指标值确定依据'),
      });
      continue;
    }
    unplace(ctx, row, '不是已知的表格行');
  }
  finish();
  for (const p of result.projects) {
    if (p.indicators.form !== 'levels') continue;
    p.indicators.rows = p.indicators.rows.map((r) => {
      const value = ctx.cell(r.value);
      const parsed = parsedOf(value);
      return {
        level1: ctx.cell(r.level1),
        level2: ctx.cell(r.level2),
        level3: ctx.cell(r.level3),
        description: ctx.cell(r.description ?? ''),
        value,
        ...(parsed ? { parsed } : {}),
        basis: ctx.cell(r.basis ?? ''),
      };
    });
  }
  return result;
}

/** Reads `财政资金10万元` out of a budget cell's bracketed breakdown. */
function breakdown(cell: string, source: string, unit: AmountUnit, ctx: TableContext, row: Row): string | null {
  const m = new RegExp(`${source}\\s*[:：]?\\s*(\\d[\\d,]*(?:\\.\\d+)?)\\s*(万元|元)?`).exec(cell);
  if (!m) return null;
  if (m[2] && m[2] !== unit) {
    unplace(ctx, row, `${source}的单位 ${m[2]} 与预算数的单位 ${unit} 不同`);
    return null;
  }
  return m[1].replace(/,/g, '');
}

/** A row that left out the merged 一级 cell: it starts with a 二级指标 of the row above's 一级. */
function omitsLevel1(row: Row, cols: Record<string, number>, previous: LevelIndicator): boolean {
  const first = row.cells[cols['一级指标']] ?? '';
  return LEVEL2_NAMES.has(first) && (!LEVEL1_NAMES.has(first) || level2Names(previous.level1).includes(first));
}

function isLastRow(rows: Row[], row: Row): boolean {
  return rows[rows.length - 1] === row;
}

