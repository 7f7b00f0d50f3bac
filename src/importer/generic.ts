/**
 * Stage 2: one reader over the grid. It finds project fields by their labels and indicator
 * tables by their header cells, both through the vocabulary (./vocabulary.ts), never by a
 * document's title or a particular province's wording. Every cell gets a fate, so that every
 * source line can be accounted for.
 */
import type { AmountUnit } from '../lib/money.ts';
import { DECIMAL_PATTERN, addDecimals, formatDecimal, parseDecimal, type Decimal } from '../lib/money.ts';
import { LEVEL1_ALIASES, LEVEL2_ALIASES, TAXONOMY, standardLevel1, standardLevel2 } from '../lib/taxonomy.ts';
import type { LevelColumn, LevelColumnKey, LevelIndicator, Project } from '../schemas/project.ts';
import { isPlaceholderRow, parseLevelValue } from '../schemas/project.ts';
import type { Flow, Grid, GridCell } from './grid.ts';
import {
  AMOUNT_UNIT_IN_TEXT, COLUMN_LABELS, FIELD_LABELS, FUNDING_LABELS, HEADER_FURNITURE, PAGE_FURNITURE, TABLE_END, TABLE_TITLE, VALUE_WORDS,
  type FieldName,
} from './vocabulary.ts';

/** What became of a source line. */
export type Fate = 'field' | 'narrative' | 'furniture' | 'placeholder' | 'unplaced';

interface Token extends GridCell {
  /** Index of the grid row the cell is in, and whether it opens that row. */
  row: number;
  first: boolean;
  flow: Flow;
  fate?: Fate;
  reason?: string;
}

/** A project as the reader fills it: the schema's own type, plus where it started. */
export interface GenericDraft {
  project: Partial<Project>;
  line: number;
  /** Lines of the draft's cells: unplaced if the draft cannot become a project. */
  tokens: Token[];
  /** Where the annual total came from: an annual label wins over a multi-year one. */
  totalRank: number;
  unit?: AmountUnit;
  printedUnit?: AmountUnit;
  /** How deep each funding source is nested (0 for the outermost), in the order of fundingSources. */
  fundingDepths: number[];
}

export interface GenericResult {
  drafts: GenericDraft[];
  /** Fate of every non-blank line, and why for unplaced ones. */
  fates: Map<number, { fate: Fate; reason?: string; text: string; column?: number }>;
  unitName: string | null;
  unitCode: string | null;
  years: number[];
  notes: string[];
  /** Narrative lines outside the tables, in order, for the department body. */
  narrative: string[];
  tablesFound: number;
}

/** Label comparison key: no whitespace, stars or colons; full-width brackets. */
export function labelKey(text: string): string {
  return text
    .replace(/[\s*＊]+/g, '')
    .replace(/[:：]+$/, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

const keySet = (labels: readonly string[]) => new Set(labels.map(labelKey));
const FIELD_KEYS = Object.fromEntries(Object.entries(FIELD_LABELS).map(([f, ls]) => [f, keySet(ls)])) as Record<FieldName, Set<string>>;
const FUNDING_KEYS = keySet(FUNDING_LABELS);
const COLUMN_KEYS = Object.entries(COLUMN_LABELS).map(([k, ls]) => [k, keySet(ls)] as const);
const HEADER_FURNITURE_KEYS = keySet(HEADER_FURNITURE);
const LEVEL1_KEYS = new Set([...Object.keys(TAXONOMY), ...Object.keys(LEVEL1_ALIASES)]);
const LEVEL2_KEYS = new Set([...Object.values(TAXONOMY).flat(), ...Object.keys(LEVEL2_ALIASES)]);

/** A level label without its printed hints: `数量指标 (必填)` → 数量指标, `成本指标(0-20)分` → 成本指标. */
function levelKey(text: string): string {
  return labelKey(text).replace(/（[^（）]*）分?$/, '').replace(/（[^（）]*）/g, '');
}

function columnKind(text: string): string | null {
  // `二级指标（年度）`, `指标值（长期）`: the group is told by the order of the columns.
  const k = labelKey(text).replace(/（(长期|中期|年度|当年|实施期)）$/, '');
  if (!k) return null;
  for (const [kind, keys] of COLUMN_KEYS) if (keys.has(k)) return kind;
  // A value column named by its period or kind (实施周期指标值, 当年度指标值, 中期目标值).
  if (k.length <= 10 && /^[\u4e00-\u9fff]{1,6}(指标值|目标值)$/.test(k)) return 'value';
  return null;
}

/** List numbers before a funding label, outermost first: `（一）`/`一、`, then `1、`/`1.`, then `（1）`. */
const FUNDING_NUMBERS = [/^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)/, /^\d+[.、．]/, /^[（(]\d+[)）]/];

/**
 * A funding label without its list number, 其中：, 当年/本年 or 小计/合计 (`其中:1.中央资金` →
 * 中央资金, `（一）财政拨款小计` → 财政拨款), and how deep it is nested: a `1、` item is a part of the
 * `（一）` item above it; a `其中` item is a part of the funding row above it (depth `above`), and
 * where none is above it, of the total.
 */
export function fundingLabel(text: string, above?: number): { key: string; depth: number } | null {
  let k = labelKey(text);
  let depth = 0;
  const within = /^其中[:：]?/.test(k);
  k = k.replace(/^其中[:：]?/, '');
  const n = FUNDING_NUMBERS.findIndex((re) => re.test(k));
  if (n >= 0) {
    k = k.replace(FUNDING_NUMBERS[n], '');
    depth = n;
  } else if (within && above !== undefined) depth = above + 1;
  k = k.replace(/^(当年|本年)/, '').replace(/(小计|合计)$/, '');
  return FUNDING_KEYS.has(k) ? { key: k, depth } : null;
}

function fundingKey(text: string): string | null {
  return fundingLabel(text)?.key ?? null;
}

interface LabelHit {
  field: FieldName;
  /** The label as printed, without its colon. */
  label: string;
  /** Unit printed in the label: 资金情况（万元）. */
  unit?: AmountUnit;
  /** Value printed in the same cell after a colon, or glued to an amount label. */
  inline?: string;
}

function unitIn(text: string): AmountUnit | undefined {
  const m = AMOUNT_UNIT_IN_TEXT.exec(text);
  return (m?.[1] ?? m?.[2]) as AmountUnit | undefined;
}

/** The field a label cell introduces, if it is one. */
function fieldLabel(text: string): LabelHit | null {
  const raw = text.trim();
  if (!raw || raw.length > 40) return null;
  const unit = unitIn(raw);
  const bare = labelKey(raw.replace(/[（(]\s*(万元|元)\s*[)）]/, ''));
  for (const [field, keys] of Object.entries(FIELD_KEYS) as [FieldName, Set<string>][]) {
    if (keys.has(bare)) return { field, unit, label: raw.replace(/[:：]\s*$/, '') };
  }
  // `年度资金总额：250`, `项目总投资20万元`: a label and its value in one cell.
  const colon = /^([^:：]{2,20})[:：]\s*(.+)$/.exec(raw);
  if (colon) {
    const hit = fieldLabel(colon[1]);
    if (hit) return { ...hit, inline: colon[2].trim() };
  }
  for (const field of ['annualTotal', 'projectTotal'] as const) {
    for (const label of FIELD_KEYS[field]) {
      if (bare.startsWith(label) && /^\d[\d,]*(\.\d+)?(万元|万|元)?$/.test(bare.slice(label.length))) {
        return { field, unit, label: raw, inline: bare.slice(label.length) };
      }
    }
  }
  return null;
}

/** An amount cell: `153.5184`, `250万`, `20万元`, `3,309,840.00`. */
export function readAmountText(text: string): { amount: string; unit?: AmountUnit } | null {
  // A breakdown may follow in brackets: `854万(高标准农田建设400万元,…)`.
  const m = /^([\d,]+(?:\.\d+)?)\s*(万元|万|元)?\s*(?:[（(].*[)）])?$/s.exec(text.trim().replace(/^[:：]/, ''));
  if (!m) return null;
  const amount = m[1].replace(/,/g, '');
  if (!DECIMAL_PATTERN.test(amount)) return null;
  return { amount, unit: m[2] ? (m[2] === '元' ? '元' : '万元') : undefined };
}

function isPageFurniture(text: string): boolean {
  const t = text.trim();
  return PAGE_FURNITURE.some((p) => p.test(t));
}

function isTableEnd(text: string): boolean {
  const k = labelKey(text);
  if (!k) return false;
  if (/^注[:：]/.test(text.trim())) return true;
  return TABLE_END.some((s) => k.includes(labelKey(s))) || /意见$/.test(k) || TABLE_TITLE.test(k);
}

const YEAR_CELL = /^[（(]?\s*20\d{2}\s*年度?\s*[)）]?$/;
const VALUE_LIKE = /^(>=|<=|≥|≤|>|<|=|＝|≧|≦|±|＞|＜)?\s*[\d.]+/;

interface Header {
  /** Column keys in printed order; the long-term group's value is `longTermValue`, its other columns null. */
  keys: Array<LevelColumnKey | null>;
  columns: LevelColumn[];
  /** Index of the first column after the 二级 label column. */
  restFrom: number;
  /** Cells in the header's grid row, and the cell index of each key in it (for positional rows). */
  rowWidth: number;
  positions: number[];
  /** Project fields printed as columns before the indicators (a list of projects in one table). */
  fieldColumns: Array<{ hit: LabelHit; position: number }>;
}

export function readGeneric(grid: Grid): GenericResult {
  const tokens: Token[] = [];
  grid.rows.forEach((r, i) => r.cells.forEach((c, j) => tokens.push({ ...c, row: i, first: j === 0, flow: r.flow })));
  joinWrappedLabels(tokens);
  const notes: string[] = [];
  const drafts: GenericDraft[] = [];
  const years: number[] = [];
  let docUnit: AmountUnit | undefined;
  let draft: GenericDraft | null = null;
  let tablesFound = 0;
  let unitCode: string | null = null;

  const set = (t: Token, fate: Fate, reason?: string) => {
    t.fate = fate;
    if (reason) t.reason = reason;
    draft?.tokens.push(t);
  };
  const startDraft = (t: Token) => {
    draft = { project: { fundingSources: [], goals: [] }, line: t.line, tokens: [], totalRank: 99, fundingDepths: [] };
    drafts.push(draft);
    return draft;
  };
  const rowTokens = (i: number) => {
    const out: number[] = [];
    for (let j = i; j < tokens.length && tokens[j].row === tokens[i].row; j++) out.push(j);
    return out;
  };
  /** The value cell after a label: same row for row flows, the next cell for streams. */
  const valueAt = (i: number): number | null => {
    let j = i + 1;
    // In a grid row a label spans empty cells before its value.
    while (tokens[i].flow === 'row' && j < tokens.length && tokens[j].text === '' && tokens[j].row === tokens[i].row) j++;
    if (j >= tokens.length) return null;
    const t = tokens[j];
    // A label on a line of its own takes the next line when that line is one cell: a long value printed under its label.
    const alone = (n: number) => tokens[n - 1]?.row !== tokens[n].row && tokens[n + 1]?.row !== tokens[n].row;
    if (tokens[i].flow !== 'stream' && t.row !== tokens[i].row && !(alone(i) && alone(j))) return null;
    if (fieldLabel(t.text) || fundingKey(t.text) || columnKind(t.text) === 'level1') return null;
    return j;
  };

  for (const t of tokens) {
    for (const m of t.text.matchAll(/(20\d{2})\s*年度/g)) years.push(Number(m[1]));
    const u = /(?:单位|金额单位)\s*[:：]\s*(万元|元)/.exec(t.text);
    if (u) docUnit ??= u[1] as AmountUnit;
  }

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.fate) continue;
    if (t.text === '') {
      set(t, 'furniture');
      continue;
    }
    const header = matchHeader(tokens, i);
    if (header) {
      tablesFound++;
      const d: GenericDraft = draft ?? startDraft(t);
      for (let j = i; j < header.end; j++) set(tokens[j], 'field');
      i = readBody(tokens, header.end, header.header, d, notes, (at) => startDraft(at)) - 1;
      continue;
    }
    if (YEAR_CELL.test(t.text)) {
      set(t, 'field');
      continue;
    }
    const hit = fieldLabel(t.text);
    if (hit?.field === 'fundsHeading') {
      set(t, 'field');
      if (hit.unit && draft) (draft as GenericDraft).printedUnit ??= hit.unit;
      continue;
    }
    if (hit) {
      // A second name starts the next project once this one has its table or its amount;
      // before that it names the same project more precisely (一级项目名称, then 二级项目名称).
      if (hit.field === 'name' && draft && ((draft as GenericDraft).project.indicators || ((draft as GenericDraft).project.name && (draft as GenericDraft).project.total))) draft = null;
      const d: GenericDraft = draft ?? startDraft(t);
      let value = hit.inline;
      let valueToken: Token | null = null;
      if (value === undefined) {
        const j = valueAt(i);
        if (j !== null) {
          valueToken = tokens[j];
          // PDF text wraps a long value: `兰溪路-真南路下立交工` / `程`, then the next label.
          const tail = tokens[j + 1];
          if (t.flow === 'stream' && tail?.text && tail.text.length <= 2 && !fieldLabel(tail.text) && !readAmountText(tail.text) && tokens[j + 2] && fieldLabel(tokens[j + 2].text)) {
            valueToken.text += tail.text;
            valueToken.endLine = tail.endLine;
            tokens.splice(j + 1, 1);
          }
          value = valueToken.text;
        }
      }
      set(t, 'field');
      if (valueToken) set(valueToken, 'field');
      if (hit.unit) d.printedUnit ??= hit.unit;
      if (value !== undefined && value !== '') assignField(d, hit, value, notes, (code) => (unitCode ??= code), (valueToken ?? t).line);
      if (valueToken) i = tokens.indexOf(valueToken);
      continue;
    }
    const source = fundingLabel(t.text, draft ? (draft as GenericDraft).fundingDepths.at(-1) : undefined);
    if (source && draft) {
      const j = valueAt(i);
      const d: GenericDraft = draft;
      set(t, 'field');
      const valueText = j !== null ? tokens[j].text : '';
      if (j !== null) set(tokens[j], 'field');
      const read = readAmountText(valueText);
      (d.project.fundingSources ??= []).push({ source: t.text.replace(/^其中\s*[:：]?\s*/, '').replace(/[:：]\s*.*$/, '').trim(), amount: read?.amount ?? null });
      d.fundingDepths.push(source.depth);
      const inline = /[:：]\s*([\d.,]+)/.exec(t.text);
      if (inline && j === null) d.project.fundingSources!.at(-1)!.amount = inline[1].replace(/,/g, '');
      if (j !== null) i = j;
      continue;
    }
    if (unitIn(t.text) && t.text.length < 30) {
      const unit = unitIn(t.text)!;
      if (draft) (draft as GenericDraft).printedUnit ??= unit;
      docUnit ??= unit;
      set(t, 'field');
      continue;
    }
    if (isPageFurniture(t.text) || HEADER_FURNITURE_KEYS.has(labelKey(t.text)) || isTableEnd(t.text)) {
      set(t, 'furniture');
      continue;
    }
    if (!draft) {
      set(t, 'narrative');
      continue;
    }
    set(t, 'unplaced', '不是已知的标签、金额或指标表的单元格');
  }

  for (const d of drafts) totalFromFunding(d, notes);

  // Amount units: printed per project, else for the document, else from the narrative.
  for (const d of drafts) {
    d.unit = d.printedUnit ?? d.unit ?? docUnit;
    if (!d.unit && d.project.total) {
      const n = d.project.total.replace(/\.0+$/, '');
      const found = tokens.find((t) => new RegExp(`(^|[^\\d.])${n.replace('.', '\\.')}(\\.0+)?\\s*(万元|元)`).test(t.text));
      const m = found && new RegExp(`${n.replace('.', '\\.')}(?:\\.0+)?\\s*(万元|元)`).exec(found.text);
      if (m) {
        d.unit = m[1] as AmountUnit;
        notes.push(`第 ${d.line} 行起的项目“${d.project.name ?? ''}”：表中没有印金额单位，按第 ${found!.line} 行“${found!.text.slice(0, 30)}”取 ${m[1]}`);
      }
    }
    if (d.unit) d.project.amountUnit = d.unit;
  }

  const fates = new Map<number, { fate: Fate; reason?: string; text: string; column?: number }>();
  const priority: Fate[] = ['unplaced', 'field', 'placeholder', 'narrative', 'furniture'];
  for (const t of tokens) {
    // An empty cell the reader stepped over (the blanks a merged label spans) holds no content.
    const fate = t.fate ?? (t.text === '' ? 'furniture' : 'unplaced');
    for (let l = t.line; l <= t.endLine; l++) {
      const before = fates.get(l);
      if (!before || priority.indexOf(fate) < priority.indexOf(before.fate)) {
        fates.set(l, { fate, reason: t.reason, text: t.text, column: t.column });
      }
    }
  }
  const narrative: string[] = [];
  let lastRow = -1;
  for (const t of tokens) {
    if (t.fate !== 'narrative') continue;
    if (t.row === lastRow) narrative[narrative.length - 1] += ` ${t.text}`;
    else narrative.push(t.text);
    lastRow = t.row;
  }
  const first = drafts.find((d) => d.project.supervisor || d.project.implementer);
  return {
    drafts,
    fates,
    unitName: first ? (first.project.supervisor ?? first.project.implementer ?? null) : null,
    unitCode,
    years: [...new Set(years)],
    notes,
    narrative,
    tablesFound,
  };
}

/**
 * A table whose total row prints no amount (`年度资金总额 | 金额(万元)`, the amounts below it) gives
 * its total as the sum of the outermost funding rows (`（一）财政拨款小计`, `（二）自有资金小计` …),
 * never of their parts (`1、一般公共预算`), which are left out of the published sources.
 */
export function totalFromFunding(d: GenericDraft, notes: string[]): void {
  const p = d.project;
  const funding = p.fundingSources ?? [];
  if (p.total || funding.length === 0) return;
  const top = Math.min(...d.fundingDepths);
  const outer = funding.filter((_, n) => d.fundingDepths[n] === top);
  // A blank amount cell adds nothing; a printed one that is not a plain decimal stops the sum.
  const amounts = outer.flatMap((f) => (f.amount === null ? [] : [parseDecimal(f.amount)]));
  if (amounts.length === 0 || amounts.some((a) => a === null)) return;
  p.total = formatDecimal(addDecimals(amounts as Decimal[]));
  d.totalRank = 3;
  if (outer.length < funding.length) {
    p.fundingSources = outer;
    d.fundingDepths = outer.map(() => top);
  }
  notes.push(`第 ${d.line} 行起的项目“${p.name ?? ''}”：预算金额一栏没有印数字，按资金来源 ${outer.map((f) => `${f.source} ${f.amount ?? '（空）'}`).join('、')} 相加取 ${p.total}，请核对`);
}

/** Joins a label a narrow cell wrapped into two cells: `可持续影响` + `指标`. */
function joinWrappedLabels(tokens: Token[]) {
  const known = (s: string) => columnKind(s) || fieldLabel(s) || LEVEL2_KEYS.has(levelKey(s)) || LEVEL1_KEYS.has(levelKey(s)) || HEADER_FURNITURE_KEYS.has(labelKey(s));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (!a.text || !b.text || b.text.length > 6) continue;
    // A label wrapped over three lines: `服务对象` / `满意度指` / `标`.
    const c = tokens[i + 2];
    if (c?.text && c.text.length <= 2 && !known(a.text) && !known(a.text + b.text) && known(a.text + b.text + c.text)) {
      a.text += b.text + c.text;
      a.endLine = c.endLine;
      tokens.splice(i + 1, 2);
      continue;
    }
    const joined = a.text + b.text;
    if (known(joined) && !columnKind(b.text) && !fieldLabel(b.text) && !(LEVEL2_KEYS.has(levelKey(a.text)) && known(a.text) && !LEVEL2_KEYS.has(levelKey(joined)))) {
      a.text = joined;
      a.endLine = b.endLine;
      tokens.splice(i + 1, 1);
    }
  }
  joinCentredLabels(tokens);
}

/**
 * A level label taller than its row's line, printed vertically centred (PDF layout text): its
 * first part stands on the line above the row and its end on the line below (`服务对象满意度` /
 * `满意度指标 群众满意度 ≥90%` / `指标`). The two parts are one cell of the row between them.
 */
function joinCentredLabels(tokens: Token[]) {
  const alone = (n: number) => tokens[n].flow !== 'stream' && tokens[n - 1]?.row !== tokens[n].row && tokens[n + 1]?.row !== tokens[n].row;
  const level = (s: string) => LEVEL1_KEYS.has(levelKey(s)) || LEVEL2_KEYS.has(levelKey(s));
  for (let i = 0; i + 3 < tokens.length; i++) {
    const head = tokens[i];
    if (!head.text || !alone(i)) continue;
    const from = i + 1;
    let end = from;
    while (end < tokens.length && tokens[end].row === tokens[from].row) end++;
    const tail = tokens[end];
    if (!tail?.text || end - from < 2 || tokens[from].flow === 'stream' || !alone(end)) continue;
    const joined = head.text + tail.text;
    if (!level(joined) || level(tail.text) || columnKind(tail.text) || levelOf(head.text + tokens[from].text, undefined)) continue;
    head.text = joined;
    head.endLine = tail.endLine;
    tokens.splice(end, 1);
    tokens.splice(i, 1);
    // A 二级 goes after the row's 一级 cell, anything else opens the row.
    const after = levelOf(tokens[i].text, joined) === 'level1' && LEVEL2_KEYS.has(levelKey(joined)) ? 1 : 0;
    head.row = tokens[i].row;
    head.first = after === 0;
    if (after === 0) tokens[i].first = false;
    tokens.splice(i + after, 0, head);
  }
}

/** An indicator table header starting at token i: 一级/二级/三级 and a value column. */
function matchHeader(tokens: Token[], i: number): { header: Header; end: number } | null {
  const kind = columnKind(tokens[i].text);
  if (kind !== 'level1' && kind !== 'level2') return null;
  const cols: Array<{ kind: string; text: string; token: Token }> = [];
  let j = i;
  while (j < tokens.length) {
    const t = tokens[j];
    let k = columnKind(t.text);
    // 指标内容 stands for 三级指标 in tables that print no 三级 column.
    if (k === 'description' && cols.at(-1)?.kind === 'level2' && !tokens.slice(j, j + 8).some((x) => columnKind(x.text) === 'level3')) k = 'level3';
    if (!k) {
      // Empty cells a wide header label spans.
      let e = j;
      while (e < tokens.length && tokens[e].text === '' && tokens[e].row === t.row) e++;
      if (e > j && e < tokens.length && tokens[e].row === t.row && columnKind(tokens[e].text)) {
        j = e;
        continue;
      }
      break;
    }
    // In a row-shaped table the header is one row; a stream header ends where the labels do.
    if (j > i && t.flow !== 'stream' && t.row !== tokens[i].row) break;
    cols.push({ kind: k, text: t.text, token: t });
    j++;
  }
  const kinds = cols.map((c) => c.kind);
  if (!kinds.includes('level2') || !kinds.includes('level3') || !kinds.includes('value')) return null;
  // Two column groups (中期/长期 and 年度): the later group is the year's.
  const level2s = kinds.flatMap((k, n) => (k === 'level2' ? [n] : []));
  const annualFrom = level2s.length > 1 ? level2s[level2s.length - 1] : -1;
  const keys: Array<LevelColumnKey | null> = cols.map((c, n) => {
    if (annualFrom > 0 && n < annualFrom && n > level2s[0]) return c.kind === 'value' ? 'longTermValue' : null;
    return c.kind as LevelColumnKey;
  });
  const columns: LevelColumn[] = [];
  cols.forEach((c, n) => {
    const key = keys[n];
    if (!key || (annualFrom > 0 && n === level2s[0])) return;
    if (!columns.some((x) => x.key === key)) columns.push({ key, header: c.text.replace(/\s+/g, '') });
  });
  columns.sort((a, b) => order(a.key) - order(b.key));
  const rowCells = tokens.filter((t) => t.row === tokens[i].row);
  return {
    header: {
      keys,
      columns,
      restFrom: level2s[0] + 1,
      rowWidth: tokens[i].flow === 'stream' ? -1 : rowCells.length,
      positions: cols.map((c) => rowCells.indexOf(c.token)),
      fieldColumns:
        tokens[i].flow === 'stream'
          ? []
          : rowCells.slice(0, rowCells.indexOf(tokens[i])).flatMap((c, position) => {
              const hit = fieldLabel(c.text);
              return hit && hit.field !== 'fundsHeading' ? [{ hit, position }] : [];
            }),
    },
    end: j,
  };
}

/** Level columns first, then the rest in printed order (a long-term value stands before the value). */
function order(key: LevelColumnKey): number {
  return ['level1', 'level2', 'level3'].includes(key) ? ['level1', 'level2', 'level3'].indexOf(key) - 10 : 0;
}

type LevelLabel = 'level1' | 'level2' | null;

function levelOf(text: string, next: string | undefined): LevelLabel {
  const k = levelKey(text);
  if (!k) return null;
  const l1 = LEVEL1_KEYS.has(k);
  const l2 = LEVEL2_KEYS.has(k);
  if (l1 && l2) return next !== undefined && LEVEL2_KEYS.has(levelKey(next)) ? 'level1' : 'level2';
  return l1 ? 'level1' : l2 ? 'level2' : null;
}

/** Reads indicator rows after a header until the table ends; returns the next token index. */
function readBody(tokens: Token[], from: number, header: Header, first: GenericDraft, notes: string[], next: (t: Token) => GenericDraft): number {
  let d = first;
  let rows: LevelIndicator[] = d.project.indicators?.form === 'levels' ? d.project.indicators.rows : [];
  /** Whether each row printed its own 一级 cell, and whether it was read by column position. */
  let printed: Array<{ level1: boolean; aligned: boolean }> = [];
  const close = () => {
    recentreLevel1(rows, printed);
    if (rows.length) d.project.indicators = { form: 'levels', columns: header.columns, rows };
  };
  const restKeys = header.keys.slice(header.restFrom);
  const k = restKeys.length;
  let i = from;
  const flatTable = tokens[from - 1]?.flow === 'flat';
  const ends = (t: Token) => isTableEnd(t.text) || (fieldLabel(t.text) && !LEVEL2_KEYS.has(levelKey(t.text))) || isPageFurniture(t.text);

  const emitRow = (labels: Token[], levels: LevelLabel[], rest: Token[], uncertain: boolean, aligned = false) => {
    const prev = rows[rows.length - 1];
    let level1 = prev?.level1 ?? '';
    let level2 = prev?.level2 ?? '';
    labels.forEach((lt, n) => {
      if (levels[n] === 'level1') {
        level1 = lt.text;
        level2 = '';
      } else level2 = lt.text;
    });
    const cells: Partial<Record<LevelColumnKey, string>> = {};
    restKeys.forEach((key, n) => {
      if (key && rest[n]) cells[key] = (cells[key] ? cells[key] : '') + rest[n].text;
    });
    // Two column groups: the year's group prints its own 二级指标.
    if (cells.level2) level2 = cells.level2;
    const row = buildRow(level1, level2, cells, header);
    const placeholder = isPlaceholderRow(row);
    if (!placeholder && rest.every((t) => !t.text) && labels.length === 0) return;
    for (const t of [...labels, ...rest]) {
      t.fate = placeholder ? 'placeholder' : 'field';
      d.tokens.push(t);
    }
    if (!level2) {
      for (const t of [...labels, ...rest]) {
        t.fate = 'unplaced';
        t.reason = '指标行前面没有二级指标';
      }
      return;
    }
    if (!level1) notes.push(`第 ${(labels[0] ?? rest[0]).line} 行：这一行的一级指标单元格是空的，按原文保留为空`);
    if (uncertain && !placeholder) notes.push(`第 ${rest[0]?.line ?? labels[0].line} 行：单元格之间没有分隔符，三级指标与指标值的分界是推断的（“${row.level3}” | “${row.value}”），请核对`);
    rows.push(row);
    printed.push({ level1: levels.includes('level1'), aligned });
  };

  // A line that holds only level labels (`项目效益指标` / `社会效益指标`, their row's cells on the
  // lines after it) waits for the next row: a label cell taller than one text line.
  let pending: { labels: Token[]; levels: LevelLabel[] } | null = null;
  const flushPending = () => {
    const held = pending;
    pending = null;
    if (held) emitRow(held.labels, held.levels, [], false);
  };
  const emit = (labels: Token[], levels: LevelLabel[], rest: Token[], uncertain: boolean, aligned = false) => {
    if (pending) {
      // The row prints a label of the same level itself: the held labels were a row of their own.
      const clash = levels.includes('level1') || (levels.includes('level2') && pending.levels.includes('level2'));
      if (clash) flushPending();
      else {
        labels = [...pending.labels, ...labels];
        levels = [...pending.levels, ...levels];
        pending = null;
      }
    }
    emitRow(labels, levels, rest, uncertain, aligned);
  };
  const hold = (labels: Token[], levels: LevelLabel[]) => {
    if (pending && (levels.includes('level1') || pending.levels.at(-1) === 'level2')) flushPending();
    pending = pending ? { labels: [...pending.labels, ...labels], levels: [...pending.levels, ...levels] } : { labels, levels };
  };

  // A table with a second column group prints its own 二级 cell there; a row that leaves out
  // the merged 二级 cells has exactly that many cells fewer: they are the ones missing.
  const inner = restKeys.flatMap((key, n) => (key === 'level2' ? [n] : []));
  const withMergedLevel2 = (rest: Token[]): Token[] => {
    if (!inner.length || rest.length !== k - inner.length) return rest;
    const given = [...rest];
    return restKeys.map((_, n) => (inner.includes(n) ? { ...rest[0], text: '' } : given.shift()!));
  };

  const labelsAt = (list: Token[]): { labels: Token[]; levels: LevelLabel[] } => {
    const labels: Token[] = [];
    const levels: LevelLabel[] = [];
    for (let n = 0; n < list.length && labels.length < 2; n++) {
      const level = levelOf(list[n].text, list[n + 1]?.text);
      if (!level) break;
      if (levels.length === 1 && (levels[0] === 'level2' || level === 'level1')) break;
      labels.push(list[n]);
      levels.push(level);
    }
    return { labels, levels };
  };

  while (i < tokens.length) {
    const t = tokens[i];
    const rowCells = t.flow === 'stream' ? [] : tokens.slice(i).filter((x, n) => x.row === t.row && n < 64);
    if (t.text === '' && (t.flow === 'stream' || rowCells.every((x) => x.text === ''))) {
      t.fate ??= 'furniture';
      i++;
      continue;
    }
    const lead = t.text === '' ? rowCells.find((x) => x.text !== '')! : t;
    if (ends(lead)) break;
    if (HEADER_FURNITURE_KEYS.has(labelKey(t.text)) && (t.flow === 'stream' || rowCells.length === 1)) {
      t.fate = 'furniture';
      i++;
      continue;
    }
    const again = matchHeader(tokens, i);
    if (again) {
      // The header printed again after a page break: the same table goes on.
      for (let j = i; j < again.end; j++) tokens[j].fate = 'furniture';
      i = again.end;
      continue;
    }
    if (t.flow === 'flat') {
      // Text without separators: labels, then everything up to the next label is 三级 and value.
      const { labels, levels } = labelsAt(tokens.slice(i, i + 3).filter((x) => x.row === t.row));
      let j = i + labels.length;
      const glued: Token[] = [];
      while (j < tokens.length && tokens[j].row === t.row && !(glued.length > 0 && levelOf(tokens[j].text, tokens[j + 1]?.text)) && !isTableEnd(tokens[j].text)) {
        glued.push(tokens[j]);
        j++;
      }
      if (labels.length === 0 && glued.length === 0) break;
      const text = glued.map((g) => g.text).join('');
      const [level3, value] = splitValue(text);
      const at = glued[0] ?? labels[labels.length - 1];
      const rest = restKeys.map((key) => ({ ...at, text: key === 'level3' ? level3 : key === 'value' ? value : '' }));
      for (const g of glued) {
        g.fate = 'field';
        d.tokens.push(g);
      }
      emit(labels, levels, rest, glued.length > 0);
      i = j;
      continue;
    }
    if (t.flow === 'stream') {
      // Cells whose row ends were lost: labels, then as many cells as the header has columns.
      const { labels, levels } = labelsAt(tokens.slice(i, i + 3));
      const rest: Token[] = [];
      let j = i + labels.length;
      while (j < tokens.length && rest.length < k) {
        const c = tokens[j];
        if (rest.length > 0 && c.first && c.row !== tokens[j - 1].row) break;
        if (c.text && (isTableEnd(c.text) || (rest.length > 0 && levelOf(c.text, tokens[j + 1]?.text) && restKeys[rest.length] !== 'level2'))) break;
        rest.push(c);
        j++;
      }
      if (labels.length === 0 && rest.length === 0) break;
      const rowEnded = j >= tokens.length || (tokens[j].first && tokens[j].row !== tokens[j - 1].row);
      emit(labels, levels, rowEnded ? withMergedLevel2(rest) : rest, false);
      i = j;
      continue;
    }
    // A row whose cells are known: by position where it has the header's width, else by labels and count.
    const idx: number[] = [];
    for (let j = i; j < tokens.length && tokens[j].row === t.row; j++) idx.push(j);
    const cells = idx.map((j) => tokens[j]);
    // In a list of projects, rows that leave out merged project cells are aligned to the right.
    const shift = header.fieldColumns.length && cells.length < header.rowWidth && cells.length >= header.rowWidth - header.positions[0] ? header.rowWidth - cells.length : 0;
    if (shift) cells.unshift(...Array.from({ length: shift }, () => ({ ...t, text: '' })));
    if (t.first && header.rowWidth > 0 && cells.length === header.rowWidth && positional(cells, header)) {
      const named = header.fieldColumns.find((f) => f.hit.field === 'name' && cells[f.position]?.text);
      if (named) {
        // A project's first row: its own fields, then its first indicator.
        close();
        d = next(cells[named.position]);
        rows = [];
        printed = [];
        for (const f of header.fieldColumns) {
          const c = cells[f.position];
          if (!c?.text) continue;
          c.fate = 'field';
          d.tokens.push(c);
          assignField(d, f.hit, c.text, notes, () => undefined, c.line);
        }
      }
      // Each column's text is in its own cell or in the empty cells its header spans.
      const span = (n: number): Token => {
        const end = header.positions[n + 1] ?? cells.length;
        for (let c = header.positions[n]; c < end; c++) if (cells[c].text) return cells[c];
        return cells[header.positions[n]];
      };
      const levelTokens = header.keys.slice(0, header.restFrom).map((_, n) => span(n));
      const labels = levelTokens.filter((c) => c.text);
      const levels = labels.map((c) => (levelTokens.indexOf(c) === header.keys.indexOf('level1') ? 'level1' : 'level2') as LevelLabel);
      const rest = header.keys.slice(header.restFrom).map((_, n) => span(n + header.restFrom));
      for (const c of cells) if (!c.text || c.row !== t.row || !rest.includes(c)) c.fate ??= 'furniture';
      // Only a grid that prints its merged cells as empty cells (.docx, .xlsx) shows where a merged 一级 begins.
      emit(labels, levels, rest, false, t.flow === 'row');
      i = idx[idx.length - 1] + 1;
      continue;
    }
    const list = cells.filter((c, n) => c.text !== '' || n > cells.findIndex((x) => x.text !== ''));
    while (list.length && list[list.length - 1].text === '') list.pop();
    while (list.length && HEADER_FURNITURE_KEYS.has(labelKey(list[0].text))) list.shift()!.fate = 'furniture';
    let { labels, levels } = labelsAt(list);
    const spaced = t.flow === 'spaced';
    if (!spaced) {
      // Unrecognised level labels are known by count: the row has more cells than value columns.
      const byCount = list.length - k;
      if (byCount > labels.length && byCount <= 2) {
        labels = list.slice(0, byCount);
        levels = byCount === 2 ? ['level1', 'level2'] : [labels[0] && levelOf(labels[0].text, list[1]?.text) === 'level1' ? 'level1' : 'level2'];
      }
    }
    let rest = list.slice(labels.length);
    let uncertain = false;
    if (!spaced) rest = withMergedLevel2(rest);
    if (spaced && rest.length > k) {
      rest = joinSpaced(rest, restKeys);
      uncertain = true;
    } else if (rest.length > k) {
      const extra = rest.slice(k - 1);
      rest = [...rest.slice(0, k - 1), { ...extra[0], text: extra.map((e) => e.text).join(' '), endLine: extra[extra.length - 1].endLine }];
      for (const e of extra.slice(1)) {
        e.fate = 'field';
        d.tokens.push(e);
      }
    }
    for (const c of cells) if (!c.text) c.fate ??= 'furniture';
    if (labels.length === 0 && rest.length === 1 && k > 1 && flatTable) {
      // A row of a table that lost its separators, with its merged cells left out.
      const [level3, value] = splitValue(rest[0].text);
      rest[0].fate = 'field';
      d.tokens.push(rest[0]);
      emit([], [], restKeys.map((key) => ({ ...rest[0], text: key === 'level3' ? level3 : key === 'value' ? value : '' })), true);
    } else if (labels.length === 0 && rest.length === 1 && k > 1) {
      rest[0].fate = 'unplaced';
      rest[0].reason = '指标表中只有一个单元格的行，无法确定它属于哪一栏';
      d.tokens.push(rest[0]);
    } else if (labels.length > 0 && rest.every((c) => !c.text)) hold(labels, levels);
    else emit(labels, levels, rest, uncertain);
    i = idx[idx.length - 1] + 1;
  }
  flushPending();
  close();
  return i;
}

/**
 * Splits a 三级指标 from the value glued after it: at an operator (`免费开放天数=300天`), else
 * before a closing number with its unit (`覆盖率100%`); a text value cannot be told from
 * its 三级指标 and stays in the 三级 (the report asks the editor to check).
 */
export function splitValue(text: string): [string, string] {
  // OCR reads a printed `=` as 二 where it stands right before a number (`效率二100%`).
  const op = /[≥≤＞＜><=＝≧≦]|二(?=\d)/.exec(text);
  if (op && op.index > 0) return [text.slice(0, op.index), text.slice(op.index)];
  const num = /(?:\d[\d.,]*[^\d\s]{0,4})+$/.exec(text);
  if (num && num.index > 0) return [text.slice(0, num.index), text.slice(num.index)];
  const word = WRITTEN_VALUE.exec(text);
  // The 三级指标 keeps at least two characters: a value word that opens the text is part of its name.
  if (word && word.index >= 2) return [text.slice(0, word.index), text.slice(word.index)];
  return [text, ''];
}

const alternatives = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
/** A written-out value at the end of a text, by the shape of {@link VALUE_WORDS}. */
const WRITTEN_VALUE = new RegExp(
  `(?:(?:${alternatives(VALUE_WORDS.manner)})?(?:${alternatives(VALUE_WORDS.trend)})[\\u4e00-\\u9fff]{0,2}|(?:${alternatives(VALUE_WORDS.aspect)})?(?:${alternatives(VALUE_WORDS.state)}))$`,
);

/** Whether a row of the header's width has labels (or nothing) where the header has its level columns. */
function positional(cells: Token[], header: Header): boolean {
  const l1 = header.keys.indexOf('level1');
  const l2 = header.keys.indexOf('level2');
  const at = (n: number) => cells[header.positions[n]]?.text ?? '';
  const okL1 = l1 < 0 || at(l1) === '' || levelOf(at(l1), at(l2)) !== 'level2' || LEVEL1_KEYS.has(levelKey(at(l1)));
  const okL2 = l2 < 0 || at(l2) === '' || levelOf(at(l2), undefined) !== null || at(l1) !== '';
  return okL1 && okL2;
}

/** Cells of a space-split row: the value is the first cell that reads as one; what precedes it is the 三级指标. */
function joinSpaced(rest: Token[], keys: Array<LevelColumnKey | null>): Token[] {
  const valueAt = keys.indexOf('value');
  if (valueAt < 1) return rest;
  let v = rest.findIndex((t, n) => n >= valueAt && VALUE_LIKE.test(t.text));
  if (v < 0) v = rest.length - (keys.length - valueAt);
  if (v <= valueAt) return rest;
  const merge = (list: Token[]): Token => {
    for (const t of list.slice(1)) t.fate = 'field';
    return { ...list[0], text: list.map((t) => t.text).join(' '), endLine: list[list.length - 1].endLine };
  };
  const out = [merge(rest.slice(0, v - valueAt + 1)), ...rest.slice(v - valueAt + 1)];
  if (out.length > keys.length) out.splice(keys.length - 1, out.length, merge(out.slice(keys.length - 1)));
  return out;
}

/** The national categories of a row's printed 一级 and 二级, stored beside them where they differ. */
function setStandards(row: LevelIndicator): void {
  delete row.level1Standard;
  delete row.level2Standard;
  const l1 = standardLevel1(row.level1);
  if (l1 && l1 !== row.level1.replace(/\s+/g, '')) row.level1Standard = l1 as LevelIndicator['level1Standard'];
  const l2 = standardLevel2(l1, row.level2.replace(/[（(][^）)]*[）)]/g, ''));
  if (l2 && l2 !== row.level2.replace(/\s+/g, '')) row.level2Standard = l2 as LevelIndicator['level2Standard'];
}

/** Whether a printed 二级 is one of the national 二级 of a printed 一级. */
function belongsTo(level2: string, level1: string): boolean {
  return standardLevel2(standardLevel1(level1), level2.replace(/[（(][^）)]*[）)]/g, '')) !== null;
}

/**
 * A merged 一级 cell printed at the vertical centre of its rows (PDF layout text, pdf.js lines)
 * lands on a middle row, so the rows above it seem to belong to the 一级 before. Where such a
 * row's 二级 is not a national 二级 of the 一级 it inherited but is one of the next printed 一级,
 * it and the rows after it up to that 一级 belong to the next one. Rows read by column position
 * (a grid that keeps its merged cells) are left as they are.
 */
export function recentreLevel1(rows: LevelIndicator[], printed: Array<{ level1: boolean; aligned: boolean }>): void {
  for (let b = 1; b < rows.length; b++) {
    if (!printed[b]?.level1 || printed[b].aligned) continue;
    for (let j = b - 1; j >= 0 && !printed[j].level1 && !printed[j].aligned; j--) {
      const row = rows[j];
      if (belongsTo(row.level2, row.level1) || !belongsTo(row.level2, rows[b].level1)) break;
      row.level1 = rows[b].level1;
      setStandards(row);
    }
  }
}

function buildRow(level1: string, level2: string, cells: Partial<Record<LevelColumnKey, string>>, header: Header): LevelIndicator {
  const present = new Set(header.columns.map((c) => c.key));
  const row: LevelIndicator = { level1, level2, level3: cells.level3 ?? '', value: cells.value ?? '' };
  setStandards(row);
  for (const key of ['description', 'nature', 'unit', 'longTermValue', 'weight', 'basis', 'remark', 'direction'] as const) {
    if (present.has(key)) row[key] = cells[key] ?? '';
  }
  const parsed = parseLevelValue(row);
  if (Object.keys(parsed).length && !isPlaceholderRow(row)) row.parsed = parsed;
  return row;
}

/** Puts a labelled value into the draft. */
/** `line` is where the value was printed, for a message that refuses it. */
function assignField(d: GenericDraft, hit: LabelHit, value: string, notes: string[], onUnitCode: (code: string) => void, line = d.line) {
  const p = d.project;
  switch (hit.field) {
    case 'name':
      if (!p.name || /^二级/.test(labelKey(hit.label))) p.name = value;
      return;
    case 'annualTotal':
    case 'projectTotal': {
      const rank = hit.field === 'annualTotal' ? 1 : 2;
      const read = readAmountText(value);
      // `金额(万元)`: a column heading over the amounts printed below, not an amount.
      if (!read && !/\d/.test(value) && unitIn(value)) {
        d.printedUnit ??= unitIn(value);
        return;
      }
      if (!read) {
        notes.push(`第 ${line} 行：读不出金额“${value}”`);
        return;
      }
      if (rank < d.totalRank) {
        p.total = read.amount;
        d.totalRank = rank;
        if (read.unit) d.printedUnit = read.unit;
        else if (hit.unit) d.printedUnit = hit.unit;
      }
      return;
    }
    case 'supervisor':
    case 'implementer': {
      const m = /^[[【]\s*(\d+)\s*[\]】]\s*(.+)$/.exec(value);
      const name = m ? m[2].trim() : value;
      if (m && m[1].length === 6 && hit.field === 'supervisor') onUnitCode(m[1]);
      if (hit.field === 'supervisor') p.supervisor ??= name;
      else p.implementer ??= name;
      return;
    }
    case 'goals':
      if (!p.goals?.length) p.goals = value.split(/\n+/).map((s) => s.trim()).filter(Boolean);
      return;
    case 'purpose':
      if (!p.purpose) {
        p.purpose = value;
        p.purposeLabel = hit.label.replace(/\s+/g, '');
      }
      return;
    case 'fundsHeading':
      return;
    case 'other':
      (p.printedFields ??= []).push({ label: hit.label.replace(/\s+/g, ''), value });
      return;
    case 'contactName':
      if (!p.contact) p.contact = { name: value, phone: '' };
      else p.contact.name = value;
      return;
    case 'contactPhone': {
      const phone = /^[0-9-]+$/.test(value) ? value : null;
      if (phone) p.contact = { name: p.contact?.name ?? '', phone };
      return;
    }
  }
}

