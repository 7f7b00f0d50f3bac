// npm run import -- <file: .txt .csv .html .md .json .docx .xlsx .pdf .doc .xls .wps> [--out content/] [--region CODE] [--year YYYY] [--slug KEY] [--unit-name 名称] [--dry-run] [--force] [--allow-unplaced] [--debug]
import { parseArgs } from 'node:util';
import { importFile } from '../src/importer/formats.ts';
import { planFiles, writeFiles } from '../src/importer/write.ts';
import { formatImportReport } from '../src/importer/report.ts';
import { CliError, runCli } from '../src/cli.ts';
import { roundTripProblems } from '../src/check/roundTrip.ts';
import { formatProblem } from '../src/problems.ts';

const parse = () =>
  parseArgs({
    allowPositionals: true,
    options: {
      debug: { type: 'boolean', default: false },
      out: { type: 'string', default: 'content' },
      region: { type: 'string' },
      year: { type: 'string' },
      slug: { type: 'string' },
      'unit-name': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'allow-unplaced': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });

async function main(): Promise<number> {
  const { values, positionals } = parse();
  const file = positionals[0];
  if (!file) throw new CliError('没有给出要导入的文件', '用法：npm run import -- <文件> [--out content/] [--region 代码] [--year 年度] [--slug 简称] [--unit-name 单位名称] [--dry-run] [--force]');
  const options = {
    fileName: file,
    region: values.region,
    year: values.year ? Number(values.year) : undefined,
    slug: values.slug,
    unitName: values['unit-name'],
  };
  const result = await importFile(file, options);
  const files = planFiles(result, values.out!);
  console.log(formatImportReport(file, result));
  // Read back what would be written, as the check and the build will read it.
  const unreadable = roundTripProblems(values.out!, files);
  if (unreadable.length) {
    for (const p of unreadable) console.error(formatProblem(p));
    console.error('\n没有写入任何文件：导入结果过不了内容检查。按上面的提示修正原文（或补全参数）后重新导入。');
    return 1;
  }
  if (result.report.errors.length) {
    console.error('\n没有写入任何文件。按上面的提示补全参数或修正原文后重新导入。');
    return 1;
  }
  if (result.report.unplaced.length && !values['allow-unplaced'] && !values['dry-run']) {
    console.error(
      `\n有 ${result.report.unplaced.length} 行未能识别，没有写入任何文件：它们可能是漏读的指标或金额。` +
        '核对原文后修正这些行重新导入；确认它们不是内容（页码、印章等）时加 --allow-unplaced。',
    );
    return 1;
  }
  const blocked = files.filter((f) => f.exists && !values.force);
  for (const f of files) console.log(`${values['dry-run'] ? '将写入' : '写入'} ${f.path}${f.exists ? '（已存在）' : ''}`);
  if (values['dry-run']) return 0;
  if (blocked.length) {
    console.error(`\n${blocked.length} 个文件已存在，没有写入任何文件。确认要覆盖时加 --force。`);
    return 1;
  }
  writeFiles(files);
  return 0;
}

// Errors end in one line with the file and the fix; the stack only with --debug.
await runCli(main, {
  hint: '核对这个文件是完整的 Word、Excel、PDF 文件或文本导出',
  file: () => process.argv.slice(2).find((a) => !a.startsWith('-')),
});
