// npm run build [-- --verbose]: checks content/ and builds the site into dist/ with its search index,
// in one process: the check runs on a second thread while Astro starts (src/build/run.ts).
// On a check error the report is all that is printed, nothing is written, and the exit code is 1.
// GONGKAI_CONTENT, GONGKAI_OUT, GONGKAI_CACHE and GONGKAI_PHASES work as for `astro build`.
import { parseArgs } from 'node:util';
import { cacheCompiledModules } from '../src/build/compileCache.ts';
import { avoidHugePageZeroing } from '../src/build/nativeMemory.ts';

// Everything else (our modules, Astro, Vite and the rest) is imported from here on: compiled once,
// then read from the cache.
cacheCompiledModules();
avoidHugePageZeroing();
const { CHECK_REFUSED } = await import('../src/problems.ts');
const { checkAndBuild } = await import('../src/build/run.ts');
const { runCli } = await import('../src/cli.ts');

async function main() {
  const { values } = parseArgs({
    options: {
      verbose: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
    },
  });
  const end = await checkAndBuild({ verbose: values.verbose! }, ({ report }) => console.log(report));
  if (end.ok) return 0;
  console.error(CHECK_REFUSED);
  // The build started beside the check is waiting at its content loader: end it here rather than
  // let it unwind (it has written nothing, and would only print an error the editor need not read).
  process.exit(1);
}

await runCli(main, { hint: '按上面的提示修改后再运行 npm run build' });
