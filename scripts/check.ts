// npm run check: validates content/ with the build's schemas; exit code 1 on any error.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkContent, formatProblems } from '../src/check/index.ts';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    json: { type: 'string' },
    // The build prints errors in full but only counts warnings; `npm run check` shows them all.
    'count-warnings': { type: 'boolean', default: false },
  },
});

const result = checkContent(values.root!);
const shown = values['count-warnings'] ? { ...result, problems: result.problems.filter((p) => p.severity === 'error') } : result;
console.log(formatProblems(shown));
if (values.json) writeFileSync(values.json, JSON.stringify(result, null, 2));
if (result.errors > 0) {
  console.error('\n有错误，网站没有构建。按每条“提示”修改上面列出的文件后，再运行 npm run check。');
  process.exitCode = 1;
}
