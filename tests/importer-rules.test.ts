/**
 * The general rules the generic reader uses on tables it has not seen, each proved on small
 * documents written for this test in wording of its own (not the corpus's): a rule that only
 * held for one published file would fail here.
 */
import { describe, expect, test } from 'vitest';
import { importDocument } from '../src/importer/index.ts';
import { fundingLabel, splitValue } from '../src/importer/generic.ts';
import { splitByVocabulary } from '../src/importer/grid.ts';
import { isPlaceholderRow } from '../src/schemas/project.ts';

function read(text: string) {
  const result = importDocument(text, { fileName: 'input.txt', region: '110101', year: 2024, slug: 'rules' });
  const fates = Object.values(result.report.fates).reduce((a, b) => a + b, 0);
  // Whatever the rule, every non-blank line keeps exactly one fate.
  expect(fates).toBe(result.report.lines);
  return result;
}

/** Indicator rows as `一级/二级/三级=值`, placeholders as `一级/二级/（空）`. */
function rows(text: string): string[] {
  const [p] = read(text).projects;
  expect(p, 'one project is read').toBeDefined();
  if (p.indicators.form !== 'levels') return [];
  return p.indicators.rows.map((r) => (isPlaceholderRow(r) ? `${r.level1}/${r.level2}/（空）` : `${r.level1}/${r.level2}/${r.level3}=${r.value}`));
}

const head = (body: string) => `项目名称 乡村公路养护\n预算单位 某县交通运输局\n本年度预算 18万元\n一级指标 二级指标 三级指标 指标值\n${body}`;

describe('fundingLabel: a funding row, its list number and how deep it is nested', () => {
  test.each([
    ['（一）财政拨款小计', { key: '财政拨款', depth: 0 }],
    ['二、国有资本经营预算合计', { key: '国有资本经营预算', depth: 0 }],
    ['1、一般公共预算', { key: '一般公共预算', depth: 1 }],
    ['2.政府性基金', { key: '政府性基金', depth: 1 }],
    ['（3）事业收入', { key: '事业收入', depth: 2 }],
    ['其中：上级补助', { key: '上级补助', depth: 1 }, 0],
    // Right under the total row, 其中 lists the parts of the total: they are the outermost rows.
    ['其中：上级补助', { key: '上级补助', depth: 0 }],
    ['当年财政拨款', { key: '财政拨款', depth: 0 }],
    ['办公设备购置', null],
  ])('%s', (text, want, above?: number) => {
    expect(fundingLabel(text, above)).toEqual(want);
  });
});

describe('a total row that prints no amount takes the sum of the outermost funding rows', () => {
  test.each([
    [
      'numbered groups and their parts',
      ['一、财政拨款合计 12.50', '1.一般公共预算 10.00', '2.政府性基金 2.50', '二、其他收入 3.25'],
      '15.75',
      ['一、财政拨款合计', '二、其他收入'],
    ],
    ['unnumbered sources, no parts', ['财政资金 4.0', '自筹资金 1.05'], '5.05', ['财政资金', '自筹资金']],
    ['a source and its 其中 part', ['财政拨款 7', '其中：上级补助 2', '单位自筹 1'], '8', ['财政拨款', '单位自筹']],
    ['其中 under the total row, a blank source', ['其中：财政资金 40', '其他资金'], '40', ['财政资金', '其他资金']],
  ])('%s', (_, funding, total, sources) => {
    const text = ['项目名称 河道保洁', '资金来源(万元) 项目预算金额 金额(万元)', ...funding, '一级指标 二级指标 三级指标 指标值', '产出指标 数量指标 保洁河长 ≥12公里'].join('\n');
    const { projects, report } = read(text);
    expect(projects[0].total).toBe(total);
    expect(projects[0].amountUnit).toBe('万元');
    expect(projects[0].fundingSources.map((f) => f.source)).toEqual(sources);
    // The editor is told that the total was added up, not printed.
    expect(report.notes.some((n) => n.includes('相加取') && n.includes(total))).toBe(true);
  });

  test('a printed total is never replaced by the sum of its sources', () => {
    const text = ['项目名称 河道保洁', '项目预算金额 9.00万元', '财政资金 4.00', '自筹资金 1.00', '一级指标 二级指标 三级指标 指标值', '产出指标 数量指标 保洁河长 ≥12公里'].join('\n');
    expect(read(text).projects[0].total).toBe('9.00');
  });
});

describe('a line that holds only level labels belongs to the row printed after it', () => {
  test.each([
    ['一级 and 二级 on lines of their own', ['质量指标 路面完好率 ≥92%', '效益指标', '经济效益指标', '沿线运输成本 下降'], [
      '产出指标/数量指标/养护里程=35公里', '产出指标/质量指标/路面完好率=≥92%', '效益指标/经济效益指标/沿线运输成本=下降',
    ]],
    ['a 一级 alone, its first 二级 on the data line', ['效益指标', '社会效益指标 群众出行便利度 提升'], [
      '产出指标/数量指标/养护里程=35公里', '效益指标/社会效益指标/群众出行便利度=提升',
    ]],
    ['a 二级 alone before a row with its own 二级 stays an empty placeholder', ['时效指标', '成本指标 每公里养护费 ≤0.5万元'], [
      '产出指标/数量指标/养护里程=35公里', '产出指标/时效指标/（空）', '产出指标/成本指标/每公里养护费=≤0.5万元',
    ]],
  ])('%s', (_, body, want) => {
    expect(rows(head(['产出指标 数量指标 养护里程 35公里', ...body].join('\n')))).toEqual(want);
  });
});

describe('a label alone on its line takes the one-cell line under it as its value', () => {
  test.each([
    ['年度绩效目标', '完成全县乡道日常养护，保持路况稳定'],
    ['项目概况', '对境内三条县道实施预防性养护'],
  ])('%s', (label, value) => {
    const { projects, report } = read(head('产出指标 数量指标 养护里程 35公里').replace('一级指标', `${label}\n${value}\n一级指标`));
    const p = projects[0];
    expect([...(p.goals ?? []), p.purpose].filter(Boolean)).toContain(value);
    expect(report.fates.unplaced).toBe(0);
  });
});

describe('a merged 一级 printed at the vertical centre of its rows (layout text) heads the rows above it too', () => {
  test.each([
    ['centred labels, the rows above them follow the national 二级', [
      '数量指标 助餐服务人次 ≥5000人次', '产出指标 质量指标 服务投诉率 ≤1%', '时效指标 补贴发放及时率 100%',
      '经济效益指标 带动就业岗位 ≥10个', '效益指标 社会效益指标 老人生活便利度 提升', '可持续影响指标 服务机制长效运行 长期',
    ], [
      '产出指标/数量指标/助餐服务人次=≥5000人次', '产出指标/质量指标/服务投诉率=≤1%', '产出指标/时效指标/补贴发放及时率=100%',
      '效益指标/经济效益指标/带动就业岗位=≥10个', '效益指标/社会效益指标/老人生活便利度=提升', '效益指标/可持续影响指标/服务机制长效运行=长期',
    ]],
    ['labels on the first row of their group stay where they are', [
      '产出指标 数量指标 助餐服务人次 ≥5000人次', '质量指标 服务投诉率 ≤1%', '效益指标 社会效益指标 老人生活便利度 提升', '可持续影响指标 服务机制长效运行 长期',
    ], [
      '产出指标/数量指标/助餐服务人次=≥5000人次', '产出指标/质量指标/服务投诉率=≤1%', '效益指标/社会效益指标/老人生活便利度=提升', '效益指标/可持续影响指标/服务机制长效运行=长期',
    ]],
    ['a 二级 outside the national list keeps the 一级 above it (pipe rows)', [
      '产出指标 | 数量指标 | 助餐服务人次 | ≥5000人次', '服务保障指标 | 助餐点覆盖率 | ≥90%', '效益指标 | 社会效益指标 | 老人生活便利度 | 提升',
    ], [
      '产出指标/数量指标/助餐服务人次=≥5000人次', '产出指标/服务保障指标/助餐点覆盖率=≥90%', '效益指标/社会效益指标/老人生活便利度=提升',
    ]],
  ])('%s', (_, body, want) => {
    const text = body[0].includes('|') ? head(body.join('\n')).replace(/^[^|]+ [^|]+$/gm, (l) => l.split(' ').join(' | ')) : head(body.join('\n'));
    expect(rows(text)).toEqual(want);
  });
});

describe('a label wrapped around its row (first part on the line above, the rest on the line below) is one cell of that row', () => {
  test.each([
    ['a 二级 around a row that prints its 一级', ['产出指标 数量指标 养护里程 35公里', '社会效益', '效益指标 居民出行时间 缩短', '指标'], [
      '产出指标/数量指标/养护里程=35公里', '效益指标/社会效益指标/居民出行时间=缩短',
    ]],
    ['a 二级 around a row without a 一级', ['效益指标 经济效益指标 物流成本 下降', '可持续', '路网使用年限 延长', '影响指标'], [
      '效益指标/经济效益指标/物流成本=下降', '效益指标/可持续影响指标/路网使用年限=延长',
    ]],
  ])('%s', (_, body, want) => {
    expect(rows(head(body.join('\n')))).toEqual(want);
  });
});

describe('splitValue: a 三级指标 and the value glued after it, split by the value\'s shape', () => {
  test.each([
    ['道路保洁覆盖率≥98%', '道路保洁覆盖率', '≥98%'],
    ['投诉办结时长＜3天', '投诉办结时长', '＜3天'],
    ['培训场次12场', '培训场次', '12场'],
    // OCR reads a printed = as 二 right before a number.
    ['设备完好率二95%', '设备完好率', '二95%'],
    // Written-out values: a trend with its manner or object, a state with its aspect.
    ['辖区空气质量逐步改善', '辖区空气质量', '逐步改善'],
    ['居民健康意识明显提高', '居民健康意识', '明显提高'],
    ['带动周边就业增加收入', '带动周边就业', '增加收入'],
    ['对流域生态的影响效果明显', '对流域生态的影响', '效果明显'],
    ['管护机制运行良好', '管护机制运行', '良好'],
    // A trend word that opens the text is part of the name, not a value.
    ['提高群众满意度', '提高群众满意度', ''],
    ['群众知晓情况', '群众知晓情况', ''],
  ])('%s', (text, level3, value) => {
    expect(splitValue(text)).toEqual([level3, value]);
  });
});

describe('splitByVocabulary: the next table\'s title run into flattened text is a cell of its own', () => {
  test.each([
    ['满意度指标服务对象满意度指标村民满意度≥95%市级部门项目支出绩效目标表项目名称污水管网维护', ['满意度指标', '服务对象满意度指标', '村民满意度≥95%', '市级部门项目支出绩效目标表', '项目名称', '污水管网维护']],
    ['县级专项资金绩效目标申报表2024年度项目名称林地防火', ['县级专项资金绩效目标申报表', '2024年度', '项目名称', '林地防火']],
  ])('%s', (text, cells) => {
    expect(splitByVocabulary(text)).toEqual(cells);
  });

  test('a table read from flattened text ends at the next title: its last value stays clean', () => {
    const text = '项目名称乡村公路养护预算单位某县交通运输局本年度预算18万元一级指标二级指标三级指标指标值产出指标数量指标养护里程=35公里满意度指标服务对象满意度指标沿线村民满意度≥90%县级项目支出绩效目标表项目名称桥梁检测';
    expect(rows(text)).toEqual(['产出指标/数量指标/养护里程==35公里', '满意度指标/服务对象满意度指标/沿线村民满意度=≥90%']);
  });
});

describe('a table with a 中期 and a 年度 column group', () => {
  const table = [
    ['项目名称', '社区图书室运行', '本年度预算(万元)', '12.5'],
    ['一级指标', '二级指标', '三级指标', '中期指标值', '二级指标', '三级指标', '本年度指标值'],
    ['产出指标', '数量指标', '新增藏书', '3000册', '数量指标', '新增藏书', '1000册'],
    // A row that leaves out the merged 一级 and both merged 二级 cells.
    ['借阅人次', '9000人次', '借阅人次', '3000人次'],
    ['效益指标', '社会效益指标', '居民阅读时长', '增加', '社会效益指标', '居民阅读时长', '明显增加'],
  ];
  test.each([
    ['pipe rows', table.map((r) => `${r.join(' | ')} ||||`).join('\n')],
    ['tab rows', table.map((r) => r.join('\t')).join('\n')],
  ])('%s: the 年度 value is the 指标值, a value column is known by its …指标值 name', (_, text) => {
    expect(rows(text)).toEqual(['产出指标/数量指标/新增藏书=1000册', '产出指标/数量指标/借阅人次=3000人次', '效益指标/社会效益指标/居民阅读时长=明显增加']);
  });
});

describe('cells each closed by a line holding only `|`', () => {
  const cells = ['项目名称', '乡村公路养护', '预算单位', '某县交通运输局', '年度资金总额', '18 万元', '一级指标', '二级指标', '三级指标', '指标值', '产出指标', '数量指标', '养护里程', '35公里', '效益指标', '社会效益指标', '群众出行便利度', '提升'];
  test.each([
    ['from the first cell', ['开展公路养护。', ...cells.flatMap((c) => [c, '|'])]],
    ['with a cell wrapped over two lines', ['开展公路养护。', ...cells.flatMap((c) => (c === '群众出行便利度' ? ['群众出行', '便利度', '|'] : [c, '|']))]],
  ])('%s', (_, lines) => {
    const { projects } = read(lines.join('\n'));
    expect(projects.map((p) => [p.name, p.total, p.amountUnit])).toEqual([['乡村公路养护', '18', '万元']]);
    expect(rows(lines.join('\n'))).toEqual(['产出指标/数量指标/养护里程=35公里', '效益指标/社会效益指标/群众出行便利度=提升']);
  });
});
