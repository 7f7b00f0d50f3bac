// npm run docs: rewrites the field reference in docs/编辑指南.md from the schemas (src/schemas).
import { readFileSync, writeFileSync } from 'node:fs';
import { GUIDE, collectFieldDocs, renderFieldReference, replaceReference } from '../src/lib/fieldDocs.ts';

const before = readFileSync(GUIDE, 'utf8');
const after = replaceReference(before, renderFieldReference(collectFieldDocs()));
if (after === before) console.log(`${GUIDE} 的字段说明已是最新。`);
else {
  writeFileSync(GUIDE, after);
  console.log(`已更新 ${GUIDE} 的字段说明；请把它和 schema 的改动一起提交。`);
}
