// npm run lighthouse: Lighthouse scores (performance, accessibility, best practices, SEO) of
// the built site's home, department, project and search pages, as a phone and as a desktop,
// served with gzip as a production host would. Figures, not a test. Run `npm run build` first.
import { existsSync } from 'node:fs';
import { serveDist } from '../src/audit/browser.ts';
import { CATEGORIES, scoreAll } from '../src/audit/lighthouse.ts';
import { shotUrls } from '../src/audit/shots.ts';

const DIST = process.env.GONGKAI_OUT ?? 'dist';
const TYPES = ['home', 'department', 'project', 'search'];

if (!existsSync(`${DIST}/index.html`)) {
  console.error(`${DIST}/index.html 不存在：先运行 npm run build，再运行 npm run lighthouse。`);
  process.exitCode = 1;
} else {
  const { server, origin } = await serveDist(DIST, { gzip: true });
  try {
    const pages = shotUrls(DIST).filter(([t]) => TYPES.includes(t));
    const results = await scoreAll(pages.map(([, url]) => origin + url));
    console.log(['page', 'form', ...CATEGORIES, 'url'].join('\t'));
    for (const r of results) {
      const [type, url] = pages.find(([, u]) => origin + u === r.url)!;
      console.log([type, r.form, ...CATEGORIES.map((c) => r.scores[c]), url].join('\t'));
    }
  } finally {
    server.close();
  }
}
