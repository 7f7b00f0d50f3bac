/**
 * 指标质量: facts about how measurable each printed promise is. Nothing here rewrites a
 * document; every flag names what is printed and which rule it meets, so a reader can check
 * it against the page. The rules and their reasons are in {@link FLAG_RULES}, which the
 * /quality/ methodology section prints as it is.
 *
 * National guidance the rules follow: 财预〔2021〕101号 (中央部门项目支出核心绩效目标和指标设置及取值指引
 * （试行）: indicators quantified where possible, each with its 指标值确定依据) and the 共性指标框架 of
 * 财预〔2020〕10号 (项目支出绩效评价管理办法: 产出 / 效益 / 满意度 with their 二级指标).
 */
import { DEFAULT_LEVEL_COLUMNS, isPlaceholderRow, parseLevelValue, type LevelIndicator, type NamedIndicator, type Project } from '../schemas/project.ts';
import { normaliseOperator, parseIndicatorValue } from './indicatorValue.ts';
import { classifyIndicator, TAXONOMY } from './taxonomy.ts';
import { regionName, type DepartmentView, type ProjectView, type SiteModel } from './site.ts';
import { deriveDigest } from './pageCacheKey.ts';

export const FLAG_CODES = [
  'no-number',
  'value-repeats-name',
  'description-copies-name',
  'missing-basis',
  'label-outside-taxonomy',
  'operator-on-sentence',
  'satisfaction-without-percent',
  'timeliness-without-period',
  'cost-without-amount',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface FlagRule {
  code: FlagCode;
  /** Short Chinese title, as in the tables. */
  title: string;
  /** What the rule looks at, for the methodology section. */
  rule: string;
  /** Why it matters, with the guidance it follows. */
  why: string;
}

/** Every flag, in the order the report lists them. */
export const FLAG_RULES: readonly FlagRule[] = [
  {
    code: 'no-number',
    title: '没有可衡量的数字',
    rule: '指标值读不出数字：开头（运算符之后）不是数字，或者数字前后夹着无法拆开的文字（如“2每个村8万元”）。',
    why: '101号文要求绩效指标尽量量化；没有数字的目标事后无法对照核验。',
  },
  {
    code: 'value-repeats-name',
    title: '指标值重复指标名称',
    rule: '去掉空白和标点后，指标值与三级指标（或指标名称）相同，或者指标值没有数字而整句包含指标名称（如“社会影响度”对“社会影响度提高”）。',
    why: '指标值应给出目标水平；重复名称等于没有给出目标。',
  },
  {
    code: 'description-copies-name',
    title: '指标描述照抄名称',
    rule: '去掉空白和标点后，绩效指标描述与三级指标相同。只适用于有“绩效指标描述”一栏的表式。',
    why: '描述一栏用来说明指标含义和计算口径（101号文的指标解释），照抄名称没有提供这些信息。',
  },
  {
    code: 'missing-basis',
    title: '缺少指标值确定依据',
    rule: '指标值确定依据一栏空白。只适用于有这一栏的表式（一级/二级/三级指标表）。',
    why: '101号文要求说明指标值的取值依据（计划标准、行业标准、历史标准等）。',
  },
  {
    code: 'label-outside-taxonomy',
    title: '指标类别不在国家指标体系内',
    rule: '一级或二级指标的印刷名称不是共性指标框架中的标准名称（如“效果指标”），统计时按对应的标准类别归类；对应不上的记为“未归类”。',
    why: '共性指标框架规定了一级指标（产出、效益、满意度）及其二级指标；名称不统一，就无法跨单位比较。',
  },
  {
    code: 'operator-on-sentence',
    title: '运算符用在文字上',
    rule: '指标值以 ≥、≤、>、<、= 等运算符开头，但后面不是“数字加单位”，而是数字后接着一句话（5 个字以上，如“≥80对青少年开展教学活动”；“≤30个工作日”不算）或根本没有数字。',
    why: '比较符号只对数量有意义；数字后接一句话时，读者无法确定单位和比较对象。',
  },
  {
    code: 'satisfaction-without-percent',
    title: '满意度没有百分比',
    rule: '满意度类指标（一级指标为满意度指标，或指标名称含“满意”）的指标值里没有百分号，也没有“%”单位。',
    why: '满意度通常以调查的满意比例衡量；没有百分比就无法核验。',
  },
  {
    code: 'timeliness-without-period',
    title: '时效没有日期或期限',
    rule: '时效类指标（二级指标为时效指标，或指标名称含“及时”“时效”“时限”）的指标值里没有日期或期限（如“6月底前”“30个工作日内”“年底”）。',
    why: '时效指标衡量完成的时间，应给出完成日期或期限；只写比率时看不出何时完成。',
  },
  {
    code: 'cost-without-amount',
    title: '成本没有金额',
    rule: '成本类指标（二级或一级指标为成本指标，或指标名称含“成本”）的指标值里没有金额（元、万元、亿元）。',
    why: '101号文把成本指标列为核心指标，应以金额衡量成本控制。',
  },
];

/** The spending-plan rule: a document-level fact, not about one indicator row. */
export const PLAN_RULE = {
  code: 'plan-text-disagrees',
  title: '支出计划正文与表格不一致',
  rule: '部门文件正文里写有累计支出进度的句子（如“资金累计支出进度3月底、6月底、10月底、12月底分别达到20%、50%、80%、100%”），从中按顺序读出各月底的百分比，与该项目“资金支出计划”表格的百分比逐一比较；任何一个节点不同（包括表格空白而正文有数）即标记。句子所在段落须写出项目名称；部门只有一个项目时，正文中唯一的进度句子视为该项目的。按金额填写的计划不作比较。',
  why: '同一份文件对同一计划给出两种说法，读者无法知道哪一个是承诺。',
} as const;

export const FLAG_TITLE: Record<FlagCode, string> = Object.fromEntries(FLAG_RULES.map((r) => [r.code, r.title])) as Record<FlagCode, string>;

export interface IndicatorFlag {
  code: FlagCode;
  /** 1-based indicator row as printed. */
  row: number;
  /** The fact, quoting the printed text. */
  reason: string;
}

/** The three 一级 categories whose coverage the report counts. */
export const LEVEL1_CATEGORIES = ['产出指标', '效益指标', '满意度指标'] as const;

/** A row as the quality rules see it, whatever the table form. */
export interface RowFacts {
  name: string;
  value: string;
  description?: string;
  basis?: string;
  /** Printed unit column (named form). */
  unit?: string;
  level1?: string;
  level2?: string;
  /** Standard categories, null where the printed label maps to none. */
  mapped?: { level1: string | null; level2: string | null };
  /** The printed 指标性质 / operator column, where the table has one. */
  nature?: string;
  /** The number read from the value (with the 指标性质 and unit columns), if any. */
  number?: string;
}

/** Strips spaces and punctuation so that “社会影响度。” and “社会影响度” compare equal. */
export function normaliseText(s: string): string {
  return s.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Words after a number count as a sentence from this many characters on (“个工作日” is a unit, “对青少年开展教学活动” a sentence). */
export const SENTENCE_MIN_CHARS = 5;

const PERIOD = /\d+\s*(个)?(工作日|日|天|周|月|季度|年|小时)|[一二三四五六七八九十两]+(个)?(工作日|天|周|月|季度|年|小时)|月底|月末|年底|年末|年内|年度内|当年|季度|上半年|下半年|\d{4}\s*[-./年]/;
const AMOUNT = /元/;
const PERCENT = /[%％]|百分之/;

/** A level row's national categories: the mapping stored beside a printed label, else the taxonomy's aliases. */
function mappedCategory(row: LevelIndicator): { level1: string | null; level2: string | null } {
  const t = classifyIndicator(row.level1, row.level2, row);
  return { level1: t.level1, level2: t.level2 };
}

/**
 * The indicator rows of a project as the rules see them, with their printed row numbers.
 * Placeholder rows (a 二级指标 printed with nothing under it) are no indicator and are left
 * out. A column the table does not print (描述, 指标值确定依据) is absent, so its rule does not apply.
 */
export function indicatorFacts(p: Project): Array<{ row: number; facts: RowFacts }> {
  if (p.indicators.form === 'named') {
    return p.indicators.rows.map((r: NamedIndicator, i) => ({
      row: i + 1,
      facts: { name: r.name, value: r.value, unit: r.unit, nature: r.nature, number: parseIndicatorValue(r.value).number },
    }));
  }
  const printed = new Set((p.indicators.columns ?? DEFAULT_LEVEL_COLUMNS).map((c) => c.key));
  const out: Array<{ row: number; facts: RowFacts }> = [];
  p.indicators.rows.forEach((r, i) => {
    if (isPlaceholderRow(r)) return;
    out.push({
      row: i + 1,
      facts: {
        name: r.level3,
        value: r.value,
        unit: r.unit,
        nature: r.nature,
        description: printed.has('description') ? (r.description ?? '') : undefined,
        basis: printed.has('basis') ? (r.basis ?? '') : undefined,
        level1: r.level1,
        level2: r.level2,
        mapped: mappedCategory(r),
        number: parseLevelValue(r).number,
      },
    });
  });
  return out;
}

/** A row is quantified when a number can be read from its 指标值 without guessing. */
export function isQuantified(facts: RowFacts): boolean {
  return facts.number !== undefined;
}

const isSatisfaction = (f: RowFacts) => f.mapped ? f.mapped.level1 === '满意度指标' || f.mapped.level2 === '服务对象满意度指标' : /满意/.test(f.name);
const isTimeliness = (f: RowFacts) => f.mapped ? f.mapped.level2 === '时效指标' : /及时|时效|时限/.test(f.name);
const isCost = (f: RowFacts) =>
  f.mapped ? f.mapped.level2 === '成本指标' || f.mapped.level1 === '成本指标' : /成本/.test(f.name);

/** The flags of one indicator row; each reason quotes what is printed. */
export function rowFlags(row: number, f: RowFacts): IndicatorFlag[] {
  const out: IndicatorFlag[] = [];
  const flag = (code: FlagCode, reason: string) => out.push({ code, row, reason });
  const read = parseIndicatorValue(f.value);
  const v = `指标值“${f.value}”`;
  if (f.number === undefined) flag('no-number', `${v}中读不出数字`);
  const value = normaliseText(f.value);
  const name = normaliseText(f.name);
  if (name && value && (value === name || (f.number === undefined && value.includes(name)))) {
    flag('value-repeats-name', `${v}重复了指标名称“${f.name}”`);
  }
  if (f.description !== undefined && name && normaliseText(f.description) === name) {
    flag('description-copies-name', `指标描述“${f.description}”与指标名称相同`);
  }
  if (f.basis !== undefined && f.basis.trim() === '') flag('missing-basis', '指标值确定依据一栏空白');
  if (f.mapped && f.level1 !== undefined && f.level2 !== undefined) {
    const { level1, level2 } = f.mapped;
    if (level1 !== f.level1 || level2 !== f.level2) {
      const mapped = level1 && level2 ? `按“${level1}－${level2}”统计` : '无法归入标准类别';
      flag('label-outside-taxonomy', `印作“${f.level1}－${f.level2}”，不是共性指标框架的标准名称；${mapped}`);
    }
  }
  const operatorPrinted = /^\s*(>|＞|<|＜|≥|≧|≤|≦|=|＝)/.test(f.value) || (f.nature !== undefined && normaliseOperator(f.nature) !== null);
  const sentence = read.remark !== undefined && [...normaliseText(read.remark)].length >= SENTENCE_MIN_CHARS;
  if (operatorPrinted && (f.number === undefined || sentence)) {
    flag('operator-on-sentence', sentence ? `${v}的运算符和数字后面接着一句话“${read.remark}”` : `${v}有运算符但没有数字`);
  }
  const valueAndUnit = `${f.value}${f.unit ?? ''}`;
  if (isSatisfaction(f) && !PERCENT.test(valueAndUnit)) flag('satisfaction-without-percent', `满意度类指标，${v}没有百分比`);
  if (isTimeliness(f) && !PERIOD.test(valueAndUnit)) flag('timeliness-without-period', `时效类指标，${v}没有日期或期限`);
  if (isCost(f) && !AMOUNT.test(valueAndUnit)) flag('cost-without-amount', `成本类指标，${v}没有金额`);
  return out;
}

export interface PlanConflict {
  /** The cumulative percentages the narrative prints, by checkpoint (null where it names none). */
  text: Array<string | null>;
  /** The table's cells as printed ('' where blank). */
  table: string[];
  /** The sentence the narrative percentages were read from. */
  sentence: string;
}

const CHECKPOINT_MONTHS = [3, 6, 10, 12];

/**
 * Reads cumulative spending percentages out of a narrative sentence such as
 * “资金累计支出进度3月底、6月底、10月底、12月底分别达到20%、50%、80%、100%”. Returns one entry
 * per standard checkpoint (3、6、10、12月底), null where the sentence names no value for it,
 * or null when the sentence is not a plan.
 */
export function readNarrativePlan(sentence: string): Array<string | null> | null {
  // Months and percentages in printed order: “3月底、6月底…分别达到20%、50%…” lists the
  // months first; “3月末25%，6月末50%…” pairs each month with the percentage after it.
  const tokens = [...sentence.matchAll(/(\d{1,2})\s*月(?:底|末)|(\d+(?:\.\d+)?)\s*[%％]/g)].map((m) => ({ month: m[1], percent: m[2] }));
  const months = tokens.flatMap((t) => (t.month !== undefined ? [Number(t.month)] : []));
  const percents = tokens.flatMap((t) => (t.percent !== undefined ? [t.percent] : []));
  if (months.length === 0 || percents.length !== months.length) return null;
  const listed = tokens.slice(0, months.length).every((t) => t.month !== undefined);
  const paired = tokens.every((t, i) => (t.month !== undefined) === (i % 2 === 0));
  if (!listed && !paired) return null;
  const out: Array<string | null> = CHECKPOINT_MONTHS.map(() => null);
  months.forEach((month, i) => {
    const at = CHECKPOINT_MONTHS.indexOf(month);
    if (at >= 0) out[at] = percents[i];
  });
  return out;
}

/** Sentences of a department narrative that read as a spending plan, with the paragraph around them. */
function planSentences(body: string): Array<{ paragraph: string; sentence: string; plan: Array<string | null> }> {
  const out: Array<{ paragraph: string; sentence: string; plan: Array<string | null> }> = [];
  for (const paragraph of body.split(/\n\s*\n/)) {
    for (const sentence of paragraph.split(/[。；;\n]/)) {
      if (!/支出|进度|拨付|执行/.test(sentence)) continue;
      const plan = readNarrativePlan(sentence);
      if (plan) out.push({ paragraph, sentence: sentence.trim(), plan });
    }
  }
  return out;
}

const samePercent = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Number(a) === Number(b));

/**
 * Compares a project's printed percentage plan with the plan its department's narrative
 * states for it. The narrative names the project in the same paragraph; where it names
 * none, a plan sentence is taken as the project's only when the department has one project.
 */
export function planConflict(p: Project, departmentBody: string, projectsInDepartment: number): PlanConflict | null {
  const plan = p.spendingPlan;
  if (!plan || plan.basis !== 'percent') return null;
  const candidates = planSentences(departmentBody).filter((s) => s.paragraph.includes(p.name));
  const found = candidates.length ? candidates : projectsInDepartment === 1 ? planSentences(departmentBody) : [];
  if (found.length !== 1) return null;
  const { plan: text, sentence } = found[0];
  const table = plan.points.map((x) => x.value);
  if (text.every((t, i) => samePercent(t, table[i]))) return null;
  return { text, table: plan.points.map((x) => x.printed), sentence };
}

export interface QualityCounts {
  /** Indicator rows counted (placeholder rows excluded). */
  indicators: number;
  /** Rows whose 指标值 has a readable number. */
  quantified: number;
  /** Rows with at least one flag. */
  flaggedRows: number;
  /** Count of each flag. */
  byFlag: Record<FlagCode, number>;
  /** Which of 产出/效益/满意度 appear; null for a table form without 一级 labels. */
  level1: Record<(typeof LEVEL1_CATEGORIES)[number], number> | null;
  /** Spending plans whose narrative and table disagree. */
  planConflicts: number;
}

export interface ProjectQuality extends QualityCounts {
  flags: IndicatorFlag[];
  planConflict: PlanConflict | null;
}

const emptyByFlag = () => Object.fromEntries(FLAG_CODES.map((c) => [c, 0])) as Record<FlagCode, number>;

export function projectQuality(p: Project, departmentBody = '', projectsInDepartment = 1): ProjectQuality {
  const rows = indicatorFacts(p);
  const flags = rows.flatMap(({ row, facts }) => rowFlags(row, facts));
  const byFlag = emptyByFlag();
  for (const f of flags) byFlag[f.code]++;
  let level1: QualityCounts['level1'] = null;
  if (p.indicators.form === 'levels') {
    level1 = { 产出指标: 0, 效益指标: 0, 满意度指标: 0 };
    for (const { facts } of rows) {
      const l1 = facts.mapped?.level1;
      if (l1 && l1 in level1) level1[l1 as keyof typeof level1]++;
    }
  }
  const conflict = planConflict(p, departmentBody, projectsInDepartment);
  return {
    indicators: rows.length,
    quantified: rows.filter((r) => isQuantified(r.facts)).length,
    flaggedRows: new Set(flags.map((f) => f.row)).size,
    byFlag,
    level1,
    planConflicts: conflict ? 1 : 0,
    flags,
    planConflict: conflict,
  };
}

/** Adds counts of parts (projects of a department, departments of a site). */
export function sumCounts(parts: QualityCounts[]): QualityCounts {
  const byFlag = emptyByFlag();
  let level1: QualityCounts['level1'] = null;
  let indicators = 0, quantified = 0, flaggedRows = 0, planConflicts = 0;
  for (const p of parts) {
    indicators += p.indicators;
    quantified += p.quantified;
    flaggedRows += p.flaggedRows;
    planConflicts += p.planConflicts;
    for (const c of FLAG_CODES) byFlag[c] += p.byFlag[c];
    if (p.level1) {
      level1 ??= { 产出指标: 0, 效益指标: 0, 满意度指标: 0 };
      for (const c of LEVEL1_CATEGORIES) level1[c] += p.level1[c];
    }
  }
  return { indicators, quantified, flaggedRows, byFlag, level1, planConflicts };
}

/** A share in per cent with one decimal, as a display string; “—” when there is nothing to divide. */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return '—';
  return `${(Math.round((part * 1000) / whole) / 10).toFixed(1)}%`;
}

/** The share as a sortable number (0–1), or -1 when there is nothing to divide. */
export const shareValue = (part: number, whole: number) => (whole === 0 ? -1 : part / whole);

/** The 一级 categories a table covers, as “产出、效益、满意度 3/3”. */
export function coverageText(level1: QualityCounts['level1']): string {
  if (!level1) return '表式无一级指标';
  const present = LEVEL1_CATEGORIES.filter((c) => level1[c] > 0);
  return `${present.length}/${LEVEL1_CATEGORIES.length}${present.length < LEVEL1_CATEGORIES.length ? `（缺${LEVEL1_CATEGORIES.filter((c) => !level1[c]).map((c) => c.replace('指标', '')).join('、')}）` : ''}`;
}


/**
 * Editors' warnings (printed by `npm run check`): the printed slips that concern the
 * importer and the editor — a label outside the taxonomy, a value without a number, a number
 * followed by words. The full report for readers is {@link projectQuality}.
 */
export interface QualityNote {
  /** Field path inside the project, e.g. ['indicators', 'rows', 3, 'value']. */
  path: Array<string | number>;
  /** 1-based indicator row, when the note is about one. */
  row?: number;
  message: string;
  hint: string;
  /** Short machine name of the rule, as in Problem.code. */
  code: string;
}

export function projectQualityNotes(p: Project): QualityNote[] {
  const out: QualityNote[] = [];
  if (p.indicators.form !== 'levels') return out;
  p.indicators.rows.forEach((row, i) => {
    const path = ['indicators', 'rows', i];
    const t = classifyIndicator(row.level1, row.level2, row);
    if (!t.level1) {
      out.push({ path: [...path, 'level1'], row: i + 1, code: 'level1-outside-taxonomy', message: `一级指标“${row.level1}”不在国家指标体系中`, hint: `按原文保留；在 level1Standard 写上对应的国家分类（${Object.keys(TAXONOMY).join('、')}）` });
    } else if (!t.level2) {
      out.push({ path: [...path, 'level2'], row: i + 1, code: 'level2-outside-taxonomy', message: `二级指标“${row.level2}”不属于一级指标“${t.level1}”`, hint: `按原文保留；在 level2Standard 写上对应的国家分类（${TAXONOMY[t.level1].join('、')}）` });
    } else if (t.aliases.length) {
      out.push({ path: [...path, 'level1'], row: i + 1, code: 'indicator-alias', message: `指标名称用了非标准写法：${t.aliases.join('，')}`, hint: '按原文保留；统计时按标准名称归类' });
    }
    if (isPlaceholderRow(row)) return;
    const read = parseIndicatorValue(row.value);
    if (read.number === undefined) {
      out.push({ path: [...path, 'value'], row: i + 1, code: 'value-without-number', message: `指标值“${row.value}”没有可衡量的数字`, hint: '按原文保留；建议单位今后给出可衡量的目标值' });
    } else if (read.operator && read.remark) {
      out.push({ path: [...path, 'value'], row: i + 1, code: 'value-unit-unclear', message: `指标值“${row.value}”在数字后接着文字，单位无法确定`, hint: '按原文保留；建议写成“≥100 次”这样的数字加单位' });
    }
  });
  return out;
}

export interface DepartmentQuality extends QualityCounts {
  department: DepartmentView;
  projects: Array<{ project: ProjectView; quality: ProjectQuality }>;
}

export interface QualityReport {
  site: QualityCounts;
  departments: DepartmentQuality[];
  byDepartment: Map<string, DepartmentQuality>;
  byProject: Map<string, ProjectQuality>;
  /** Every flagged row and every plan conflict, in site order (department, project, row). */
  flagged: Array<{ project: ProjectView; flag: IndicatorFlag | null; conflict: PlanConflict | null }>;
}

/**
 * The whole report, computed once per build from the site model and the department
 * narratives (the spending-plan sentences are read from them). Pages look their part up in
 * the maps by URL.
 */
export function buildQualityReport(
  model: SiteModel,
  bodyOf: (d: DepartmentView) => string,
  /** A project's quality; the build passes one that reuses what an earlier build computed from the same files (src/data.ts). */
  qualityOf: (project: ProjectView, departmentBody: string, projectsInDepartment: number) => ProjectQuality = (project, body, count) => projectQuality(project.data, body, count),
): QualityReport {
  const byProject = new Map<string, ProjectQuality>();
  const byDepartment = new Map<string, DepartmentQuality>();
  const departments: DepartmentQuality[] = [];
  const flagged: QualityReport['flagged'] = [];
  for (const d of model.departments) {
    const body = bodyOf(d);
    const projects = d.projects.map((project) => {
      const quality = qualityOf(project, body, d.projects.length);
      byProject.set(project.url, quality);
      for (const flag of quality.flags) flagged.push({ project, flag, conflict: null });
      if (quality.planConflict) flagged.push({ project, flag: null, conflict: quality.planConflict });
      return { project, quality };
    });
    const dq: DepartmentQuality = { ...sumCounts(projects.map((p) => p.quality)), department: d, projects };
    byDepartment.set(d.url, dq);
    departments.push(dq);
  }
  return { site: sumCounts(departments), departments, byDepartment, byProject, flagged };
}

export const QUALITY_SORTS = ['share', 'department', 'year'] as const;
export type QualitySort = (typeof QUALITY_SORTS)[number];

export const QUALITY_SORT_LABEL: Record<QualitySort, string> = {
  share: '按量化指标占比（从低到高）',
  department: '按部门名称',
  year: '按年度（从新到旧）',
};

const collator = new Intl.Collator('zh-CN');

/** The name order of each list, made once for all its sorts (the collator is the slow part). */
const nameOrders = new WeakMap<RankEntry[], RankEntry[]>();

/** Orders rows for a server-sorted view; ties fall back to name, then year (newest first), then URL. */
export function sortRankEntries(rows: RankEntry[], sort: QualitySort): RankEntry[] {
  // The name order breaks the other orders' ties.
  let byNameOrder = nameOrders.get(rows);
  if (!byNameOrder) {
    byNameOrder = [...rows].sort((a, b) => collator.compare(a.name, b.name) || b.year - a.year || a.url.localeCompare(b.url));
    nameOrders.set(rows, byNameOrder);
  }
  const named = [...byNameOrder];
  const rank = new Map(named.map((r, i) => [r, i]));
  const byName = (a: RankEntry, b: RankEntry) => rank.get(a)! - rank.get(b)!;
  const compare: Record<QualitySort, ((a: RankEntry, b: RankEntry) => number) | null> = {
    share: (a, b) => shareValue(a.counts.quantified, a.counts.indicators) - shareValue(b.counts.quantified, b.counts.indicators) || byName(a, b),
    department: null,
    year: (a, b) => b.year - a.year || byName(a, b),
  };
  const order = compare[sort];
  return order ? named.sort(order) : named;
}

/** Rows per page of the server-sorted department and project tables. */
export const QUALITY_PAGE_SIZE = 100;
/** Flagged rows per page of the list of every flag. */
export const FLAGS_PAGE_SIZE = 200;

export const QUALITY_KINDS = ['departments', 'projects'] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

export const qualityViewUrl = (kind: QualityKind, sort: QualitySort, page: number) => `/quality/${kind}/${sort}/${page}/`;
export const flagsPageUrl = (page: number) => `/quality/flags/${page}/`;

/** Splits a list into pages of `size`; an empty list is one empty page. */
export function paginate<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

export interface RankEntry {
  name: string;
  url: string;
  context: string;
  year: number;
  counts: QualityCounts;
}

/** The rows of the department or project table, in document order (sort with {@link sortRankEntries}). */
export function rankEntries(report: QualityReport, kind: QualityKind): RankEntry[] {
  return kind === 'departments'
    ? report.departments.map((d) =>
        shownFrom(
          { name: d.department.title, url: d.department.url, context: regionName(d.department.region), year: d.department.data.year, counts: qualityCounts(d) },
          d.department.data,
          d.department.region,
          ...d.projects.map((p) => p.project.data),
        ),
      )
    : report.departments.flatMap((d) =>
        d.projects.map(({ project, quality }) =>
          shownFrom({ name: project.data.name, url: project.url, context: d.department.title, year: project.data.year, counts: qualityCounts(quality) }, project.data, d.department.data),
        ),
      );
}

/**
 * A ranking row is made from these content files' data alone (a department's: its file, its
 * region's and its projects'; a project's: its file and its department's, whose narrative and list
 * of projects its quality reads): the pages' cache keys take it by their digests instead of
 * serialising 11,000 rows on every build (src/lib/pageCacheKey.ts).
 */
function shownFrom<T extends object>(row: T, ...inputs: object[]): T {
  deriveDigest(row, ...inputs);
  return row;
}

/**
 * Just the counts of a department's or project's quality, without the views and flags it
 * carries: what a ranking row shows, and so all that its page's cache key needs to digest (a
 * department's whole quality, views included, took most of the ranking pages' keys).
 */
export function qualityCounts({ indicators, quantified, flaggedRows, byFlag, level1, planConflicts }: QualityCounts): QualityCounts {
  return { indicators, quantified, flaggedRows, byFlag, level1, planConflicts };
}

