/**
 * The generated parts of the editors' guide (docs/编辑指南.md): the field reference, from the
 * schemas, and the flags of the 指标质量 report, from the rules in src/lib/quality.ts. Each sits
 * between two markers; `npm run docs` rewrites them and a test fails when they drift.
 */
import { collectFieldDocs, renderFieldReference } from './fieldDocs.ts';
import { FLAG_RULES, PLAN_RULE } from './quality.ts';

export const GUIDE = 'docs/编辑指南.md';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The flags of the 指标质量 report (not check messages), one row per rule, as the report states them. */
export function renderQualityRules(): string {
  const rows = [...FLAG_RULES, PLAN_RULE].map((r) => `| \`${r.code}\` | **${cell(r.title)}**：${cell(r.rule)} |`);
  return ['| 标记 | 含义 |', '|---|---|', ...rows].join('\n');
}

export const SECTIONS = [
  { name: '字段说明', render: () => renderFieldReference(collectFieldDocs()) },
  { name: '质量提示', render: renderQualityRules },
] as const;

export const markers = (name: string) => ({ start: `<!-- ${name}开始：由 npm run docs 生成，请勿手改 -->`, end: `<!-- ${name}结束 -->` });

/** The text between a section's markers, or null when the markers are missing. */
export function extractSection(guide: string, name: string): string | null {
  const { start, end } = markers(name);
  const from = guide.indexOf(start);
  const to = guide.indexOf(end);
  return from < 0 || to < from ? null : guide.slice(from + start.length, to).trim();
}

/** The guide with every generated section rewritten. */
export function regenerateGuide(guide: string): string {
  let out = guide;
  for (const section of SECTIONS) {
    const { start, end } = markers(section.name);
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`${GUIDE} 中缺少标记 ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n\n${section.render()}\n\n${out.slice(to)}`;
  }
  return out;
}
