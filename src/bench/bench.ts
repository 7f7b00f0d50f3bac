/**
 * The steps of `npm run bench`: generate a corpus into a temporary folder, check and build it with
 * `npm run build` (GONGKAI_CONTENT and GONGKAI_OUT point the build there), optionally build the same files with
 * Hugo + Pagefind, republish after a one-file edit, and print one line per figure.
 * It prints figures and asserts nothing: the machine is shared and timings are noisy, so every
 * figure carries the load average and ratios come from the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { BuildPhases } from '../integrations/phases.ts';
import type { CheckPhase } from '../build/run.ts';
import { writeCorpus, type CorpusSummary } from './generate.ts';
import { writeHugoSite } from './hugo.ts';
import { writePlainAstroSite } from './plainAstro.ts';
import { measure, type RunResult } from './measure.ts';
import { shardJob, type ShardJob } from '../province/shard.ts';

export interface BenchOptions {
  projects: number;
  regions?: number;
  seed?: number;
  /** Also build the corpus with Hugo + Pagefind in the same run. */
  hugo: boolean;
  /** Also build the Hugo yardstick's pages with a plain Astro site + Pagefind's CLI (src/bench/plainAstro.ts). */
  plainAstro?: boolean;
  /** Change one project and republish, then report the time. */
  edit: boolean;
  /** Measure the first search in chromium. */
  browser: boolean;
  /** Lighthouse scores of the built site's page types (scripts/lighthouse.ts), as figures. */
  lighthouse?: boolean;
  /** Keep the temporary folder (its path is printed). */
  keep: boolean;
  verbose: boolean;
  /** Build as this many shards plus a portal (a province), instead of one site. */
  shards?: number;
}

const NODE = process.execPath;
/**
 * What `npm run build` gives node (package.json): its flags and the script, so that the bench
 * measures the build an editor runs (V8's thread pool is sized there, before anything runs).
 */
const BUILD_ARGS = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { build: string } }).scripts.build.split(/\s+/).slice(1);
const ASTRO = 'node_modules/astro/bin/astro.mjs';

const load = () => `load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
/** The peak of the tree, and each program's own peak: `3788 MiB (node 1520, pagefind_extended 2310)`. */
const peaks = (run: RunResult) => {
  const programs = Object.entries(run.peakByProgram).filter(([, bytes]) => bytes >= 16 * 1024 * 1024);
  return `${mib(run.peakTreeBytes)}${programs.length > 1 ? ` (${programs.map(([name, bytes]) => `${name} ${(bytes / 1024 / 1024).toFixed(0)}`).join(', ')})` : ''}`;
};

/** One figure per line, with the machine's load when it was taken. */
export function figure(name: string, value: string) {
  console.log(`${name.padEnd(46)} ${value}   (${load()})`);
}

/** Runs `npm run lighthouse` over the bench's site and prints one figure per page type and form. */
function lighthouseFigures(dist: string) {
  const run = spawnSync(NODE, ['scripts/lighthouse.ts'], { encoding: 'utf8', env: { ...process.env, GONGKAI_OUT: dist } });
  const rows = run.stdout.trim().split('\n').slice(1).filter(Boolean);
  for (const row of rows) {
    const [type, form, performance, accessibility, bestPractices, seo] = row.split('\t');
    figure(`lighthouse ${type} ${form}`, `performance ${performance} · accessibility ${accessibility} · best practices ${bestPractices} · SEO ${seo}`);
  }
  if (run.status !== 0 || rows.length === 0) figure('lighthouse', `no scores: ${(run.stderr || run.stdout).trim().split('\n')[0] ?? ''}`);
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** A search index's own files, of one index or of every bundle (/pagefind/<bundle>/…). */
const isIndexData = (f: string) => /\/pagefind\/(?:[^/]+\/)?(fragment|index|filter)\/|pagefind-entry\.json$/.test(f);

const size = (list: string[]) => list.reduce((s, f) => s + statSync(f).size, 0);

/**
 * The largest HTML pages of a site, with their gzip size: a page that grows with the whole site
 * (a list of every department, say) shows here first as the corpus grows.
 */
export function largestPages(dir: string, html: string[], count = 3): string {
  const sized = html.map((f) => ({ f, bytes: statSync(f).size })).sort((a, b) => b.bytes - a.bytes);
  return sized
    .slice(0, count)
    .map(({ f, bytes }) => `/${relative(dir, f).replace(/(^|\/)index\.html$/, '$1')} ${kib(bytes)} (${kib(gzipSync(readFileSync(f)).length)} gzip)`)
    .join(' · ');
}

function failed(step: string, run: RunResult): never {
  console.error(`${step} 失败（${run.seconds.toFixed(1)} 秒）：\n${run.output.slice(-4000)}`);
  process.exit(1);
}

/**
 * `npm run build` (scripts/build.ts: the check on a thread beside Astro's build, in one process),
 * measured as a whole; the check's own time and the build's phases come from GONGKAI_PHASES.
 */
async function checkAndBuild(work: string, label: string, verbose: boolean) {
  const env = { GONGKAI_CONTENT: join(work, 'content'), GONGKAI_OUT: join(work, 'dist'), GONGKAI_CACHE: join(work, 'cache'), GONGKAI_PHASES: join(work, 'phases.json') };
  const build = await measure(NODE, BUILD_ARGS, env, { echo: verbose });
  if (!build.ok) failed(`${label}: npm run build`, build);
  const phases = JSON.parse(readFileSync(env.GONGKAI_PHASES, 'utf8')) as BuildPhases & CheckPhase;
  return { build, phases };
}

function printBuild(label: string, r: Awaited<ReturnType<typeof checkAndBuild>>) {
  const p = r.phases;
  figure(`${label} check`, `${p.check} s beside Astro's start; the content loader waited ${p.checkWait} s for it`);
  figure(`${label} phases`, `start-up ${p.startup} s · content sync ${p.contentSync} s · render ${p.render} s · search index ${p.searchIndex} s`);
  figure(`${label} total (npm run build)`, `${r.build.seconds.toFixed(2)} s, peak process tree ${peaks(r.build)}`);
}

/** The project file in the middle of the corpus: the edit the fast-republish figure is about. */
function middleProject(content: string): string {
  const all = readdirSync(join(content, 'projects'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort();
  return join(content, 'projects', all[Math.floor(all.length / 2)]);
}

/** A yardstick: another generator's build of the same files, then Pagefind's CLI over its output. */
interface Yardstick {
  build: RunResult;
  pagefind: RunResult;
  pages: number;
}

/** Runs `build`, which writes the site into `output`, then indexes it with Pagefind's CLI. */
async function yardstick(label: string, output: string, build: () => Promise<RunResult>): Promise<Yardstick> {
  const built = await build();
  if (!built.ok) failed(label, built);
  const pagefind = await measure(resolve('node_modules/.bin/pagefind'), ['--site', output, '--quiet']);
  if (!pagefind.ok) failed(`pagefind (${label} site)`, pagefind);
  return { build: built, pagefind, pages: files(output).filter((f) => f.endsWith('.html')).length };
}

function hugoRun(work: string) {
  const site = join(work, 'hugo');
  writeHugoSite(site, join(work, 'content'));
  return yardstick('hugo', join(site, 'public'), () => measure('hugo', ['--quiet', '--source', site, '--destination', join(site, 'public')]));
}

/** The Hugo yardstick's pages built by Astro out of the box (src/bench/plainAstro.ts). */
function plainAstroRun(work: string) {
  const site = join(work, 'plain-astro');
  writePlainAstroSite(site, join(work, 'content'), resolve('node_modules'));
  return yardstick('plain astro', join(site, 'dist'), () => measure(NODE, [ASTRO, 'build'], { ASTRO_TELEMETRY_DISABLED: '1' }, { cwd: site }));
}

/** Prints a yardstick's figures and its ratio to `ours` (seconds); returns its build + Pagefind seconds. */
function printYardstick(label: string, y: Yardstick, ours: number): number {
  const total = y.build.seconds + y.pagefind.seconds;
  figure(label, `${y.build.seconds.toFixed(2)} s, peak ${mib(y.build.peakTreeBytes)}; ${y.pages} HTML files`);
  figure(`pagefind over the ${label} site`, `${y.pagefind.seconds.toFixed(2)} s, peak ${mib(y.pagefind.peakTreeBytes)}`);
  figure(`ratio gongkai / (${label} + pagefind)`, `${(ours / total).toFixed(2)}× (${ours.toFixed(2)} s / ${total.toFixed(2)} s)`);
  return total;
}

/** Builds one shard as its CI job would and prints its line. */
async function buildShard(job: ShardJob, work: string, label: string, verbose: boolean) {
  const phasesFile = join(work, `phases-${job.index}.json`);
  const run = await measure(NODE, [ASTRO, 'build'], { ...job.env, GONGKAI_PHASES: phasesFile }, { echo: verbose });
  if (!run.ok) failed(`${label} shard ${job.index + 1}`, run);
  const p = JSON.parse(readFileSync(phasesFile, 'utf8')) as BuildPhases;
  figure(
    `${label} shard ${job.index + 1}/${job.total}`,
    `${run.seconds.toFixed(2)} s, peak ${peaks(run)}, ${p.pages} pages (content sync ${p.contentSync} s · render ${p.render} s · search index ${p.searchIndex} s), ${job.regions.length} regions`,
  );
  return run;
}

async function assemble(jobs: ShardJob[], portal: string, label: string) {
  const run = await measure(NODE, ['scripts/province.ts', 'assemble', '--link', '--out', portal, '--cache', join(dirname(portal), 'cache', 'portal'), ...jobs.filter((j) => j.regions.length).map((j) => j.outDir)]);
  if (!run.ok) failed(`${label} portal`, run);
  figure(`${label} portal (copy + search bundles)`, `${run.seconds.toFixed(2)} s, peak ${peaks(run)}: ${run.output.trim().split('\n').at(-1)}`);
  return run;
}

/** A province: the check once, then each shard as its own job, then the portal. */
async function runProvince(o: BenchOptions, work: string, shards: number) {
  const content = join(work, 'content');
  const check = await measure(NODE, ['scripts/check.ts', '--root', work, '--count-warnings'], {}, { echo: o.verbose });
  if (!check.ok) failed('npm run check', check);
  figure('province check (whole corpus)', `${check.seconds.toFixed(2)} s, peak ${mib(check.peakTreeBytes)}`);
  const jobs = Array.from({ length: shards }, (_, i) => shardJob(content, i, shards, join(work, 'shards'), join(work, 'cache')));
  let slowest = 0;
  let peak = 0;
  let sum = 0;
  for (const job of jobs.filter((j) => j.regions.length)) {
    const run = await buildShard(job, work, 'province', o.verbose);
    slowest = Math.max(slowest, run.seconds);
    peak = Math.max(peak, run.peakTreeBytes);
    sum += run.seconds;
  }
  const portal = join(work, 'portal');
  const joined = await assemble(jobs, portal, 'province');
  figure('province shards together', `${sum.toFixed(1)} s one after another; slowest shard ${slowest.toFixed(1)} s; highest job peak ${mib(Math.max(peak, joined.peakTreeBytes, check.peakTreeBytes))}`);
  const out = files(portal);
  figure('portal', `${out.filter((f) => f.endsWith('.html')).length} HTML files, ${mib(size(out))}; search index ${kib(size(out.filter(isIndexData)))}`);
  figure('portal largest HTML pages', largestPages(portal, out.filter((f) => f.endsWith('.html'))));
  const sample = middleProject(content);
  const id = sample.split('/').pop()!.replace(/\.md$/, '');
  if (o.browser) {
    const { firstSearch } = await import('./firstSearch.ts');
    for (const q of ['老年大学', id]) {
      const r = await firstSearch(portal, q);
      figure(`portal first search "${q}"`, `${kib(r.total)} in ${r.requests} requests (${kib(r.index)} Pagefind), ${r.results} results shown, ${r.ms.toFixed(0)} ms`);
    }
  }
  if (o.edit) {
    writeFileSync(sample, readFileSync(sample, 'utf8').replace(/^name: (.*)$/m, 'name: $1（调整）'));
    const region = sample.split('/').at(-3)!;
    const job = jobs.find((j) => j.regions.includes(region))!;
    const start = performance.now();
    const c = await measure(NODE, ['scripts/check.ts', '--root', work, '--count-warnings']);
    if (!c.ok) failed('edit check', c);
    figure('edit check (whole corpus)', `${c.seconds.toFixed(2)} s`);
    await buildShard(job, work, 'edit', o.verbose);
    await assemble(jobs, portal, 'edit');
    const page = readdirSync(portal, { recursive: true, encoding: 'utf8' }).find((f) => f.includes(`/${id}/index.html`));
    const shown = page && readFileSync(join(portal, page), 'utf8').includes('（调整）');
    figure('edit republished (check + its shard + portal)', `${((performance.now() - start) / 1000).toFixed(2)} s (${shown ? 'the new name is on its page' : 'THE NEW NAME IS NOT ON ITS PAGE'})`);
  }
}

export async function runBench(o: BenchOptions): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  try {
    const genStart = performance.now();
    const corpus: CorpusSummary = writeCorpus(join(work, 'content'), { projects: o.projects, regions: o.regions, seed: o.seed });
    figure('corpus', `${corpus.projects} projects, ${corpus.departments} departments, ${corpus.regions} regions, ${corpus.indicatorRows} indicator rows (generated in ${((performance.now() - genStart) / 1000).toFixed(1)} s)`);
    if (o.shards) {
      await runProvince(o, work, o.shards);
      return;
    }

    const full = await checkAndBuild(work, 'gongkai', o.verbose);
    printBuild('gongkai', full);

    const dist = join(work, 'dist');
    const out = files(dist);
    const html = out.filter((f) => f.endsWith('.html'));
    const indexData = out.filter(isIndexData);
    figure('pages written', `${html.length} HTML files`);
    figure('dist bytes', `${mib(size(out))} in ${out.length} files`);
    figure('search index bytes', `${mib(size(indexData))} in ${indexData.length} files (index, fragments, filters)`);
    const sample = middleProject(join(work, 'content'));
    const id = sample.split('/').pop()!.replace(/\.md$/, '');
    const page = html.find((f) => f.includes(`/${id}/`));
    if (page) {
      const body = readFileSync(page);
      figure('project page', `${kib(body.length)} HTML, ${kib(gzipSync(body).length)} gzip, ${kib(brotliCompressSync(body).length)} brotli`);
    }
    const search = join(dist, 'search', 'index.html');
    if (existsSync(search)) figure('/search/ page', `${kib(statSync(search).size)} HTML`);
    figure('largest HTML pages', largestPages(dist, html));

    if (o.browser) {
      const { firstSearch } = await import('./firstSearch.ts');
      for (const q of ['老年大学', id]) {
        const r = await firstSearch(dist, q);
        figure(`first search "${q}"`, `${kib(r.total)} in ${r.requests} requests (${kib(r.index)} Pagefind; ${kib(r.gzip)} gzip on the wire), ${r.results} results shown, ${r.ms.toFixed(0)} ms`);
      }
    }

    if (o.lighthouse) lighthouseFigures(dist);

    const hugo = o.hugo ? printYardstick('hugo', await hugoRun(work), full.build.seconds) : 0;
    if (o.plainAstro) {
      const plain = printYardstick('plain astro', await plainAstroRun(work), full.build.seconds);
      if (hugo) figure('ratio (plain astro + pagefind) / (hugo + pagefind)', `${(plain / hugo).toFixed(2)}× (${plain.toFixed(2)} s / ${hugo.toFixed(2)} s)`);
    }

    if (o.edit) {
      const text = readFileSync(sample, 'utf8');
      writeFileSync(sample, text.replace(/^name: (.*)$/m, 'name: $1（调整）'));
      const again = await checkAndBuild(work, 'edit', o.verbose);
      printBuild('edit', again);
      const edited = page && readFileSync(page, 'utf8').includes('（调整）');
      figure('edit republished', `${again.build.seconds.toFixed(2)} s for one changed project (${edited ? 'the new name is on its page' : 'THE NEW NAME IS NOT ON ITS PAGE'})`);
    }
  } finally {
    if (o.keep) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}
