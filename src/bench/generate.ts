/**
 * A deterministic synthetic corpus in the seeds' shape, for the bench and the province
 * demonstration: regions, departments of about 10 projects, 5–12 indicator rows each, amounts in
 * 元 or 万元 whose funding sources add up, spending plans that end at 100% or at the total, and
 * text composed from the vocabulary so the search index sees a real spread of words.
 * The same options always give byte-identical files; the output passes `npm run check`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as yaml from 'js-yaml';
import type { Department } from '../schemas/department.ts';
import type { LevelIndicator, NamedIndicator, Project, SpendingPlan } from '../schemas/project.ts';
import type { Region } from '../schemas/region.ts';
import { departmentPath, projectPath, regionPath } from '../lib/contentLayout.ts';
import { parseIndicatorValue } from '../lib/indicatorValue.ts';
import { type AmountUnit, formatDecimal } from '../lib/money.ts';
import * as V from './vocabulary.ts';

export interface CorpusOptions {
  /** How many projects in all. */
  projects: number;
  /** How many regions (counties); by default one per 1,000 projects, as a county publishes about 1,000 a year. */
  regions?: number;
  /** Budget years per region; the projects of a region are spread over them. */
  years?: number;
  /** Seed of the pseudo-random choices. */
  seed?: number;
}

export interface CorpusFile {
  /** Path relative to the content root, with forward slashes. */
  path: string;
  text: string;
}

export interface CorpusSummary {
  regions: number;
  departments: number;
  projects: number;
  indicatorRows: number;
  /** Region codes in order, for shard matrices. */
  regionCodes: string[];
}

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

const YAML_OPTIONS: yaml.DumpOptions = { noRefs: true, lineWidth: -1, sortKeys: false, quoteStyle: 'double' };

/** Front matter plus body, as the editors' files are written. */
function markdown(data: object, body = ''): string {
  return `---\n${yaml.dump(data, YAML_OPTIONS)}---\n${body ? `\n${body}\n` : ''}`;
}

/** Drops undefined fields so that YAML never sees them. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function placeName(r: Random, ending: string): string {
  return r.pick(V.PLACE_FIRST) + r.pick(V.PLACE_SECOND) + ending;
}

function makeRegions(r: Random, count: number): Region[] {
  const used = new Set<string>();
  const regions: Region[] = [];
  for (let i = 0; i < count; i++) {
    const province = V.PROVINCES[i % V.PROVINCES.length];
    // 省 (2) + 地级 (2) + 县级 (2) digits; the county digits run on so codes never collide.
    const cityNo = 1 + Math.floor(i / V.PROVINCES.length / 20);
    const countyNo = 1 + (Math.floor(i / V.PROVINCES.length) % 20) * 4 + (i % 3);
    const code = `${province.code}${String(cityNo).padStart(2, '0')}${String(countyNo).padStart(2, '0')}`;
    let county = placeName(r, r.pick(V.COUNTY_ENDINGS));
    while (used.has(county)) county = placeName(r, r.pick(V.COUNTY_ENDINGS));
    used.add(county);
    regions.push(defined({ code, province: province.name, city: province.municipality ? undefined : placeName(r, '市'), county }));
  }
  return regions;
}

/** A total in fen, log-uniform over two decades so that no department looks like a unit slip. */
function amountFen(r: Random, unit: AmountUnit): bigint {
  const yuan = Math.round(10 ** (4 + r.next() * 2.5));
  // 万元 documents print whole hundreds of 元 (two decimals of 万元); 元 documents whole 元.
  return unit === '万元' ? BigInt(Math.round(yuan / 100) * 100) * 100n : BigInt(yuan) * 100n;
}

/** Two decimals as documents print them: 元 to the 分, 万元 to the hundred 元 (amountFen keeps 万元 amounts whole hundreds). */
function money(fen: bigint, unit: AmountUnit): string {
  const cents = unit === '万元' ? fen / 10000n : fen;
  return formatDecimal({ units: cents, scale: 2 });
}

/** `percent` of an amount, rounded down to what the unit prints (1 元, or 100 元 for 万元). */
function share(fen: bigint, percent: number, unit: AmountUnit): bigint {
  const step = unit === '万元' ? 10000n : 100n;
  return ((fen * BigInt(percent)) / 100n / step) * step;
}

function fill(template: string, beneficiary: string) {
  return template.replaceAll('{b}', beneficiary);
}

/** `count` different items of a list, in list order. */
function pickDistinct<T>(r: Random, list: readonly T[], count: number): T[] {
  const start = r.int(0, list.length - 1);
  const step = 1 + r.int(0, Math.max(0, Math.floor(list.length / count) - 1));
  return Array.from({ length: count }, (_, i) => list[(start + i * step) % list.length]);
}

function goal(r: Random, topic: string, kind: V.DepartmentKind): string {
  const b = r.pick(kind.beneficiaries);
  const [first, second] = pickDistinct(r, V.GOAL_ENDINGS, 2);
  return `${r.pick(V.GOAL_OPENINGS)}${topic}工作，${fill(first, b)}，${fill(second, b)}。`;
}

function indicatorValue(r: Random, spec: (typeof V.INDICATORS)[string][string][number]): string {
  if (!spec.op) return r.pick(V.QUALITATIVE_VALUES);
  const [lo, hi] = spec.range;
  return `${spec.op}${r.int(lo, hi)}${spec.unit}`;
}

function levelRows(r: Random, count: number, kind: V.DepartmentKind, topic: string): LevelIndicator[] {
  const rows: LevelIndicator[] = [];
  // Rows come grouped by 一级 and 二级 as printed tables merge them; 满意度 always last.
  const plan: Array<[string, string]> = [];
  const outputs = Object.keys(V.INDICATORS.产出指标);
  const effects = Object.keys(V.INDICATORS.效益指标);
  const outputCount = Math.max(2, Math.ceil((count - 1) * 0.6));
  for (let i = 0; i < outputCount; i++) plan.push(['产出指标', outputs[Math.min(i, outputs.length - 1) % outputs.length]]);
  for (let i = 0; i < count - 1 - outputCount; i++) plan.push(['效益指标', effects[i % effects.length]]);
  plan.sort((a, b) => (a[0] === b[0] ? 0 : a[0] === '产出指标' ? -1 : 1));
  plan.push(['满意度指标', '服务对象满意度指标']);
  for (const [level1, level2] of plan) {
    const spec = r.pick(V.INDICATORS[level1][level2]);
    const value = indicatorValue(r, spec);
    const parsed = parseIndicatorValue(value);
    rows.push(
      defined({
        level1,
        level2,
        level3: spec.name === '服务对象满意度' ? `${r.pick(kind.beneficiaries)}满意度` : spec.name,
        description: `${topic}${spec.name}`,
        value,
        parsed: parsed.number ? defined(parsed) : undefined,
        basis: r.pick(V.BASES),
      }),
    );
  }
  return rows;
}

function namedRows(r: Random, count: number): NamedIndicator[] {
  const specs = Object.values(V.INDICATORS).flatMap((byLevel2) => Object.values(byLevel2).flat()).filter((s) => s.op);
  const rows: NamedIndicator[] = [];
  for (let i = 0; i < count; i++) {
    const spec = r.pick(specs);
    const nature = spec.op as NamedIndicator['nature'];
    const value = String(r.int(spec.range[0], spec.range[1]));
    const parsed = { ...parseIndicatorValue(value), operator: nature, unit: spec.unit || undefined };
    rows.push({ name: spec.name, nature, value, parsed: defined(parsed), unit: spec.unit, score: String(Math.floor(90 / count)), core: i < 2 ? '是' : '' });
  }
  return rows;
}

function spendingPlan(r: Random, totalFen: bigint, unit: AmountUnit): SpendingPlan {
  const by = ['3月底', '6月底', '10月底', '12月底'] as const;
  const cuts = [r.int(0, 30), r.int(30, 60), r.int(60, 95), 100].sort((a, b) => a - b);
  if (r.next() < 0.7) {
    return { basis: 'percent', points: by.map((b, i) => ({ by: b, printed: `${cuts[i]}.00`, value: `${cuts[i]}.00` })) };
  }
  return {
    basis: 'amount',
    points: by.map((b, i) => {
      const v = money(i === 3 ? totalFen : share(totalFen, cuts[i], unit), unit);
      return { by: b, printed: v, value: v };
    }),
  };
}

interface DepartmentPlan {
  region: Region;
  year: number;
  kind: V.DepartmentKind;
  unitCode: string;
  unitName: string;
  unit: AmountUnit;
  named: boolean;
}

function makeProject(r: Random, d: DepartmentPlan, seq: number, townships: string[]): Project {
  const topic = r.pick(d.kind.topics);
  const place = r.next() < 0.3 ? r.pick(townships) : '';
  const name = `${place}${topic}${r.pick(V.TOPIC_SUFFIXES)}`;
  const id = `${d.region.code}${String(d.year).slice(2)}P${d.unitCode}${String(seq).padStart(4, '0')}`;
  const totalFen = amountFen(r, d.unit);
  const ownShare = r.next() < 0.25 ? share(totalFen, r.int(5, 40), d.unit) : 0n;
  const rows = r.int(5, 12);
  const beneficiary = r.pick(d.kind.beneficiaries);
  const purpose = `用于${place || d.region.county}${topic}，${r.pick(V.GOAL_OPENINGS)}${beneficiary}相关工作，${fill(r.pick(V.GOAL_ENDINGS), beneficiary)}。${r.pick(V.MEASURES)}`;
  const goals = Array.from({ length: r.int(1, 3) }, (_, i) => `${i + 1}、${goal(r, topic, d.kind)}`);
  const base = {
    id,
    code: id,
    name,
    department: d.unitCode,
    region: d.region.code,
    year: d.year,
  };
  if (d.named) {
    return defined({
      ...base,
      supervisor: d.unitName,
      implementer: d.unitName,
      amountUnit: d.unit,
      total: money(totalFen, d.unit),
      fundingSources: [
        { source: '上级补助' as const, amount: ownShare ? money(ownShare, d.unit) : null },
        { source: '区级资金' as const, amount: money(totalFen - ownShare, d.unit) },
        { source: '其他资金' as const, amount: null },
      ],
      purposeLabel: '项目概况' as const,
      purpose,
      legalBasis: [r.pick(V.LEGAL_BASES), r.pick(V.LEGAL_BASES)].filter((b, i, all) => all.indexOf(b) === i),
      executionWeight: '10',
      goals,
      contact: { name: r.pick(V.SURNAMES) + r.pick(V.GIVEN_NAMES), phone: `023-${r.int(40000000, 49999999)}` },
      indicators: { form: 'named' as const, scoreTotal: '90', rows: namedRows(r, rows) },
    }) as Project;
  }
  return defined({
    ...base,
    amountUnit: d.unit,
    total: money(totalFen, d.unit),
    fundingSources: [
      { source: '财政资金' as const, amount: money(totalFen - ownShare, d.unit) },
      { source: '其他资金' as const, amount: ownShare ? money(ownShare, d.unit) : null },
    ],
    purposeLabel: '资金用途' as const,
    purpose,
    spendingPlan: spendingPlan(r, totalFen, d.unit),
    goals,
    indicators: { form: 'levels' as const, rows: levelRows(r, rows, d.kind, topic) },
  }) as Project;
}

function departmentBody(r: Random, d: DepartmentPlan, projects: Project[]): string {
  const b = r.pick(d.kind.beneficiaries);
  const items = [...new Set(projects.map((p) => p.name))].slice(0, 5);
  return [
    '## （一）总体绩效目标',
    '',
    `${r.pick(V.GOAL_OPENINGS)}${d.kind.topics.slice(0, 3).join('、')}等各项工作，${pickDistinct(r, V.GOAL_ENDINGS, 2).map((e) => fill(e, b)).join('，')}。`,
    '',
    '## （二）分项绩效目标',
    '',
    ...items.flatMap((name, i) => [`${i + 1}、${name}：${goal(r, name, d.kind)}`, '']),
    '## （三）工作保障措施',
    '',
    ...pickDistinct(r, V.MEASURES, 2).flatMap((m, i) => [`${i + 1}、${m}`, '']),
  ].join('\n');
}

/**
 * The corpus, file by file, so that 100,000 projects never sit in memory at once.
 * Departments hold 6–14 projects (about 10); the last one takes what is left.
 */
export function* generateCorpus(options: CorpusOptions): Generator<CorpusFile, CorpusSummary> {
  const r = random(options.seed ?? 1);
  const regionCount = Math.max(1, options.regions ?? Math.ceil(options.projects / 1000));
  const years = Array.from({ length: Math.max(1, options.years ?? 2) }, (_, i) => 2025 - i);
  const regions = makeRegions(r, regionCount);
  const summary: CorpusSummary = { regions: regions.length, departments: 0, projects: 0, indicatorRows: 0, regionCodes: regions.map((x) => x.code) };
  for (const region of regions) yield { path: regionPath('', region.code), text: markdown(region) };

  // Projects per region-year shard, spread evenly, the remainder to the first shards.
  const shards = regions.flatMap((region) => years.map((year) => ({ region, year })));
  const townships = new Map(regions.map((x) => [x.code, Array.from({ length: 12 }, () => placeName(r, r.pick(V.TOWNSHIP_ENDINGS)))]));
  for (let s = 0; s < shards.length; s++) {
    const { region, year } = shards[s];
    let left = Math.floor(options.projects / shards.length) + (s < options.projects % shards.length ? 1 : 0);
    for (let k = 0; left > 0; k++) {
      const size = Math.min(left, left - 14 < 6 ? left : r.int(6, 14));
      left -= size;
      const kind = V.DEPARTMENT_KINDS[k % V.DEPARTMENT_KINDS.length];
      const round = Math.floor(k / V.DEPARTMENT_KINDS.length);
      const plan: DepartmentPlan = {
        region,
        year,
        kind,
        unitCode: String(100000 + k * 1000 + 1),
        // Past the list of kinds, the same kind again as a township office: 东安镇教育局.
        unitName: `${region.county}${round ? townships.get(region.code)![(round - 1) % 12] : ''}${kind.name}`,
        unit: r.next() < 0.5 ? '万元' : '元',
        named: region.province === '重庆市',
      };
      const projects = Array.from({ length: size }, (_, seq) => makeProject(r, plan, seq + 1, townships.get(region.code)!));
      const department: Department = {
        region: region.code,
        year,
        unitCode: plan.unitCode,
        unitName: plan.unitName,
        title: `${year}年部门预算绩效目标`,
        amountUnit: plan.unit,
        sourceFile: `synthetic-${region.code}-${year}-${plan.unitCode}.docx`,
        projects: projects.map((p) => p.id),
      };
      yield { path: departmentPath('', region.code, year, plan.unitCode), text: markdown(department, departmentBody(r, plan, projects)) };
      for (const p of projects) {
        yield { path: projectPath('', region.code, year, p.id), text: markdown(p) };
        summary.indicatorRows += p.indicators.rows.length;
      }
      summary.departments++;
      summary.projects += projects.length;
    }
  }
  return summary;
}

/** Writes the corpus under `root` (which becomes a content folder) and returns its summary. */
export function writeCorpus(root: string, options: CorpusOptions): CorpusSummary {
  const files = generateCorpus(options);
  const made = new Set<string>();
  for (let next = files.next(); ; next = files.next()) {
    if (next.done) return next.value;
    const path = `${root}/${next.value.path}`;
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, next.value.text);
  }
}
