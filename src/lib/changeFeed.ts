/**
 * The Atom feed of content changes (/feed.xml): one entry per content commit, naming the
 * departments and projects it changed with links to their pages, and one entry per 更正说明,
 * newest first. Built with the `feed` package, which escapes and serialises the XML.
 */
import { Feed } from 'feed';
import { text as escapeHtml } from './html.ts';
import { correctionAnchor, formatChineseDate, kindLabel, type Publishing } from './publishing.ts';

/** Entries in the feed: readers poll it, so the newest few are enough; /changes/ has the rest. */
export const FEED_ENTRIES = 50;

const STATUS_LABEL = { added: '新增', modified: '修改', deleted: '删除' } as const;


interface Entry {
  id: string;
  title: string;
  link: string;
  date: Date;
  content: string;
  author?: string;
  category: string;
}

/** Correction dates are calendar days in China: the entry is dated that day, 00:00 Beijing time. */
const dayInChina = (isoDate: string) => new Date(`${isoDate}T00:00:00+08:00`);

export function changeEntries(publishing: Publishing, site: URL): Entry[] {
  const abs = (path: string) => new URL(path, site).href;
  const commits: Entry[] = publishing.changes.map(({ commit, pages }) => ({
    id: abs(`/changes/#${commit.hash}`),
    title: commit.subject,
    link: abs(`/changes/#${commit.hash}`),
    date: new Date(commit.time),
    author: commit.author,
    category: '内容更新',
    content:
      `<p>${escapeHtml(formatChineseDate(commit.date))}，${pages.length} 个文件：</p><ul>` +
      pages
        .map((p) => {
          const name = p.url ? `<a href="${escapeHtml(abs(p.url))}">${escapeHtml(p.title)}</a>` : escapeHtml(p.title);
          return `<li>${STATUS_LABEL[p.status]}${kindLabel(p.kind)}：${name}</li>`;
        })
        .join('') +
      '</ul>',
  }));
  const corrections: Entry[] = publishing.corrections.map((c) => {
    const anchor = abs(`${c.page.url}#${correctionAnchor(c.number)}`);
    return {
      id: anchor,
      title: `更正说明：${c.page.title}`,
      link: anchor,
      date: dayInChina(c.date),
      category: '更正说明',
      content: `<p>${escapeHtml(formatChineseDate(c.date))} 更正：${escapeHtml(c.reason)}</p><p><a href="${escapeHtml(abs(c.page.url))}">${escapeHtml(c.page.title)}</a></p>`,
    };
  });
  return [...commits, ...corrections].sort((a, b) => b.date.getTime() - a.date.getTime());
}

export function changeFeed(publishing: Publishing, site: URL): string {
  const entries = changeEntries(publishing, site).slice(0, FEED_ENTRIES);
  const feed = new Feed({
    id: new URL('/', site).href,
    title: '公开 · 预算绩效目标：内容更新与更正',
    description: '各部门、各项目预算绩效目标的发布、修改和更正记录',
    link: new URL('/changes/', site).href,
    language: 'zh-CN',
    // Deterministic output: the newest entry's date, not the build time.
    updated: entries[0]?.date ?? new Date(0),
    feedLinks: { atom: new URL('/feed.xml', site).href },
    copyright: '数据来自各单位公开的预算绩效目标文件',
    generator: 'Gongkai',
    // Atom wants an author for every entry: corrections have none of their own.
    author: { name: '公开 · 预算绩效目标' },
  });
  for (const e of entries) {
    feed.addItem({
      id: e.id,
      title: e.title,
      link: e.link,
      date: e.date,
      content: e.content,
      author: e.author ? [{ name: e.author }] : undefined,
      category: [{ name: e.category, term: e.category }],
    });
  }
  return feed.atom1();
}
