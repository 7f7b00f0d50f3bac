/**
 * The editors' gate, one fixture per bad case: each asserts the exact lines an editor sees
 * (file:line:col, field path, message, hint) and the summary.
 */
import { describe, expect, test } from 'vitest';
import { check } from './helpers/fixtures.ts';

describe('each bad case is reported with file, line, field, message and hint', () => {
  test('amount-currency-sign', () => {
    expect(check('check/amount-currency-sign').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:9:9  total  金额应为不带千分位、货币符号或单位的半角十进制数，例如 "50000.00"  [schema]
          提示：去掉货币符号和单位，单位写在 amountUnit 字段
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('amount-fullwidth-digits', () => {
    expect(check('check/amount-fullwidth-digits').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:9:9  total  金额应为不带千分位、货币符号或单位的半角十进制数，例如 "50000.00"  [schema]
          提示：把全角数字改成半角数字，例如 "120"
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('amount-negative', () => {
    expect(check('check/amount-negative').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:9:9  total  金额应为不带千分位、货币符号或单位的半角十进制数，例如 "50000.00"  [schema]
          提示：金额不能为负数；核对原文
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('amount-not-finite', () => {
    expect(check('check/amount-not-finite').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:9:8  total  金额必须写成带引号的十进制字符串，例如 "50000.00"  [schema]
          提示：YAML 把 .inf 读成了数字 Infinity：加上引号写成 total: ".inf"
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('amount-thousands-separator', () => {
    expect(check('check/amount-thousands-separator').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:9:9  total  金额应为不带千分位、货币符号或单位的半角十进制数，例如 "50000.00"  [schema]
          提示：去掉千分位逗号，写成 "50000.00"
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('amount-unquoted-number', () => {
    expect(check('check/amount-unquoted-number').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:9:8  total  金额必须写成带引号的十进制字符串，例如 "50000.00"  [schema]
          提示：YAML 把 50000.00 读成了数字 50000：加上引号写成 total: "50000.00"
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('amount-wan-in-text', () => {
    expect(check('check/amount-wan-in-text').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:9:9  total  金额应为不带千分位、货币符号或单位的半角十进制数，例如 "50000.00"  [schema]
          提示：金额只写数字；“万元”写在 amountUnit 字段，不要写进金额
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('anchor-alias', () => {
    expect(check('check/anchor-alias').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:32:6  goals[0]  YAML 别名（*）不允许使用  [yaml-alias]
          提示：把被引用的内容直接写出来，不要用 & 锚点和 * 别名
      content/projects/130229/2023/13022923P00JXC415588T.md:33:16  purposeLabel  YAML 锚点（&）不允许使用  [yaml-anchor]
          提示：删除 &名称
      检查了 3 个文件：2 个错误，0 个警告"
    `);
  });
  test('data-link', () => {
    expect(check('check/data-link').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:14:1  body  不允许 data: 链接  [unsafe-link]
          提示：只允许 http(s) 或站内链接；删除这个链接
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('duplicate-key', () => {
    expect(check('check/duplicate-key').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:34:1  name  字段 name 重复出现  [duplicate-key]
          提示：删除其中一个 name，或合并两处内容
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('duplicate-project-id', () => {
    expect(check('check/duplicate-project-id').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287002.md:9:5  projects[0]  列出的项目 13022923P00JXC415588T 属于另一个部门文件  [cross-file]
          提示：核对项目文件的 region、year、department
      content/projects/130229/2023/13022923P00JXC415588T-copy.md:2:5  id  文件位置与地区、年度、项目 id 不一致  [cross-file]
          提示：移动到 content/projects/130229/2023/13022923P00JXC415588T.md
      content/projects/130229/2023/13022923P00JXC415588T.md:2:5  id  项目 id 13022923P00JXC415588T 与 content/projects/130229/2023/13022923P00JXC415588T-copy.md 重复  [cross-file]
          提示：项目 id 在全站必须唯一；核对项目编码
      检查了 5 个文件：3 个错误，0 个警告"
    `);
  });
  test('duplicate-unit-code', () => {
    expect(check('check/duplicate-unit-code').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287009.md:4:12  unitCode  文件位置与地区、年度、单位编码不一致  [cross-file]
          提示：移动到 content/departments/130229/2023/287001.md
      content/departments/130229/2023/287009.md:4:12  unitCode  同一地区、年度的单位编码 287001 重复  [cross-file]
          提示：已在 content/departments/130229/2023/287001.md 中使用；单位编码只在地区内唯一
      检查了 4 个文件：2 个错误，0 个警告"
    `);
  });
  test('file-outside-layout', () => {
    expect(check('check/file-outside-layout').text).toMatchInlineSnapshot(`
      "content/projects/stray.md:1:1  (文件)  文件不在约定的位置，不会被发布  [file-outside-layout]
          提示：地区、部门、项目文件分别放在 content/regions/130229.md、content/departments/130229/2023/287001.md、content/projects/130229/2023/13022923P00JXC415588T.md 这样的位置，扩展名 .md
      检查了 4 个文件：1 个错误，0 个警告"
    `);
  });
  test('fullwidth-colon', () => {
    expect(check('check/fullwidth-colon').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:4:5  name  字段 name 后面用了全角冒号“：”  [fullwidth-colon]
          提示：改成半角冒号加空格：name: …
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('hex-code', () => {
    expect(check('check/hex-code').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:4:11  unitCode  单位编码必须是带引号的字符串，例如 "287001"  [schema]
          提示：YAML 把 0x1F 读成了数字 31：加上引号写成 unitCode: "0x1F"
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('ideographic-indent', () => {
    expect(check('check/ideographic-indent').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:33:1  (文件)  缩进中有全角空格（U+3000）  [ideographic-indent]
          提示：缩进只能用半角空格；把行首的全角空格换成两个半角空格
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('invalid-date', () => {
    expect(check('check/invalid-date').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:8:14  publishedOn  日期不存在（例如 2 月没有 30 日）  [schema]
          提示：核对原文的日期；YYYY-MM-DD 必须是日历上真实存在的一天
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('javascript-link', () => {
    expect(check('check/javascript-link').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:14:2  body  不允许 javascript: 链接  [unsafe-link]
          提示：只允许 http(s) 或站内链接；删除这个链接
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('level1-not-in-taxonomy', () => {
    expect(check('check/level1-not-in-taxonomy').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:37:15  indicators.rows[0].level1  警告 一级指标“产出效果”不在国家指标体系中  [level1-outside-taxonomy]
          提示：按原文保留；在 level1Standard 写上对应的国家分类（产出指标、效益指标、满意度指标、成本指标）
      检查了 3 个文件：0 个错误，1 个警告"
    `);
  });
  test('level2-wrong-parent', () => {
    expect(check('check/level2-wrong-parent').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:38:15  indicators.rows[0].level2  警告 二级指标“数量指标”不属于一级指标“效益指标”  [level2-outside-taxonomy]
          提示：按原文保留；在 level2Standard 写上对应的国家分类（经济效益指标、社会效益指标、生态效益指标、可持续影响指标）
      检查了 3 个文件：0 个错误，1 个警告"
    `);
  });
  test('listed-project-missing', () => {
    expect(check('check/listed-project-missing').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:10:5  projects[1]  列出的项目 13022923P00JXC999999Z 不存在  [cross-file]
          提示：新建 content/projects/130229/2023/13022923P00JXC999999Z.md，或从列表中删除
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('merge-key', () => {
    expect(check('check/merge-key').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:34:1  <<  不允许 YAML 合并键 <<  [yaml-merge-key]
          提示：把要合并的字段直接写出来
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('missing-field', () => {
    expect(check('check/missing-field').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:2:1  name  缺少必填字段 name  [missing-field]
          提示：加上 name: …（见 README 中的字段说明）
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('nature-not-an-operator', () => {
    expect(check('check/nature-not-an-operator').text).toMatchInlineSnapshot(`
      "content/projects/500115/2024/500115-2024-qwlgj-01.md:37:15  indicators.rows[0].nature  指标性质只能是 = ≥ ≤ > < 之一  [schema]
          提示：可选值：=、≥、≤、>、<
      检查了 6 个文件：1 个错误，0 个警告"
    `);
  });
  test('no-frontmatter', () => {
    expect(check('check/no-frontmatter').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:1:1  (front matter)  文件没有以 front matter 开头  [no-frontmatter]
          提示：第一行必须是 ---，然后是 YAML 字段，再用一行 --- 结束
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('parsed-disagrees', () => {
    expect(check('check/parsed-disagrees').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:42:15  indicators.rows[0].parsed  解析值与印刷的指标值不一致：“≥100 次”读作 ≥ 100 次，这里写的是 ≥ 150 次  [schema]
          提示：指标值 value 以原文为准；改正 parsed，或删除 parsed 让导入程序重新解析
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('plan-amount-over-total', () => {
    expect(check('check/plan-amount-over-total').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:31:15  spendingPlan.points[3].value  累计支出 60000.00 超过项目总额 50000.00 元  [schema]
          提示：按金额的计划不能超过预算数；如果原文是百分比，把 basis 改成 percent
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('plan-complete-not-100', () => {
    expect(check('check/plan-complete-not-100').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:31:15  spendingPlan.points[3].value  完整的支出计划 12月底 应达到 100%，这里是 90%  [schema]
          提示：四个节点都填了的计划，12月底 必须是 100%（或预算总额）
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('plan-goes-down', () => {
    expect(check('check/plan-goes-down').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:25:15  spendingPlan.points[1].value  资金支出计划是累计值，6月底 的 20 小于 3月底 的 25  [schema]
          提示：每个节点填到该月底为止的累计数，不能比前一个节点小
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('plan-over-100-percent', () => {
    expect(check('check/plan-over-100-percent').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:31:15  spendingPlan.points[3].value  累计支出比例 120% 超过 100%  [schema]
          提示：百分比必须在 0–100 之间；如果原文是金额，把 basis 改成 amount
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('plan-wrong-checkpoint', () => {
    expect(check('check/plan-wrong-checkpoint').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:23:11  spendingPlan.points[1].by  第 2 个节点应为 6月底  [schema]
          提示：节点按 3月底、6月底、10月底、12月底 的顺序各写一次
      content/projects/130229/2023/13022923P00JXC415588T.md:26:11  spendingPlan.points[2].by  第 3 个节点应为 10月底  [schema]
          提示：节点按 3月底、6月底、10月底、12月底 的顺序各写一次
      检查了 3 个文件：2 个错误，0 个警告"
    `);
  });
  test('project-not-listed', () => {
    expect(check('check/project-not-listed').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415589A.md:2:5  id  部门文件 content/departments/130229/2023/287001.md 的 projects 列表中没有这个项目，它不会被发布  [cross-file]
          提示：在 content/departments/130229/2023/287001.md 的 projects 中加上 13022923P00JXC415589A
      检查了 4 个文件：1 个错误，0 个警告"
    `);
  });
  test('proto-key', () => {
    expect(check('check/proto-key').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:34:1  __proto__  不允许字段名 __proto__  [forbidden-key]
          提示：删除这个字段
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('raw-html-in-body', () => {
    expect(check('check/raw-html-in-body').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:16:1  body  正文中不允许原始 HTML（如 <script>、<div>）  [raw-html]
          提示：删除 HTML 标签，只用 Markdown 写文字；需要的符号 < > 写成 \\< \\>
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('slug-missing-without-unit-code', () => {
    expect(check('check/slug-missing-without-unit-code').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:2:1  slug  没有单位编码时必须给出 slug（网址用的英文简称）  [schema]
          提示：加上 slug: "qwlgj" 这样的小写简称，或填写原文印出的 unitCode
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('sources-do-not-add-up', () => {
    expect(check('check/sources-do-not-add-up').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:11:3  fundingSources  各资金来源之和 49000.00 与总额 50000.00 元 不相等  [schema]
          提示：核对原文：各资金来源相加必须正好等于预算数；空白的来源写 amount: null
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('two-documents', () => {
    expect(check('check/two-documents').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:52:1  (文件)  文件中有多段 YAML（多个 --- 分隔的文档）  [yaml-documents]
          提示：一个文件只写一段 front matter；把字段合并到第一段
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('unit-differs-from-department', () => {
    expect(check('check/unit-differs-from-department').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:8:13  amountUnit  金额单位 元 与部门文件的 万元 不一致  [cross-file]
          提示：同一份文件的金额单位相同；核对原文“单位：”一栏
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('unit-not-allowed', () => {
    expect(check('check/unit-not-allowed').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:8:13  amountUnit  金额单位只能是 元 或 万元  [schema]
          提示：可选值：元、万元
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('unit-slip', () => {
    expect(check('check/unit-slip').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415590B.md:9:9  total  预算数 500000000.00 元 与同一部门其他项目相差约一万倍，可能把单位写错了  [unit-slip]
          提示：核对原文的“单位：元/万元”；万元的金额写成 5.00，元的金额写成 50000.00
      检查了 5 个文件：1 个错误，0 个警告"
    `);
  });
  test('unknown-department', () => {
    expect(check('check/unknown-department').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:9:5  projects[0]  列出的项目 13022923P00JXC415588T 属于另一个部门文件  [cross-file]
          提示：核对项目文件的 region、year、department
      content/projects/130229/2023/13022923P00JXC415588T.md:5:14  department  找不到部门文件 130229/2023/999999  [cross-file]
          提示：department 填部门文件的单位编码（或 slug），并确认 content/departments/130229/2023/999999.md 存在
      检查了 3 个文件：2 个错误，0 个警告"
    `);
  });
  test('unknown-field', () => {
    expect(check('check/unknown-field').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:34:1  nmae  不认识的字段 nmae  [unknown-field]
          提示：删除这个字段，或改正拼写（字段名区分大小写）
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('unknown-region', () => {
    expect(check('check/unknown-region').text).toMatchInlineSnapshot(`
      "content/departments/110101/2023/287001.md:2:10  region  地区 110101 没有地区文件  [cross-file]
          提示：新建 content/regions/110101.md，或改正地区代码
      检查了 4 个文件：1 个错误，0 个警告"
    `);
  });
  test('unquoted-code', () => {
    expect(check('check/unquoted-code').text).toMatchInlineSnapshot(`
      "content/departments/130229/2023/287001.md:4:11  unitCode  单位编码必须是带引号的字符串，例如 "287001"  [schema]
          提示：YAML 把 001234 读成了数字 1234：加上引号写成 unitCode: "001234"
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('warning-value-without-number', () => {
    expect(check('check/warning-value-without-number').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:41:15  indicators.rows[0].value  警告 指标值“按计划完成”没有可衡量的数字  [value-without-number]
          提示：按原文保留；建议单位今后给出可衡量的目标值
      检查了 3 个文件：0 个错误，1 个警告"
    `);
  });
  test('yaml-syntax', () => {
    expect(check('check/yaml-syntax').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:17:1  (文件)  YAML 语法错误：deficient indentation  [yaml-syntax]
          提示：检查这一行的缩进、冒号后的空格和引号是否成对；含冒号或 # 的文字要加引号
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
  test('yaml-tag', () => {
    expect(check('check/yaml-tag').text).toMatchInlineSnapshot(`
      "content/projects/130229/2023/13022923P00JXC415588T.md:9:8  total  不允许 YAML 标签 !!str  [yaml-tag]
          提示：删除 ! 开头的标签；要文字就给值加引号
      检查了 3 个文件：1 个错误，0 个警告"
    `);
  });
});

describe('valid edge cases pass', () => {
  test.each(['crlf-and-bom', 'exact-decimals', 'department-without-unit-code'])('%s', (name) => {
    const result = check(`check-valid/${name}`);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

test('one run over ten bad files reports all ten, one error each', () => {
  const result = check('check-many');
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(new Set(errors.map((p) => p.file)).size).toBe(10);
  expect(errors).toHaveLength(10);
  expect(result.text.split('\n').at(-1)).toBe('检查了 13 个文件：10 个错误，0 个警告');
});
