/**
 * 指标质量: each rule on rows written for it, the rules on chosen seed rows, and the built
 * /quality/ pages against the report computed from the content (never pinned counts).
 */
import { describe, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { page } from './helpers/site.ts';
import { loadDepartments, loadProjects } from './helpers/content.ts';
import {
  FLAG_CODES, FLAG_RULES, FLAGS_PAGE_SIZE, formatShare, paginate, planConflict, projectQuality, QUALITY_PAGE_SIZE,
  readNarrativePlan, rowFlags, sortRankEntries, type FlagCode, type ProjectQuality, type QualityCounts,
} from '../src/lib/quality.ts';
import { projectUrl, departmentUrl } from '../src/lib/site.ts';
import { parseIndicatorValue } from '../src/lib/indicatorValue.ts';
import { departmentKey } from '../src/schemas/department.ts';
import type { Project } from '../src/schemas/project.ts';

const projects = loadProjects();
const departments = loadDepartments();
const departmentOf = (p: Project) => departments.find((d) => d.region === p.region && d.year === p.year && departmentKey(d) === p.department)!;
const qualityOf = (p: Project): ProjectQuality => {
  const d = departmentOf(p);
  return projectQuality(p, d.body, d.projects.length);
};

const level = (over: Partial<{ level1: string; level2: string; level3: string; description: string; value: string; basis: string }>) => ({
  name: over.level3 ?? '培训人数',
  value: over.value ?? '≥20人',
  number: parseIndicatorValue(over.value ?? '≥20人').number,
  description: over.description ?? '参加培训的干部人数',
  basis: over.basis ?? '年度培训计划',
  level1: over.level1 ?? '产出指标',
  level2: over.level2 ?? '数量指标',
  mapped: { level1: over.level1 === '效果指标' ? '效益指标' : (over.level1 ?? '产出指标'), level2: over.level2 ?? '数量指标' },
});
const codes = (flags: Array<{ code: FlagCode }>) => flags.map((f) => f.code).sort();

describe('each rule fires on the row written for it, and only there', () => {
  test.each<[string, ReturnType<typeof level>, FlagCode[]]>([
    ['a clean quantified row', level({}), []],
    ['no number', level({ value: '资金保障到位' }), ['no-number']],
    ['value repeats the name', level({ level3: '社会稳定水平提升', value: '社会稳定水平提升' }), ['no-number', 'value-repeats-name']],
    ['value is the name plus words', level({ level3: '社会影响度', value: '社会影响度提高' }), ['no-number', 'value-repeats-name']],
    ['description copies the name', level({ level3: '培训完成率', description: '培训完成率。', value: '≥90%' }), ['description-copies-name']],
    ['missing basis', level({ basis: '' }), ['missing-basis']],
    ['label outside the taxonomy', { ...level({ level1: '效果指标', level2: '社会效益指标' }), mapped: { level1: '效益指标', level2: '社会效益指标' } }, ['label-outside-taxonomy']],
    ['operator on a sentence', level({ value: '≥80对青少年开展教学活动' }), ['operator-on-sentence']],
    ['operator without a number', level({ value: '≥较上年提高' }), ['no-number', 'operator-on-sentence']],
    ['satisfaction without a percentage', level({ level1: '满意度指标', level2: '服务对象满意度指标', level3: '群众满意度', value: '较高' }), ['no-number', 'satisfaction-without-percent']],
    ['satisfaction with a percentage', level({ level1: '满意度指标', level2: '服务对象满意度指标', level3: '群众满意度', value: '≥90%' }), []],
    ['timeliness without a period', level({ level2: '时效指标', level3: '发放及时率', value: '≥95%' }), ['timeliness-without-period']],
    ['timeliness with a period', level({ level2: '时效指标', level3: '完成时间', value: '6月底前' }), ['no-number']],
    ['timeliness with a day count', level({ level2: '时效指标', level3: '办结时限', value: '≤30个工作日' }), []],
    ['cost without an amount', level({ level2: '成本指标', level3: '资金成本', value: '严格成本控制' }), ['cost-without-amount', 'no-number']],
    ['cost with an amount', level({ level2: '成本指标', level3: '资金成本', value: '20万元' }), []],
  ])('%s', (_name, row, expected) => {
    expect(codes(rowFlags(1, row))).toEqual([...expected].sort());
  });

  test('the named form is judged by its name and its unit column', () => {
    expect(codes(rowFlags(1, { name: '老干部满意度', value: '95', number: '95', unit: '%', nature: '≥' }))).toEqual([]);
    expect(codes(rowFlags(1, { name: '老干部满意度', value: '95', number: '95', unit: '分', nature: '≥' }))).toEqual(['satisfaction-without-percent']);
    expect(codes(rowFlags(1, { name: '补贴发放及时率', value: '100', number: '100', unit: '%', nature: '=' }))).toEqual(['timeliness-without-period']);
    expect(codes(rowFlags(1, { name: '服务质量', value: '较好', unit: '', nature: '≥' }))).toEqual(['no-number', 'operator-on-sentence']);
  });

  test('every flag code has a rule in the methodology', () => {
    expect(FLAG_RULES.map((r) => r.code)).toEqual([...FLAG_CODES]);
  });
});

describe('spending plans read out of the narrative', () => {
  test.each<[string, Array<string | null> | null]>([
    ['资金累计支出进度3月底、6月底、10月底、12月底分别达到20%、50%、80%、100%', ['20', '50', '80', '100']],
    ['6月底、12月底累计支出分别达到50％、100％', [null, '50', null, '100']],
    ['资金支出进度：3月末25%，6月末50%，10月末75%，12月末100%', ['25', '50', '75', '100']],
    ['3月底前完成采购', null],
    ['6月底、12月底分别达到50%', null],
  ])('%s', (sentence, expected) => {
    expect(readNarrativePlan(sentence)).toEqual(expected);
  });
});

describe('chosen seed rows', () => {
  test('000: the narrative says 20/50/80/100% while the table says —/30/50/100%', () => {
    const p = projects.find((x) => x.id === '13022923P00JXC415588T')!;
    const conflict = qualityOf(p).planConflict!;
    expect(conflict.text).toEqual(['20', '50', '80', '100']);
    expect(conflict.table).toEqual(['', '30%', '50%', '100%']);
    expect(conflict.sentence).toContain('分别达到20%、50%、80%、100%');
  });

  test('003: the rows whose 指标值 repeats the indicator name are flagged, with the printed text', () => {
    const p = projects.find((x) => x.id === '13022925P00016110001X')!;
    const repeats = qualityOf(p).flags.filter((f) => f.code === 'value-repeats-name').map((f) => p.indicators.form === 'levels' && p.indicators.rows[f.row - 1].level3);
    expect(repeats).toContain('社会稳定水平提升');
    expect(repeats).toContain('对经济发展带来效果');
    expect(repeats).toContain('村干部补贴发放成本控制严格');
    // A row whose value is a percentage never repeats its name.
    const rows = p.indicators.form === 'levels' ? p.indicators.rows : [];
    for (const f of qualityOf(p).flags.filter((x) => x.code === 'value-repeats-name')) expect(rows[f.row - 1].value).not.toMatch(/\d/);
  });

  test('001: 效果指标 is a label outside the taxonomy, counted as 效益指标', () => {
    const p = projects.find((x) => x.region === '130304' && x.indicators.form === 'levels' && x.indicators.rows.some((r) => r.level1 === '效果指标'))!;
    const q = qualityOf(p);
    const flag = q.flags.find((f) => f.code === 'label-outside-taxonomy')!;
    expect(flag.reason).toContain('效果指标');
    expect(flag.reason).toContain('按“效益指标－');
    expect(q.level1!.效益指标).toBeGreaterThan(0);
  });

  test('004 (named form): every value is a number, so every row is quantified; coverage has no 一级 column', () => {
    for (const p of projects.filter((x) => x.indicators.form === 'named')) {
      const q = qualityOf(p);
      expect(q.quantified).toBe(q.indicators);
      expect(q.level1).toBeNull();
    }
  });
});

describe('the built report equals the report computed from the content', () => {
  const all = projects.map((p) => ({ p, q: qualityOf(p) }));
  const flagCount = all.reduce((n, { q }) => n + q.flags.length + (q.planConflict ? 1 : 0), 0);

  test('/quality/ counts every flag of every kind', () => {
    const $ = page('/quality/');
    for (const code of FLAG_CODES) {
      expect(Number($(`[data-flag-count="${code}"]`).text()), code).toBe(all.reduce((n, { q }) => n + q.byFlag[code], 0));
    }
    const indicators = all.reduce((n, { q }) => n + q.indicators, 0);
    const quantified = all.reduce((n, { q }) => n + q.quantified, 0);
    expect($('[data-figure="indicators"]').first().text()).toBe(String(indicators));
    expect($('[data-figure="quantified"]').first().text()).toBe(`${quantified}（${formatShare(quantified, indicators)}）`);
    expect($('#method').text()).toBe('方法说明');
    expect($('.methodology').text()).toContain('财预〔2021〕101号');
    for (const r of FLAG_RULES) expect($(`#${r.code} dd`).text()).toContain(r.rule);
  });

  test('the paged list of flags lists every flagged row once, with its reason', () => {
    const pages = readdirSync('dist/quality/flags').filter((f) => /^\d+$/.test(f));
    expect(pages.length).toBe(paginate(Array(flagCount), FLAGS_PAGE_SIZE).length);
    const listed = pages.flatMap((n) => {
      const $ = page(`/quality/flags/${n}/`);
      const rows = $('tr.flag-row');
      expect(rows.length).toBeLessThanOrEqual(FLAGS_PAGE_SIZE);
      return rows.map((_, el) => `${$(el).find('th a').attr('href')}|${$(el).find('td.num').text()}|${$(el).find('td').last().text()}`).get();
    });
    const expected = all.flatMap(({ p, q }) => [
      ...q.flags.map((f) => `${projectUrl(p)}|${f.row}|${f.reason}`),
      ...(q.planConflict ? [`${projectUrl(p)}|—|`] : []),
    ]);
    expect(listed.map((x) => (x.split('|')[1] === '—' ? x.replace(/\|[^|]*$/, '|') : x)).sort()).toEqual(expected.sort());
  });

  test.each(projects.map((p) => [p.name, p] as const))('project page %s shows its own flags', (_name, p) => {
    const $ = page(projectUrl(p));
    const q = qualityOf(p);
    expect($('section.quality tr.flag-row')).toHaveLength(q.flags.length + (q.planConflict ? 1 : 0));
    expect($('section.quality [data-figure="quantified"]').text()).toBe(`${q.quantified}（${formatShare(q.quantified, q.indicators)}）`);
  });

  test('the department page of 000 states the plan conflict', () => {
    const $ = page('/130229/2023/287001/');
    expect($('section.quality table.flags').text()).toContain('正文写 3月底、6月底、10月底、12月底 20%、50%、80%、100%，表格为 —、30%、50%、100%');
  });
});

describe('sorted views work without JavaScript', () => {
  const shareOf = (text: string) => (text.startsWith('—') ? -1 : Number(text.replace(/%.*/, '')));
  test.each(['departments', 'projects'])('%s by share ascend, by year descend, by name in Chinese order', (kind) => {
    const first = (sort: string) => page(`/quality/${kind}/${sort}/1/`)('table.quality-rank tbody tr');
    const $s = page(`/quality/${kind}/share/1/`);
    const shares = $s('table.quality-rank tbody tr td.share').map((_, el) => shareOf($s(el).text())).get();
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    const $y = page(`/quality/${kind}/year/1/`);
    const years = $y('table.quality-rank tbody tr td:nth-of-type(2)').map((_, el) => Number($y(el).text())).get();
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const $n = page(`/quality/${kind}/department/1/`);
    const names = $n('table.quality-rank tbody th[scope=row]').map((_, el) => $n(el).text()).get();
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));
    const expectedRows = kind === 'departments' ? departments.length : projects.length;
    expect(first('share').length).toBe(Math.min(expectedRows, QUALITY_PAGE_SIZE));
    // Each header links to the server-sorted view of the same list.
    expect($s('thead a').map((_, el) => $s(el).attr('href')).get()).toEqual([`/quality/${kind}/department/1/`, `/quality/${kind}/year/1/`, `/quality/${kind}/share/1/`]);
  });

  test.each([
    ['department', ['/c/', '/a0/', '/a1/', '/a2/', '/b/']],
    ['year', ['/a0/', '/a1/', '/b/', '/c/', '/a2/']],
    ['share', ['/b/', '/c/', '/a0/', '/a1/', '/a2/']],
  ] as const)('by %s, ties fall back to the name in Chinese order, then the newest year, then the URL', (sort, urls) => {
    const counts = (quantified: number) => ({ indicators: 10, quantified, flaggedRows: 0, byFlag: {}, level1: null, planConflicts: 0 }) as unknown as QualityCounts;
    const entry = (name: string, year: number, url: string, quantified: number) => ({ name, url, context: '', year, counts: counts(quantified) });
    const rows = [entry('乙', 2024, '/b/', 1), entry('甲', 2023, '/a2/', 5), entry('甲', 2024, '/a1/', 5), entry('甲', 2024, '/a0/', 5), entry('丙', 2023, '/c/', 2)];
    expect(sortRankEntries(rows, sort).map((r) => r.url)).toEqual(urls);
  });

  test('no page of a list holds more than its page size', () => {
    expect(paginate(Array.from({ length: 2 * QUALITY_PAGE_SIZE + 1 }, (_, i) => i), QUALITY_PAGE_SIZE).map((p) => p.length)).toEqual([QUALITY_PAGE_SIZE, QUALITY_PAGE_SIZE, 1]);
    expect(paginate([], QUALITY_PAGE_SIZE)).toEqual([[]]);
  });
});

test('department pages link the department quality section to each project', () => {
  for (const d of departments) {
    const $ = page(departmentUrl(d));
    expect($('section.quality table.quality-rank tbody tr')).toHaveLength(d.projects.length);
  }
});
