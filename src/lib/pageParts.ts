/**
 * The parts of a page that several pages share (breadcrumbs, 发布日期 / 最后更新, the chart's
 * figure, 下载本页数据, 原表其他栏目) as HTML strings, for `set:html` (see ./html.ts for why).
 * Each function writes exactly the markup its component wrote; the components are now these
 * functions' wrappers, and the project page, rendered about ten thousand times in a province's
 * build, calls them directly: an Astro component instance costs more than the few tags it writes.
 */
import type { Chart } from './charts.ts';
import { attr, text } from './html.ts';
import { correctionAnchor, formatChineseDate, type PageRecord } from './publishing.ts';
import type { Project } from '../schemas/project.ts';

export interface Crumb {
  href?: string;
  label: string;
}

/** 位置: links up to the page, the page itself last and unlinked. */
export function breadcrumbs(items: Crumb[]): string {
  let out = '<nav class="breadcrumbs" aria-label="位置"><ol>';
  for (const item of items) {
    out += item.href ? `<li><a${attr('href', item.href)}>${text(item.label)}</a></li>` : `<li><span aria-current="page">${text(item.label)}</span></li>`;
  }
  return `${out}</ol></nav>`;
}

/**
 * 发布日期 / 最后更新 / source links of a department or project page, and its 更正说明 notice when
 * the page was corrected after publication. `historyReason` says why the last-change date may be
 * unknown (no git history at build time).
 */
export function pageHistory(record: PageRecord, historyReason?: string): string {
  let out = '';
  if (record.corrections.length > 0) {
    out += `<aside class="correction-notice" id="corrections" aria-labelledby="corrections-heading"><h2 id="corrections-heading">更正说明</h2><p>本页发布后更正过 ${record.corrections.length} 次。更正前的内容可在修改历史中查看。</p><ol>`;
    record.corrections.forEach((c, i) => {
      out += `<li${attr('id', correctionAnchor(i + 1))}><time${attr('datetime', c.date)}>${text(formatChineseDate(c.date))}</time>：${text(c.reason)}</li>`;
    });
    out += '</ol></aside>';
  }
  out += '<p class="page-history">';
  if (record.publishedOn) out += `<span>发布日期：<time${attr('datetime', record.publishedOn)}>${text(formatChineseDate(record.publishedOn))}</time></span>`;
  const last = record.lastUpdated;
  out += last
    ? `<span>最后更新：<time${attr('datetime', last.time)}${attr('title', last.subject)}>${text(formatChineseDate(last.date))}</time></span>`
    : `<span>最后更新：<span class="unknown"${attr('title', historyReason)}>日期未知</span></span>`;
  if (record.links) out += `<span><a${attr('href', record.links.source)}>查看源文件</a> · <a${attr('href', record.links.history)}>修改历史</a></span>`;
  return `${out}</p>`;
}

/** A static SVG chart from ./charts.ts with its caption; the numbers are in the table beside it. */
export function chartFigure(chart: Chart, caption: string): string {
  return `<figure class="chart"><figcaption>${text(caption)}</figcaption>${chart.svg}</figure>`;
}

/** 下载本页数据: the page's open-data files, under the page's URL `base` (ending in /). */
export function dataLinks(base: string, files: Array<{ file: string; label: string }>): string {
  let out = '<section class="data-links" aria-labelledby="data-links-heading"><h2 id="data-links-heading">下载本页数据</h2><ul>';
  for (const { file, label } of files) out += `<li><a${attr('href', `${base}${file}`)} download>${text(file)}</a>：${text(label)}</li>`;
  return `${out}</ul><p class="note">格式与<a href="/data/">全站开放数据</a>相同（CSV 为 UTF-8 带 BOM；以 = + - @ 开头的单元格前加了 '，见数据说明）。</p></section>`;
}

// A paragraph (项目立项必要性, 中期目标) takes the whole width; a date or a category a column.
const isLong = (value: string) => value.length > 40 || value.includes('\n');

/**
 * The other labelled cells the source table printed about the project (项目性质, 计划开始日期 …),
 * label and value as printed and in printed order, under “原表其他栏目”. Nothing when there are none.
 */
export function printedFields(fields: Project['printedFields'] = []): string {
  if (fields.length === 0) return '';
  let out = '<section aria-labelledby="printed-fields"><h2 id="printed-fields">原表其他栏目</h2><dl class="facts printed-fields">';
  for (const f of fields) out += `<div${isLong(f.value) ? ' class="wide"' : ''}><dt>${text(f.label)}</dt><dd>${text(f.value)}</dd></div>`;
  return `${out}</dl></section>`;
}
