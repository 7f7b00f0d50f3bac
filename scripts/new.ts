// npm run new -- department --region <code> --year <yyyy> [--unit <单位编码> | --slug <简称>]
// npm run new -- project --department <region/year/key> [--code <项目编码>]
// Writes a skeleton that `npm run check` explains field by field until it is filled in.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { departmentSkeleton, projectSkeleton, type SkeletonResult } from '../src/lib/skeleton.ts';

const USAGE = `用法：
  npm run new -- department --region 130229 --year 2026 [--unit 287001 | --slug qwlgj]
  npm run new -- project --department 130229/2026/287001 [--code 13022926P00XXXXXXX]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    root: { type: 'string', default: '.' },
    region: { type: 'string' },
    year: { type: 'string' },
    unit: { type: 'string' },
    slug: { type: 'string' },
    department: { type: 'string' },
    code: { type: 'string' },
  },
  strict: false,
});
const root = String(values.root);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

let result: SkeletonResult;
if (positionals[0] === 'department' && str(values.region) && str(values.year)) {
  result = departmentSkeleton(root, { region: str(values.region)!, year: Number(values.year), unit: str(values.unit), slug: str(values.slug) });
} else if (positionals[0] === 'project' && str(values.department)) {
  result = projectSkeleton(root, { department: str(values.department)!, code: str(values.code) });
} else {
  result = { ok: false, message: '缺少参数', hint: USAGE };
}

if (!result.ok) {
  console.error(`没有写入任何文件：${result.message}\n提示：${result.hint}`);
  process.exitCode = 1;
} else {
  for (const f of result.files) {
    mkdirSync(dirname(join(root, f.file)), { recursive: true });
    writeFileSync(join(root, f.file), f.text);
    console.log(`${f.replaces === undefined ? '新建' : '修改'} ${f.file}`);
  }
  console.log('\n下一步：');
  result.next.forEach((step, i) => console.log(`  ${i + 1}. ${step}`));
}
