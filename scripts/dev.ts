// npm run dev: the live preview (astro dev) and, in the same terminal, the editors' check each
// time a content file is saved. Arguments after -- go to astro dev (e.g. --host, --port 4322).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { checkReport, watchContent, type DevReport } from '../src/lib/devCheck.ts';

// The preview and the check read the same folder: GONGKAI_CONTENT (default ./content).
const content = resolve(process.env.GONGKAI_CONTENT ?? 'content');
const root = resolve(content, '..');

function print(r: DevReport) {
  const when = new Date().toLocaleTimeString('zh-CN', { hour12: false });
  const what = r.changed.length ? `保存了 ${r.changed.join('、')}` : '启动预览';
  console.log(`\n[检查 ${when}] ${what}`);
  console.log(r.text);
  console.log(r.errors ? '[检查] 有错误：按提示修改并保存，这里会重新检查。有错误时网站不会发布。' : '[检查] 没有错误，可以提交。');
}

const astro = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, GONGKAI_CONTENT: content } });
print(await checkReport(root));
const stop = watchContent(root, print);
const quit = () => {
  stop();
  astro.kill('SIGINT');
};
process.on('SIGINT', quit);
process.on('SIGTERM', quit);
astro.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});
