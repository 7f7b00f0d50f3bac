// npm run bench -- --projects N [--regions R] [--seed S] [--hugo] [--plain-astro] [--edit] [--lighthouse] [--shards K] [--no-browser] [--keep] [--verbose]
// Generates a synthetic corpus in the seeds' shape into a temporary folder, checks and builds it,
// and prints one line per figure (time per phase, peak memory of the process tree, pages, bytes,
// the first search's download). With --hugo it also times Hugo + Pagefind on the same files,
// with --plain-astro a plain Astro site of the same pages as Hugo's + Pagefind (src/bench/plainAstro.ts);
// with --edit it changes one project and times the republish; with --lighthouse it prints the
// Lighthouse scores of home, department, project and search pages (mobile and desktop); with --shards K it builds the corpus as
// a province of K shard jobs (one after another here, in parallel on CI) plus the portal.
// Figures, never assertions.
import { parseArgs } from 'node:util';
import { runBench } from '../src/bench/bench.ts';
import { CliError, runCli } from '../src/cli.ts';

const USAGE = '用法：npm run bench -- --projects N [--regions R] [--seed S] [--hugo] [--plain-astro] [--edit] [--lighthouse] [--shards K] [--no-browser] [--keep] [--verbose]';

async function main() {
  const { values } = parseArgs({
    options: {
      projects: { type: 'string', default: '1000' },
      regions: { type: 'string' },
      seed: { type: 'string', default: '1' },
      hugo: { type: 'boolean', default: false },
      'plain-astro': { type: 'boolean', default: false },
      edit: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      lighthouse: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      shards: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const whole = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} 应为正整数，收到的是 ${v}`, `例如 --${name} 1000`);
    return n;
  };
  await runBench({
    projects: whole('projects', values.projects)!,
    regions: whole('regions', values.regions),
    seed: whole('seed', values.seed),
    hugo: values.hugo!,
    plainAstro: values['plain-astro']!,
    edit: values.edit!,
    browser: !values['no-browser'],
    lighthouse: values.lighthouse!,
    keep: values.keep!,
    verbose: values.verbose!,
    shards: whole('shards', values.shards),
  });
}

// A misspelt option ends in one line with the usage, not a stack trace.
await runCli(main, { hint: USAGE });
