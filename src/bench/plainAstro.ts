/**
 * A plain Astro site over the same content folder: Astro as its documentation sets it up (the
 * `glob` loader, one template per page type, no integrations, no check, no open data) making the
 * same pages as the Hugo yardstick (src/bench/hugo.ts): a page per project, department and region
 * and a list per section. With Pagefind's CLI over its output it says how much of a build's time
 * is Astro's own, which no change to Gongkai can remove. A yardstick, not a second product.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SEARCH_META = `<div hidden>
<span data-pagefind-meta="region">{d.region}</span>
<span data-pagefind-filter="年度">{d.year}</span>
<span data-pagefind-filter="地区">{d.region}</span>
<span data-pagefind-sort="year">{d.year}</span>
</div>`;

const BASE = `---
const { title } = Astro.props;
---
<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><a href="/">公开 · 预算绩效目标</a></header><main data-pagefind-body><slot /></main></body></html>
`;

const PROJECT = `---
import { getCollection } from 'astro:content';
import Base from '../../layouts/Base.astro';
export async function getStaticPaths() {
  return (await getCollection('projects')).map((p) => ({ params: { id: p.id }, props: { d: p.data } }));
}
const { d } = Astro.props;
---
<Base title={d.name}>${SEARCH_META}
<h1 data-pagefind-weight="10">{d.name}</h1>
<dl><dt>项目编码</dt><dd data-pagefind-weight="10">{d.code}</dd><dt>地区</dt><dd>{d.region}</dd><dt>年度</dt><dd>{d.year}</dd>
<dt>预算</dt><dd>{d.total} {d.amountUnit}</dd></dl>
<table><caption>资金来源</caption>{(d.fundingSources ?? []).map((f) => <tr><th scope="row">{f.source}</th><td>{f.amount}</td></tr>)}</table>
<h2>{d.purposeLabel}</h2><p>{d.purpose}</p>
{d.spendingPlan && <table><caption>资金支出计划</caption>{d.spendingPlan.points.map((x) => <tr><th scope="row">{x.by}</th><td>{x.printed}</td></tr>)}</table>}
<h2>绩效目标</h2><ul>{(d.goals ?? []).map((g) => <li>{g}</li>)}</ul>
<table><caption>绩效指标</caption>{d.indicators.rows.map((r) => <tr><td>{r.level1}{r.name}</td><td>{r.level2}{r.nature}</td><td>{r.level3}</td><td>{r.description}</td><td>{r.value}</td><td>{r.unit}{r.basis}</td></tr>)}</table>
</Base>
`;

const DEPARTMENT = `---
import { getCollection, render } from 'astro:content';
import Base from '../../layouts/Base.astro';
export async function getStaticPaths() {
  const projects = new Map((await getCollection('projects')).map((p) => [p.id, p.data]));
  return (await getCollection('departments')).map((entry) => ({ params: { id: entry.id }, props: { entry, projects } }));
}
const { entry, projects } = Astro.props;
const d = entry.data;
const { Content } = await render(entry);
---
<Base title={d.unitName}>${SEARCH_META}
<h1 data-pagefind-weight="10">{d.unitName}</h1>
<section><Content /></section>
<table><caption>预算项目</caption>{d.projects.map((code) => [code, projects.get(\`\${d.region}/\${d.year}/\${code}\`)]).filter(([, p]) => p).map(([code, p]) => <tr><td><a href={\`/projects/\${d.region}/\${d.year}/\${code}/\`}>{p.name}</a></td><td>{p.total}</td></tr>)}</table>
</Base>
`;

const REGION = `---
import { getCollection } from 'astro:content';
import Base from '../../layouts/Base.astro';
export async function getStaticPaths() {
  return (await getCollection('regions')).map((r) => ({ params: { id: r.id }, props: { d: r.data } }));
}
const { d } = Astro.props;
---
<Base title={d.county}><h1>{d.county}</h1></Base>
`;

const list = (title: string, depth: number) => `---
import Base from '${'../'.repeat(depth)}layouts/Base.astro';
---
<Base title="${title}"><h1>${title}</h1><ul><li><a href="/projects/">projects</a></li><li><a href="/departments/">departments</a></li><li><a href="/regions/">regions</a></li></ul></Base>
`;

/** Writes the plain Astro site into `dir`: its content is the corpus folder `contentDir`, its packages `nodeModules`. */
export function writePlainAstroSite(dir: string, contentDir: string, nodeModules: string): void {
  const pages = join(dir, 'src', 'pages');
  for (const sub of ['projects', 'departments', 'regions']) mkdirSync(join(pages, sub), { recursive: true });
  mkdirSync(join(dir, 'src', 'layouts'), { recursive: true });
  symlinkSync(nodeModules, join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'plain-astro', private: true, type: 'module' }));
  // Its caches stay in its own folder: by default Astro and Vite keep them in node_modules, which is
  // the project's own here (the symlink above), and the plain site's content store would replace
  // the real build's, making its next build load every file again.
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `export default { trailingSlash: 'always', build: { format: 'directory' }, cacheDir: './.cache/astro', vite: { cacheDir: './.cache/vite' } };\n`,
  );
  // Entry ids are the file paths, case kept, as the site's URLs are (the loader's default lowercases them).
  const collection = (kind: string) =>
    `${kind}: defineCollection({ loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(join(contentDir, kind))}, generateId: ({ entry }) => entry.replace(/\\.md$/, '') }), schema: z.looseObject({}) }),`;
  writeFileSync(
    join(dir, 'src', 'content.config.ts'),
    [
      `import { defineCollection } from 'astro:content';`,
      `import { glob } from 'astro/loaders';`,
      `import { z } from 'astro/zod';`,
      `export const collections = {`,
      ...['projects', 'departments', 'regions'].map((kind) => `  ${collection(kind)}`),
      `};`,
      ``,
    ].join('\n'),
  );
  writeFileSync(join(dir, 'src', 'layouts', 'Base.astro'), BASE);
  writeFileSync(join(pages, 'projects', '[...id].astro'), PROJECT);
  writeFileSync(join(pages, 'departments', '[...id].astro'), DEPARTMENT);
  writeFileSync(join(pages, 'regions', '[...id].astro'), REGION);
  writeFileSync(join(pages, 'index.astro'), list('公开 · 预算绩效目标', 1));
  for (const sub of ['projects', 'departments', 'regions']) writeFileSync(join(pages, sub, 'index.astro'), list(sub, 2));
}
