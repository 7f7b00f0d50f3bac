// npm run ci-report -- github|gitlab <check-report.json>
// Turns the JSON that `npm run check -- --json FILE` wrote into what the CI platform shows at
// file and line: GitHub annotations (printed), or GitLab's code quality and JUnit reports (files).
import { readFileSync, writeFileSync } from 'node:fs';
import { CODE_QUALITY_REPORT, githubAnnotations, gitlabCodeQuality, JUNIT_REPORT, junitReport } from '../src/lib/ciReport.ts';
import type { CheckResult } from '../src/check/index.ts';

const [platform, file] = process.argv.slice(2);
let result: CheckResult | null = null;
try {
  result = JSON.parse(readFileSync(file ?? '', 'utf8')) as CheckResult;
} catch {
  console.error(`读不到检查结果 ${file ?? '（未给出）'}：先运行 npm run check -- --json check-report.json`);
  process.exitCode = 1;
}
if (result && platform === 'github') {
  for (const line of githubAnnotations(result.problems)) console.log(line);
} else if (result && platform === 'gitlab') {
  writeFileSync(CODE_QUALITY_REPORT, JSON.stringify(gitlabCodeQuality(result.problems), null, 2));
  writeFileSync(JUNIT_REPORT, junitReport(result.problems, result.files));
  console.log(`写出 ${CODE_QUALITY_REPORT} 和 ${JUNIT_REPORT}（${result.errors} 个错误，${result.warnings} 个警告）`);
} else if (result) {
  console.error(`不认识的平台 ${platform ?? '（未给出）'}：用 github 或 gitlab`);
  process.exitCode = 1;
}
