/**
 * Words the synthetic corpus is made of: department kinds with their project topics, indicator
 * names, place names and sentence pieces in the wording of the seed documents, so that a
 * generated site has a real search vocabulary (thousands of distinct terms, not one repeated).
 */

/** A kind of unit and the projects such a unit runs. */
export interface DepartmentKind {
  /** 单位名称 without the region, e.g. 教育局. */
  name: string;
  /** Project topics; a project name is a topic plus a suffix. */
  topics: readonly string[];
  /** Who the projects serve, used in goals and 满意度 rows. */
  beneficiaries: readonly string[];
}

export const DEPARTMENT_KINDS: readonly DepartmentKind[] = [
  { name: '委老干部局', topics: ['老年大学', '老干部活动中心', '关心下一代', '困难离退休干部帮扶', '离退休干部党建', '老干部健康体检', '五老宣讲'], beneficiaries: ['离退休干部', '老干部', '青少年'] },
  { name: '教育局', topics: ['义务教育学校公用经费', '学前教育资助', '校舍维修改造', '教师培训', '营养改善计划', '普通高中助学金', '校园安全建设', '特殊教育'], beneficiaries: ['在校学生', '家长', '教师'] },
  { name: '卫生健康委员会', topics: ['基本公共卫生服务', '家庭医生签约服务', '妇幼健康', '疾病预防控制', '乡村医生补助', '计划生育家庭扶助', '医疗卫生机构设备购置'], beneficiaries: ['城乡居民', '患者', '孕产妇'] },
  { name: '民政局', topics: ['城乡低保', '特困人员供养', '临时救助', '孤儿基本生活保障', '养老服务补贴', '残疾人两项补贴', '社区建设'], beneficiaries: ['困难群众', '老年人', '残疾人'] },
  { name: '农业农村局', topics: ['高标准农田建设', '农业技术推广', '动物防疫', '农村人居环境整治', '耕地地力保护补贴', '农机购置补贴', '乡村振兴衔接'], beneficiaries: ['农户', '种粮农民', '村民'] },
  { name: '交通运输局', topics: ['农村公路养护', '公交运营补贴', '道路安全生命防护', '桥梁检测加固', '客运站运行维护'], beneficiaries: ['群众', '乘客', '沿线村民'] },
  { name: '住房和城乡建设局', topics: ['老旧小区改造', '城市道路维修', '污水管网建设', '保障性住房', '农村危房改造', '园林绿化养护'], beneficiaries: ['居民', '住户', '市民'] },
  { name: '人力资源和社会保障局', topics: ['就业创业补贴', '职业技能培训', '城乡居民养老保险', '劳动保障监察', '人才引进', '公益性岗位补贴'], beneficiaries: ['求职人员', '参保群众', '高校毕业生'] },
  { name: '文化广电和旅游局', topics: ['公共文化服务', '图书馆免费开放', '文物保护', '送戏下乡', '旅游宣传推介', '应急广播建设'], beneficiaries: ['群众', '游客', '读者'] },
  { name: '生态环境分局', topics: ['大气污染防治', '水环境监测', '土壤污染防治', '环境执法', '农村环境整治'], beneficiaries: ['居民', '企业', '群众'] },
  { name: '应急管理局', topics: ['安全生产监管', '防汛抗旱', '森林防火', '应急物资储备', '救灾资金'], beneficiaries: ['群众', '企业', '受灾群众'] },
  { name: '司法局', topics: ['法律援助', '人民调解', '社区矫正', '普法宣传', '公共法律服务'], beneficiaries: ['困难群众', '当事人', '群众'] },
  { name: '委组织部', topics: ['党员教育培训', '村干部报酬', '选调生培养', '驻村工作队', '基层党组织建设', '人才工作'], beneficiaries: ['党员', '村干部', '基层干部'] },
  { name: '水利局', topics: ['农村饮水安全', '河道治理', '小型水库维修养护', '水土保持', '河长制工作'], beneficiaries: ['村民', '群众', '农户'] },
  { name: '市场监督管理局', topics: ['食品安全抽检', '特种设备检验', '消费维权', '计量检定', '药品监管'], beneficiaries: ['消费者', '企业', '群众'] },
  { name: '残疾人联合会', topics: ['残疾人康复', '残疾人就业', '辅助器具适配', '残疾儿童救助', '无障碍改造'], beneficiaries: ['残疾人', '残疾儿童', '残疾人家庭'] },
  { name: '退役军人事务局', topics: ['优抚对象补助', '退役士兵安置', '光荣院运行', '烈士纪念设施维护'], beneficiaries: ['退役军人', '优抚对象', '军属'] },
  { name: '自然资源局', topics: ['土地整治', '不动产登记', '地质灾害防治', '国土空间规划', '林业有害生物防治'], beneficiaries: ['群众', '企业', '村民'] },
];

/** Project name endings. */
export const TOPIC_SUFFIXES = ['经费', '专项资金', '补助资金', '工作经费', '项目', '运行经费', '补贴', '建设项目'] as const;

export const PROVINCES: ReadonlyArray<{ code: string; name: string; municipality?: boolean }> = [
  { code: '13', name: '河北省' },
  { code: '14', name: '山西省' },
  { code: '32', name: '江苏省' },
  { code: '34', name: '安徽省' },
  { code: '37', name: '山东省' },
  { code: '41', name: '河南省' },
  { code: '42', name: '湖北省' },
  { code: '43', name: '湖南省' },
  { code: '50', name: '重庆市', municipality: true },
  { code: '51', name: '四川省' },
];

/** Syllables that make place names: 东 + 安 + 县. */
export const PLACE_FIRST = ['东', '西', '南', '北', '平', '安', '永', '长', '清', '丰', '新', '宁', '临', '阳', '兴', '青', '华', '凤', '龙', '泰', '宝', '云', '金', '石'];
export const PLACE_SECOND = ['安', '平', '丰', '川', '阳', '宁', '山', '水', '城', '河', '林', '泉', '乐', '和', '原', '江', '台', '桥', '源', '溪'];
export const COUNTY_ENDINGS = ['县', '区', '县', '市'];
export const TOWNSHIP_ENDINGS = ['镇', '乡', '街道'];

/** 三级指标 by 一级/二级, with the unit the value is counted in. */
export const INDICATORS: Record<string, Record<string, ReadonlyArray<{ name: string; unit: string; range: [number, number]; op: string }>>> = {
  产出指标: {
    数量指标: [
      { name: '开展活动次数', unit: '次', range: [2, 60], op: '≥' },
      { name: '培训人次', unit: '人', range: [50, 5000], op: '≥' },
      { name: '覆盖村（社区）数', unit: '个', range: [5, 300], op: '≥' },
      { name: '发放补助人数', unit: '人', range: [20, 20000], op: '=' },
      { name: '维修改造面积', unit: '平方米', range: [200, 50000], op: '≥' },
      { name: '检查检测批次', unit: '批', range: [10, 800], op: '≥' },
      { name: '宣传材料发放份数', unit: '份', range: [500, 20000], op: '≥' },
      { name: '购置设备台数', unit: '台', range: [1, 200], op: '=' },
    ],
    质量指标: [
      { name: '项目验收合格率', unit: '%', range: [90, 100], op: '≥' },
      { name: '补助对象认定准确率', unit: '%', range: [95, 100], op: '≥' },
      { name: '培训合格率', unit: '%', range: [85, 100], op: '≥' },
      { name: '设施完好率', unit: '%', range: [90, 100], op: '≥' },
    ],
    时效指标: [
      { name: '资金拨付及时率', unit: '%', range: [90, 100], op: '≥' },
      { name: '项目完成时限', unit: '月', range: [6, 12], op: '≤' },
      { name: '补助发放及时率', unit: '%', range: [95, 100], op: '=' },
    ],
    成本指标: [
      { name: '人均补助标准', unit: '元', range: [100, 3000], op: '≤' },
      { name: '项目成本控制率', unit: '%', range: [90, 100], op: '≤' },
    ],
  },
  效益指标: {
    社会效益指标: [
      { name: '群众知晓率', unit: '%', range: [80, 100], op: '≥' },
      { name: '服务对象生活水平改善', unit: '', range: [0, 0], op: '' },
      { name: '政策覆盖率', unit: '%', range: [85, 100], op: '≥' },
      { name: '问题解决率', unit: '%', range: [80, 100], op: '≥' },
    ],
    经济效益指标: [
      { name: '带动就业人数', unit: '人', range: [10, 2000], op: '≥' },
      { name: '农户增收', unit: '万元', range: [5, 500], op: '≥' },
    ],
    生态效益指标: [
      { name: '环境质量改善', unit: '', range: [0, 0], op: '' },
      { name: '绿化覆盖率', unit: '%', range: [30, 60], op: '≥' },
    ],
    可持续影响指标: [
      { name: '长效管理机制建立', unit: '', range: [0, 0], op: '' },
      { name: '设施持续使用年限', unit: '年', range: [3, 20], op: '≥' },
    ],
  },
  满意度指标: {
    服务对象满意度指标: [
      { name: '服务对象满意度', unit: '%', range: [85, 98], op: '≥' },
      { name: '群众满意度', unit: '%', range: [85, 98], op: '≥' },
    ],
  },
};

/** Words printed in 指标值 cells where no number is printed (the quality report lists them). */
export const QUALITATIVE_VALUES = ['有效提升', '明显改善', '逐步完善', '持续发挥作用', '稳步提高', '长期'];

export const BASES = ['历史数据', '计划标准', '行业标准', '工作方案', '上年完成情况', '相关文件规定', '统计台账', '发放花名册'];

/** Sentence pieces of goals and narratives. */
export const GOAL_OPENINGS = ['全面落实', '认真贯彻', '积极推进', '扎实开展', '持续做好', '切实加强', '统筹推进', '稳步实施'];
export const GOAL_ENDINGS = [
  '切实保障{b}的合法权益',
  '让{b}感受到党和政府的关怀',
  '提升{b}的获得感和满意度',
  '确保资金安全规范高效使用',
  '推动工作提质增效',
  '为全区经济社会发展提供有力保障',
  '不断满足{b}的实际需求',
  '形成长效工作机制',
];
export const MEASURES = [
  '加强组织领导，明确责任分工，建立工作台账，定期调度工作进展。',
  '严格执行财政资金管理办法，专款专用，按进度拨付资金，接受审计和社会监督。',
  '完善绩效目标管理，开展绩效运行监控，及时纠正偏差，确保年度目标按期实现。',
  '加强政策宣传，通过公开栏、微信公众号等渠道公开补助标准和发放结果。',
  '健全内部控制制度，规范政府采购和合同管理，防范廉政风险。',
  '强化督导检查，对发现的问题建立清单、限期整改，做到件件有着落。',
];
export const LEGAL_BASES = [
  '《中华人民共和国预算法》',
  '《中共中央 国务院关于全面实施预算绩效管理的意见》',
  '《项目支出绩效评价管理办法》（财预〔2020〕10号）',
  '《关于进一步加强财政支出绩效管理的通知》',
  '本级人民政府常务会议纪要',
  '上级主管部门年度工作要点',
];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
export const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀英', '建华', '海燕', '志强'];
