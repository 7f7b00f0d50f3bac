/**
 * A tiny Hugo site over the same content folder, so the bench can time Hugo + Pagefind on the
 * same corpus in the same run: a page per department (its narrative and project list) and per
 * project (facts, funding, plan, goals and the indicator table), each marked for Pagefind with
 * the same meta and filters. It is a yardstick, not a second product.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SEARCH_META = `<div hidden>
<span data-pagefind-meta="region">{{ .Params.region }}</span>
<span data-pagefind-filter="年度">{{ .Params.year }}</span>
<span data-pagefind-filter="地区">{{ .Params.region }}</span>
<span data-pagefind-sort="year">{{ .Params.year }}</span>
</div>`;

const BASE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ .Title }}{{ end }}</title></head>
<body><header><a href="/">公开 · 预算绩效目标</a></header><main data-pagefind-body>{{ block "main" . }}{{ end }}</main></body></html>`;

const PROJECT = `{{ define "title" }}{{ .Params.name }}{{ end }}{{ define "main" }}${SEARCH_META}
<h1 data-pagefind-weight="10">{{ .Params.name }}</h1>
<dl><dt>项目编码</dt><dd data-pagefind-weight="10">{{ .Params.code }}</dd><dt>地区</dt><dd>{{ .Params.region }}</dd><dt>年度</dt><dd>{{ .Params.year }}</dd>
<dt>预算</dt><dd>{{ .Params.total }} {{ .Params.amountUnit }}</dd></dl>
<table><caption>资金来源</caption>{{ range .Params.fundingSources }}<tr><th scope="row">{{ .source }}</th><td>{{ .amount }}</td></tr>{{ end }}</table>
<h2>{{ .Params.purposeLabel }}</h2><p>{{ .Params.purpose }}</p>
{{ with .Params.spendingPlan }}<table><caption>资金支出计划</caption>{{ range .points }}<tr><th scope="row">{{ .by }}</th><td>{{ .printed }}</td></tr>{{ end }}</table>{{ end }}
<h2>绩效目标</h2><ul>{{ range .Params.goals }}<li>{{ . }}</li>{{ end }}</ul>
<table><caption>绩效指标</caption>{{ range .Params.indicators.rows }}<tr><td>{{ .level1 }}{{ .name }}</td><td>{{ .level2 }}{{ .nature }}</td><td>{{ .level3 }}</td><td>{{ .description }}</td><td>{{ .value }}</td><td>{{ .unit }}{{ .basis }}</td></tr>{{ end }}</table>
{{ end }}`;

const DEPARTMENT = `{{ define "title" }}{{ .Params.unitName }}{{ end }}{{ define "main" }}${SEARCH_META}
<h1 data-pagefind-weight="10">{{ .Params.unitName }}</h1>
<section>{{ .Content }}</section>
<table><caption>预算项目</caption>{{ $here := . }}{{ range .Params.projects }}{{ with site.GetPage (printf "/projects/%s/%d/%s" $here.Params.region $here.Params.year .) }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.name }}</a></td><td>{{ .Params.total }}</td></tr>{{ end }}{{ end }}</table>
{{ end }}`;

const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}`;

/** Writes the Hugo site into `dir`; its content is the corpus folder `contentDir`. */
export function writeHugoSite(dir: string, contentDir: string): void {
  const layouts = join(dir, 'layouts');
  for (const sub of ['_default', 'projects', 'departments', 'regions']) mkdirSync(join(layouts, sub), { recursive: true });
  writeFileSync(
    join(dir, 'config.toml'),
    [
      `baseURL = "http://localhost/"`,
      `contentDir = ${JSON.stringify(contentDir)}`,
      `disableKinds = ["taxonomy", "term", "RSS"]`,
      `languageCode = "zh-CN"`,
      `hasCJKLanguage = true`,
      `[markup.goldmark.renderer]`,
      `unsafe = false`,
    ].join('\n'),
  );
  writeFileSync(join(layouts, '_default', 'baseof.html'), BASE);
  writeFileSync(join(layouts, '_default', 'list.html'), LIST);
  writeFileSync(join(layouts, '_default', 'single.html'), `{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}`);
  writeFileSync(join(layouts, 'projects', 'single.html'), PROJECT);
  writeFileSync(join(layouts, 'departments', 'single.html'), DEPARTMENT);
  writeFileSync(join(layouts, 'regions', 'single.html'), `{{ define "main" }}<h1>{{ .Params.county }}</h1>{{ end }}`);
}
