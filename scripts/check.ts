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

const USAGE = [
  '用法：npm run check -- [选项]',
  '  --verbose          逐条列出每个警告（默认按规则汇总）',
  '  --json 文件        把全部错误和警告写入 JSON 文件',
  '  --since 提交       已发布数字自该 git 提交（例如 origin/main）以来有改动的，要求附更正说明',
  '  --root 文件夹      含 content/ 的项目文件夹（默认当前文件夹）',
  '  --no-cache         重新读取每个文件，不用上次检查存下的结果',
  '  --threads N        读取和解析文件用的线程数（1：只用一个线程）',
  '  --debug            出错时附上程序的调用栈（给开发者看）',
].join('\n');

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
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

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
