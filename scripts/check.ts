// npm run check: validates content/ with the build's schemas; exit code 1 on any error.
// Errors are always listed in full; warnings are summarised per rule unless --verbose.
// What each file gave is kept in the cache folder (src/check/cache.ts): a file whose bytes have not
// changed is not parsed again; --no-cache parses every file. A large corpus is read and parsed on
// every core (src/check/parallel.ts); --threads 1 does it all in one thread, with the same result.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCheck } from '../src/check/run.ts';
import { CHECK_REFUSED } from '../src/problems.ts';
import { CliError, runCli } from '../src/cli.ts';

async function main() {
  const { values } = parseArgs({
    options: {
      debug: { type: 'boolean', default: false },
      root: { type: 'string', default: '.' },
      json: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      // A git ref (e.g. origin/main): published numbers changed since then need a correction entry.
      since: { type: 'string' },
      // Kept for scripts that still pass it: warnings are summarised by default now.
      'count-warnings': { type: 'boolean', default: false },
      // Read and parse every file, ignoring what earlier runs stored (the store is still refreshed).
      'no-cache': { type: 'boolean', default: false },
      // Threads that read and parse the files, this one included (default: one per core for a
      // corpus large enough to gain; 1: this thread alone).
      threads: { type: 'string' },
    },
  });

  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new CliError(`--threads 应为正整数，收到的是 ${values.threads}`, '例如 --threads 1（只用一个线程）');
  const { result, report } = await runCheck({ root: values.root!, verbose: values.verbose!, noCache: values['no-cache'], threads, since: values.since });
  console.log(report);
  if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
  if (result.errors > 0) {
    console.error(CHECK_REFUSED);
    return 1;
  }
  return 0;
}

// Bad arguments or an unreadable folder end in one line with the fix; the stack only with --debug.
await runCli(main, { hint: '确认 --root 指向含 content/ 文件夹的项目目录' });
