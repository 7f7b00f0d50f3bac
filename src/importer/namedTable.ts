/**
 * Reads the 重点专项绩效目标表 layout (004): 主管部门 / 实施单位, 预算执行率权重,
 * 项目总资金额 with 上级补助 / 区级资金 / 其他资金, 项目概况, 立项依据, 当年绩效目标,
 * indicators as 指标名称/指标性质/指标值/指标单位/分值/是否核心, and 联系人.
 */
import type { Row } from './rows.ts';
import { labelKey } from './rows.ts';
import type { AmountUnit } from '../lib/money.ts';
import { normaliseOperator, parseIndicatorValue } from '../lib/indicatorValue.ts';
import type { FundingSource, NamedIndicator } from '../schemas/project.ts';
import type { DraftProject, TableContext } from './common.ts';
import { findLabel, readAmount, readUnit, unplace, valueAfter } from './common.ts';

export const NAMED_TITLE = /绩效目标表$/;
const INDICATOR_COLUMNS = ['指标名称', '指标性质', '指标值', '指标单位', '分值', '是否核心'] as const;
const FUNDING = ['上级补助', '区级资金', '其他资金'] as const;

export interface NamedResult {
  projects: DraftProject[];
  supervisor: string | null;
  amountUnit: AmountUnit | null;
  skippedTemplates: number;
}

/** Strips HTML that the export left in a cell and splits it into its printed items. */
export function htmlItems(text: string): string[] {
  if (!/<\/?(ol|ul|li|p)\b/i.test(text)) return [text.trim()].filter(Boolean);
  const paragraphs = text.split(/<\/p>|<br\s*\/?>|<\/li>/i).map((s) => s.replace(/<[^>]+>/g, '').trim());
  if (paragraphs.filter(Boolean).length > 1) return paragraphs.filter(Boolean);
  // An <ol> whose <li> tags were lost: its items are separated by single spaces.
  return text
    .replace(/<[^>]+>/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** Splits `1.《…》 2.《…》` into its numbered items; anything else is one item. */
function basisItems(text: string): string[] {
  if (/<\/?(ol|li|p)\b/i.test(text)) return htmlItems(text);
  const numbered = text.split(/\s+(?=\d{1,2}[.、．])/).map((s) => s.trim()).filter(Boolean);
  return numbered.length > 1 ? numbered : [text.trim()];
}

interface Draft {
  line: number;
  name?: string;
  supervisor?: string;
  implementer?: string;
  weight?: string;
  total?: string;
  funding: FundingSource[];
  purpose?: string;
  basis?: string[];
  goals: string[];
  scoreTotal?: string;
  columns?: number[];
  rows: NamedIndicator[];
  contact?: { name: string; phone: string };
  unit: AmountUnit | null;
}

export function readNamedProjects(rows: Row[], ctx: TableContext): NamedResult {
  const result: NamedResult = { projects: [], supervisor: null, amountUnit: null, skippedTemplates: 0 };
  let draft: Draft | null = null;

  const finish = () => {
    if (!draft) return;
    const d: Draft = draft;
    draft = null;
    if (!d.name) {
      result.skippedTemplates++;
      ctx.notes.push(`第 ${d.line} 行起的表格没有项目名称（空白模板表），未作为项目导入`);
      return;
    }
    if (!d.total || !d.unit) {
      ctx.unplaced.push({ line: d.line, text: d.name, reason: '表格缺少项目总资金额或金额单位，未能读成项目' });
      return;
    }
    result.projects.push({
      line: d.line,
      name: d.name,
      ...(d.supervisor ? { supervisor: d.supervisor } : {}),
      ...(d.implementer ? { implementer: d.implementer } : {}),
      amountUnit: d.unit,
      total: d.total,
      fundingSources: d.funding,
      purposeLabel: '项目概况',
      purpose: d.purpose ?? '',
      ...(d.basis ? { legalBasis: d.basis } : {}),
      ...(d.weight ? { executionWeight: d.weight } : {}),
      goals: d.goals,
      ...(d.contact ? { contact: d.contact } : {}),
      indicators: { form: 'named', ...(d.scoreTotal ? { scoreTotal: d.scoreTotal } : {}), rows: d.rows },
    });
  };

  for (const row of rows) {
    const nonEmpty = row.cells.filter((c) => c !== '');
    if (nonEmpty.length === 0) continue;
    if (nonEmpty.some((c) => NAMED_TITLE.test(c))) {
      finish();
      draft = { line: row.line, funding: [], goals: [], rows: [], unit: result.amountUnit };
      const unit = readUnit(row);
      if (unit) draft.unit = unit;
      continue;
    }
    const unit = readUnit(row);
    if (unit && nonEmpty.length === 1) {
      result.amountUnit ??= unit;
      if (draft) (draft as Draft).unit = unit;
      continue;
    }
    if (!draft) {
      // Captions such as 表十六 that stand before a table's title.
      if (nonEmpty.length === 1 && /^表[一二三四五六七八九十百\d]+$/.test(nonEmpty[0])) continue;
      unplace(ctx, row, '出现在第一张表之前，无法归属');
      continue;
    }
    const d: Draft = draft;
    if (nonEmpty.length === 1 && /^表[一二三四五六七八九十百\d]+$/.test(nonEmpty[0])) continue;
    const supAt = findLabel(row, '主管部门');
    if (supAt >= 0) {
      const sup = valueAfter(row, supAt, ['实施单位']);
      if (sup) d.supervisor = sup;
      const implAt = findLabel(row, '实施单位');
      if (implAt >= 0) {
        const impl = valueAfter(row, implAt);
        if (impl) d.implementer = impl;
      }
      if (sup) result.supervisor ??= sup;
      continue;
    }
    const nameAt = findLabel(row, '项目名称');
    if (nameAt >= 0) {
      const name = valueAfter(row, nameAt);
      if (name) d.name = name;
      continue;
    }
    const weightAt = row.cells.findIndex((c) => labelKey(c).startsWith('预算执行率权重'));
    if (weightAt >= 0) {
      const w = valueAfter(row, weightAt);
      if (w) d.weight = w;
      continue;
    }
    const totalAt = findLabel(row, '项目总资金额');
    const fundAt = FUNDING.map((f) => findLabel(row, f));
    if (totalAt >= 0 || fundAt.some((i) => i >= 0)) {
      const unitNow = d.unit ?? '万元';
      if (totalAt >= 0) {
        const t = readAmount(valueAfter(row, totalAt, [...FUNDING]), unitNow);
        if (t.error || t.amount === null) {
          if (d.name) unplace(ctx, row, t.error ?? '项目总资金额为空');
        } else d.total = t.amount;
      }
      FUNDING.forEach((source, k) => {
        if (fundAt[k] < 0) return;
        const a = readAmount(valueAfter(row, fundAt[k], [...FUNDING]), unitNow);
        if (a.error) unplace(ctx, row, a.error);
        d.funding.push({ source, amount: a.amount });
      });
      continue;
    }
    const overviewAt = findLabel(row, '项目概况');
    if (overviewAt >= 0) {
      d.purpose = valueAfter(row, overviewAt);
      continue;
    }
    const basisAt = findLabel(row, '立项依据');
    if (basisAt >= 0) {
      const b = valueAfter(row, basisAt);
      if (b) d.basis = basisItems(b);
      continue;
    }
    const goalsAt = findLabel(row, '当年绩效目标');
    if (goalsAt >= 0) {
      const g = valueAfter(row, goalsAt);
      if (g) d.goals = htmlItems(g);
      continue;
    }
    if (findLabel(row, '指标名称') >= 0) {
      d.columns = INDICATOR_COLUMNS.map((c) =>
        row.cells.findIndex((cell) => labelKey(cell).startsWith(labelKey(c))),
      );
      const scoreHeader = row.cells[d.columns[4]] ?? '';
      const m = /（(\d+(?:\.\d+)?)分）/.exec(labelKey(scoreHeader));
      if (m) d.scoreTotal = m[1];
      continue;
    }
    const contactAt = row.cells.findIndex((c) => labelKey(c).startsWith('联系人'));
    if (contactAt >= 0) {
      const phoneAt = row.cells.findIndex((c) => labelKey(c).startsWith('联系电话'));
      const name = valueAfter(row, contactAt, ['联系电话：']);
      const phone = phoneAt >= 0 ? valueAfter(row, phoneAt) : '';
      if (name && phone) d.contact = { name, phone };
      continue;
    }
    if (d.columns && d.columns.every((i) => i >= 0)) {
      const [nameC, natureC, valueC, unitC, scoreC, coreC] = d.columns.map((i) => row.cells[i] ?? '');
      const nature = normaliseOperator(natureC);
      if (nameC && nature) {
        const read = parseIndicatorValue(valueC);
        const parsed = { operator: nature, ...read, ...(unitC ? { unit: unitC } : {}) };
        d.rows.push({
          name: nameC,
          nature,
          value: valueC,
          parsed,
          unit: unitC,
          score: scoreC,
          core: (coreC === '是' || coreC === '否' ? coreC : '') as NamedIndicator['core'],
        });
        continue;
      }
    }
    if (nonEmpty.length === 1 && /无数据|无一般项目/.test(nonEmpty[0])) {
      ctx.notes.push(`第 ${row.line} 行：${nonEmpty[0]}`);
      continue;
    }
    unplace(ctx, row, '不是已知的表格行');
  }
  finish();
  return result;
}
