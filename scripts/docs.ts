// npm run docs: rewrites the generated parts of docs/编辑指南.md (field reference, quality warnings).
import { readFileSync, writeFileSync } from 'node:fs';
import { GUIDE, regenerateGuide } from '../src/lib/guide.ts';

const before = readFileSync(GUIDE, 'utf8');
const after = regenerateGuide(before);
if (after === before) console.log(`${GUIDE} 的生成部分已是最新。`);
else {
  writeFileSync(GUIDE, after);
  console.log(`已更新 ${GUIDE}；请把它和 schema 或质量规则的改动一起提交。`);
}
