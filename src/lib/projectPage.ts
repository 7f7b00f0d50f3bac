/**
 * A project page's content (everything inside the layout's <main>) as one HTML string, for
 * `set:html` (see ./html.ts for why). Nine in ten pages of a site are project pages: written as a
 * template of components and per-field expressions, each cost Astro a component instance per
 * part and a render step per expression, more than the markup they wrote; the page's template is
 * now the layout and this string, byte for byte the page it was.
 */
import type { ProjectInOtherYear } from './crossYear.ts';
import { spendingPlanChart } from './charts.ts';
import { attr, text } from './html.ts';
import { formatMoney } from './money.ts';
import { breadcrumbs, chartFigure, dataLinks, pageHistory, printedFields } from './pageParts.ts';
import type { PageRecord } from './publishing.ts';
import type { ProjectQuality } from './quality.ts';
import { regionName, regionUrl, yearUrl, type ProjectView } from './site.ts';
import { flagTable, fundingTable, levelIndicatorTable, namedIndicatorTable, projectFlagItems, projectOtherYearsTable, qualityFigures, spendingPlanTable } from './tables.ts';

export interface ProjectPageInput {
  project: ProjectView;
  record: PageRecord;
  historyReason?: string;
  quality: ProjectQuality;
  matches: ProjectInOtherYear[];
}

/** The page's title and description for the layout, and its content. */
export function projectPage({ project, record, historyReason, quality, matches }: ProjectPageInput): { title: string; description: string; html: string } {
  const p = project.data;
  const dept = project.department;
  const region = regionName(dept.region);
  const amount = formatMoney(project.totalFen, p.amountUnit);
  const deptLink = `<a${attr('href', dept.url)}>${text(dept.title)}</a>`;
  let out = breadcrumbs([{ href: '/', label: '首页' }, { href: regionUrl(p.region), label: region }, { href: yearUrl(p.year), label: `${p.year} 年` }, { href: dept.url, label: dept.title }, { label: p.name }]);
  out += `<p class="kind">预算项目绩效目标</p><h1>${text(p.name)}</h1>`;
  out += pageHistory(record, historyReason);
  out += `<dl class="facts"><div><dt>项目编码</dt><dd class="code">${text(p.code ?? '（原文未印项目编码）')}${p.codePrinted ? `<span class="printed">原文印作 ${text(p.codePrinted)}</span>` : ''}</dd></div>`;
  out += `<div><dt>部门</dt><dd>${deptLink}</dd></div>`;
  if (p.supervisor) out += `<div><dt>主管部门</dt><dd>${text(p.supervisor)}</dd></div>`;
  if (p.implementer) out += `<div><dt>实施单位</dt><dd>${text(p.implementer)}</dd></div>`;
  out += `<div><dt>地区</dt><dd><a${attr('href', regionUrl(p.region))}>${text(region)}</a></dd></div>`;
  out += `<div><dt>年度</dt><dd>${p.year}</dd></div>`;
  out += `<div><dt>预算</dt><dd class="num amount">${text(amount)}</dd></div>`;
  if (p.executionWeight) out += `<div><dt>预算执行率权重</dt><dd>${text(p.executionWeight)}%</dd></div>`;
  if (p.contact) out += `<div><dt>联系人</dt><dd>${text(p.contact.name)}，电话 ${text(p.contact.phone)}</dd></div>`;
  out += '</dl>';
  out += fundingTable(p);
  out += printedFields(p.printedFields);
  if (p.purpose) out += `<section><h2>${text(p.purposeLabel ?? '资金用途')}</h2><p class="prose">${text(p.purpose)}</p></section>`;
  if (p.legalBasis) out += `<section><h2>立项依据</h2><ol class="plain">${p.legalBasis.map((b) => `<li>${text(b)}</li>`).join('')}</ol></section>`;
  if (p.spendingPlan) {
    out += `<section><h2>资金支出计划</h2>${chartFigure(spendingPlanChart(p, p.spendingPlan), '累计支出计划')}${spendingPlanTable(p.spendingPlan, p)}</section>`;
  }
  if (p.goals.length > 0) {
    out += `<section><h2>${p.indicators.form === 'named' ? '当年绩效目标' : '绩效目标'}</h2><ul class="plain goals">${p.goals.map((g) => `<li>${text(g)}</li>`).join('')}</ul></section>`;
  }
  out += `<section><h2>绩效指标</h2>${p.indicators.form === 'levels' ? levelIndicatorTable(p.indicators.rows, p.indicators.columns) : namedIndicatorTable(p.indicators.rows, p.indicators.scoreTotal)}</section>`;
  const flags = projectFlagItems(project, quality);
  out += '<section class="quality" aria-labelledby="quality-heading"><h2 id="quality-heading">指标质量</h2><p class="note">按<a href="/quality/#method">公开的规则</a>对原文作出的事实陈述，不改动原文。</p>';
  out += qualityFigures(quality);
  out += flags.length === 0 ? '<p>没有标记。</p>' : flagTable(flags, `本项目的标记（${flags.length} 处）`);
  out += '</section>';
  if (matches.length > 0) {
    out += `<section class="other-years" aria-labelledby="project-years-heading"><h2 id="project-years-heading">同一项目的其他年度</h2>${projectOtherYearsTable(project, matches)}</section>`;
  }
  out += dataLinks(project.url, [
    { file: 'data.json', label: '本项目的完整字段（与 /data/gongkai.json 结构相同）' },
    { file: 'indicators.csv', label: '本项目的绩效指标，每行一个' },
  ]);
  out += `<p><a${attr('href', dept.url)}>← 返回 ${text(dept.title)}（${p.year} 年）</a></p>`;
  return { title: p.name, description: `${dept.title} ${p.year} 年项目：${p.name}，预算 ${amount}。`, html: out };
}
