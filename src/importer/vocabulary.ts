/**
 * The labels that published performance tables print, by what they mean. This is data: a
 * new wording seen in a bureau's table is one more entry here, never a branch in a reader.
 * Labels are compared by {@link labelKey}: no whitespace, no colon, full-width brackets,
 * and no `*` (the "required" star of some templates).
 */

/** Project-level fields, each with the labels that introduce its value in a table. */
export const FIELD_LABELS = {
  /** 项目名称. A 一级项目名称 names the programme, not the project, so it is furniture. */
  name: ['项目名称', '项目支出名称', '二级项目名称', '项目（专项）名称', '专项（项目）名称', '专项名称', '项目名'],
  /** The year's budget of the project: preferred over a multi-year total. */
  annualTotal: [
    '预算数', '年度资金总额', '资金总额', '项目预算金额', '年度本级预算金额', '当年年度预算', '年度预算',
    '预算申报数', '本年度预算', '年度预算金额', '本年度申请市财政预算资金', '本年度预算资金', '年度预算数',
    '预算金额', '本年预算数', '年度资金申请总额', '当年预算', '当年资金总额',
  ],
  /** A total over several years, used only where no annual total is printed. */
  projectTotal: ['项目总投资', '项目总预算', '项目总资金额', '项目资金总额', '中期市财政预算', '项目总金额', '总投资'],
  /** 主管部门 and its variants; the cell may carry a code: `[015001]名称`. */
  supervisor: ['主管部门', '主管部门及代码', '主管部门及编码', '预算部门', '预算单位', '申报单位', '业务主管部门', '部门名称', '单位名称', '项目主管部门'],
  /** 实施单位 and its variants. */
  implementer: ['实施单位', '具体实施单位', '项目实施单位', '实施主体', '项目执行单位', '执行单位'],
  /** 年度绩效目标 and its variants. */
  goals: ['年度绩效目标', '年度目标', '本年度绩效目标', '项目年度目标', '当年绩效目标', '年度绩效总目标', '绩效目标', '年度主要目标和成果'],
  /** The purpose text, published with the label that was printed. */
  purpose: ['资金用途', '项目概况', '项目概况及立项依据', '项目总体概况', '基本情况', '项目内容', '项目实施内容', '部门职能职责概述', '项目主要内容'],
  /** A heading over the amounts (资金情况（万元）): carries the unit, holds no value. */
  fundsHeading: ['项目资金', '资金情况', '项目资金申请', '资金来源', '项目资金情况'],
  /** Other facts a table prints about the project, kept as printed in printedFields. */
  other: [
    '项目性质', '项目类别', '项目类型', '项目分类', '项目属性', '项目来源', '项目期', '项目起止时间', '项目实施期', '项目支出实施期',
    '计划开始日期', '计划完成日期', '项目开始日期', '项目完成日期', '建设周期', '资金性质', '资金用途分类', '财政资金预算分类',
    '财政资金科目代码', '项目审批', '立项依据', '项目立项必要性', '一级项目名称', '项目负责人及电话', '实施期绩效目标', '总体目标',
    '中期目标', '长期目标', '项目总体目标', '项目总目标', '年度总体目标', '年度总体目标完成情况', '政策依据', '其他依据',
    // A transfer payment names the finance bureau and the department at each level.
    '省级财政部门', '省级主管部门', '市级财政部门', '市级主管部门', '县级财政部门', '县级主管部门', '区级财政部门', '区级主管部门',
  ],
  /** 联系人 / 项目负责人. */
  contactName: ['联系人', '项目负责人'],
  /** 联系电话. */
  contactPhone: ['联系电话', '电话'],
} as const;

export type FieldName = keyof typeof FIELD_LABELS;

/** Funding source labels, printed with or without 其中：, a list number or 当年/本年. */
export const FUNDING_LABELS = [
  '财政拨款', '财政资金', '一般公共预算', '政府性基金', '上级补助', '上级资金', '自有资金', '自筹资金', '单位自筹',
  '其他资金', '其它资金', '上年结转', '区级资金', '市级资金', '县级资金', '省级资金', '中央资金', '中央补助安排',
  '省级财政安排', '预算资金', '财政专户', '事业收入', '其他',
  // The income categories of a 部门预算, printed as the rows of a funding breakdown.
  '政府性基金预算', '国有资本经营预算', '财政专户管理资金', '经营收入', '经营性收入', '事业单位经营收入', '其他收入',
  '上级补助收入', '附属单位上缴收入', '上年结转结余',
];

/** Column headers of an indicator table, by the row field they fill. */
export const COLUMN_LABELS = {
  level1: ['一级指标', '一级'],
  level2: ['二级指标', '二级'],
  level3: ['三级指标', '三级', '指标名称', '绩效指标名称'],
  value: [
    '指标值', '目标值', '指标值及单位', '年度指标值', '指标（目标）值', '指标目标值', '计划指标值', '年度目标值',
    '指标值（或计划水平）', '计划指标值（或计划水平）', '绩效指标值', '预期目标值', '指标值（包含数字及文字描述）', '年度（/项目）指标值', '年度指标值（或计划水平）',
  ],
  nature: ['指标性质', '运算符', '计算符号', '符号'],
  unit: ['计量单位', '度量单位', '指标单位', '单位'],
  weight: ['权重', '分值', '指标分值', '权重（%）'],
  basis: ['绩效标准', '指标值确定依据', '评（扣）分标准', '评分标准', '指标值设定依据'],
  description: ['绩效指标描述', '指标解释', '指标值说明', '指标说明', '指标内容'],
  remark: ['备注'],
  direction: ['指标方向性', '指标方向', '指标类型'],
} as const;

/**
 * Words a written-out 指标值 is made of, to tell it from the 三级指标 it is glued to where a
 * table lost its separators (`…发展情况稳步提高`, `…影响长远`). A value is a trend word with an
 * optional manner before it and an optional one- or two-character object after it (稳步提高,
 * 增加岗位), or a state word with an optional aspect before it (影响长远, 效果明显).
 */
export const VALUE_WORDS = {
  trend: [
    '提高', '提升', '增加', '增长', '增强', '改善', '降低', '下降', '减少', '缩短', '延长', '扩大', '优化', '加强', '巩固',
    '减轻', '好转', '加快', '促进', '保持',
  ],
  manner: ['稳步', '逐步', '逐年', '明显', '显著', '有效', '持续', '不断', '进一步', '大幅', '有所', '大大', '全面', '普遍', '稳定'],
  state: [
    '长远', '长期', '显著', '明显', '良好', '较好', '优良', '合格', '达标', '稳定', '及时', '到位', '完善', '健全', '规范',
    '持续', '有效', '正常', '安全', '满意', '较高', '大幅', '持久',
  ],
  aspect: ['影响', '效果', '作用', '效益', '时限', '期限', '成效', '程度', '周期'],
};

/** Header cells that name the table or a row group, not a column: published nowhere. */
export const HEADER_FURNITURE = ['绩效指标', '绩', '效', '指', '标', '年度绩效指标', '本年度绩效指标', '年度绩效目标', '绩效目标', '产出', '效益'];

/** A column group that holds long-term targets: its value column becomes longTermValue. */
export const LONG_TERM_GROUP = /中期|长期|实施期/;

/** Rows that end a table: sign-offs and notes. */
export const TABLE_END = [
  '审核意见', '盖章', '填表人', '填报人', '注：', '其他需说明的问题', '其他说明的问题', '单位负责人', '财政部门审核意见',
  '主管部门审核意见', '审批意见', '填报日期', '初审意见',
];

/** The words a table's title is made of before its 绩效目标…表 (省级部门预算项目支出绩效目标表), as patterns. */
export const TITLE_WORDS = ['20\\d{2}年度?', '[省市县区]级', '中央', '部门', '预算', '项目', '支出', '整体', '专项', '资金', '财政', '重点', '一般', '政府', '单位'];

/** A table's title ends the table before it: the next project's table begins. */
export const TABLE_TITLE = /绩效目标.{0,6}表$/;

/** Lines that belong to the page, not the document: headers, footers, share buttons. */
export const PAGE_FURNITURE = [
  /^第\s*\d+\s*页/, /^[-—–]?\s*\d+\s*[-—–]?$/, /^\d+\s*\/\s*\d+$/, /索\s*引\s*号/, /发布(时间|机构|日期)/, /^当前位置/,
  /扫一扫/, /^相关(解读|链接|文件)/, /留言/, /评论/, /^[-\s]*有用/, /^[-\s]*\/\s*$/, /^!\[\]\(.*\)$/, /^<image>/, /^归档时间/,
  /^(发文机关|发文日期|公开方式|有效性|文\s*号|分\s*类)/, /打印本页|关闭窗口|字号/, /^附件\s*[\d-]*[:：]?$/, /^还剩\d+页未读/, /^文本内容/, /^Overview$/,
  /^表[一二三四五六七八九十\d]+$/, /^（?\s*盖章\s*）?$/, /绩效目标.{0,6}表$/,
];

/** The amount unit printed in a label, a cell or after an amount. */
export const AMOUNT_UNIT_IN_TEXT = /(?:单位|金额单位)\s*[:：]\s*(万元|元)|[（(]\s*(万元|元)\s*[)）]/;
