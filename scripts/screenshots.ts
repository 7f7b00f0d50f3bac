// npm run screenshots: PNGs of every page type of the built site at 1280 and 375 px, the
// reader-facing pages in large text (大字) on a phone, and a project page printed on A4.
// Writes .cache/screenshots/; run `npm run build` first.
import { existsSync } from 'node:fs';
import { launch, serveDist } from '../src/audit/browser.ts';
import { clearShots, hasChineseFont, takeScreenshots } from '../src/audit/shots.ts';

const DIST = process.env.GONGKAI_OUT ?? 'dist';
const OUT = '.cache/screenshots';

if (!existsSync(`${DIST}/index.html`)) {
  console.error(`${DIST}/index.html 不存在：先运行 npm run build，再运行 npm run screenshots。`);
  process.exitCode = 1;
} else {
  if (!hasChineseFont()) console.warn('没有找到中文字体，截图里的汉字会显示成方框：apt-get install -y fonts-wqy-microhei（或 fonts-noto-cjk）');
  clearShots(OUT);
  const { server, origin } = await serveDist(DIST);
  const browser = await launch();
  try {
    const files = await takeScreenshots(browser, origin, DIST, OUT);
    for (const f of files) console.log(f);
    console.log(`${files.length} 个文件写入 ${OUT}/`);
  } finally {
    await browser.close();
    server.close();
  }
}
