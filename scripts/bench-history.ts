// npm run bench:history -- [--files 100000] [--commits 200]
// Times the build's one read of the content's git history (src/lib/history.ts) on a generated
// repository: `--files` content files added in a first commit, then `--commits` commits that
// each change 1% of them. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readContentHistory } from '../src/lib/history.ts';

const { values } = parseArgs({ options: { files: { type: 'string', default: '100000' }, commits: { type: 'string', default: '200' } } });
const files = Number(values.files);
const commits = Number(values.commits);
const dir = mkdtempSync(join(tmpdir(), 'gongkai-history-bench-'));

// git fast-import writes the whole history in one process, far faster than files and commits.
const path = (i: number) => `content/projects/130229/2023/P${String(i).padStart(7, '0')}.md`;
const blob = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
let stream = '';
const when = (n: number) => 1_700_000_000 + n * 3600;
stream += `commit refs/heads/main\ncommitter 编辑 <editor@example.gov.cn> ${when(0)} +0800\n${blob('导入')}`;
for (let i = 0; i < files; i++) stream += `M 100644 inline ${path(i)}\n${blob(`---\nid: P${i}\ntotal: "1.00"\n---\n`)}`;
for (let c = 1; c <= commits; c++) {
  stream += `commit refs/heads/main\ncommitter 编辑 <editor@example.gov.cn> ${when(c)} +0800\n${blob(`修改 ${c}`)}`;
  for (let k = 0; k < Math.max(1, Math.floor(files / 100)); k++) {
    const i = (c * 7919 + k * 104729) % files;
    stream += `M 100644 inline ${path(i)}\n${blob(`---\nid: P${i}\ntotal: "${c}.00"\n---\n`)}`;
  }
}
spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: stream, maxBuffer: 1 << 30 });
if (imported.status !== 0) {
  console.error(`git fast-import 失败：${imported.stderr}`);
  process.exitCode = 1;
} else {
  spawnSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  const runs: number[] = [];
  let result = readContentHistory(join(dir, 'content'));
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    result = readContentHistory(join(dir, 'content'));
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`content files: ${files}, commits: ${commits + 1}, files with a known date: ${result.lastChange.size}`);
  console.log(`history read (one git rev-parse + one git log): median ${runs[1].toFixed(0)} ms, min ${runs[0].toFixed(0)} ms, max ${runs[2].toFixed(0)} ms over 3 runs`);
  console.log(`heap used after the read: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
rmSync(dir, { recursive: true, force: true });
