/**
 * Chinese search in wording that is neither the seeds' nor the bench's: a county's road, elderly
 * meal and library projects (tests/fixtures/search-wording), searched as a citizen would type it:
 * whole phrases, single words, the start or the middle of a word, a project code.
 *
 * The browser splits a query into words with its own dictionary (ICU), which cuts many words
 * into single characters (养护 → 养|护); Pagefind's index holds its own words and every pair of
 * neighbouring characters, so a query finds a page whichever way the two split it. Splitting the
 * pages' text into the browser's words before indexing would drop those pairs: 书馆 and 身设施
 * below then find nothing, or the wrong project first.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { useBrowserPage } from './helpers/browser.ts';
import { buildSite } from './helpers/buildSite.ts';

const OUT = '.cache/search-wording';
const ROADS = '城区道路养护及桥梁维修经费';
const OLD_ROADS = '老旧小区道路改造工程';
const MEALS = '社区老年人助餐服务补助';
const CARE = '居家养老服务中心运营经费';
const LIBRARY = '公共图书馆借阅服务运行经费';
const FITNESS = '全民健身设施维护更新';

beforeAll(() => {
  buildSite({ GONGKAI_CONTENT: 'tests/fixtures/search-wording/content', GONGKAI_OUT: OUT }, { check: false });
});
const browser = useBrowserPage(OUT);

async function search(q: string) {
  const { page, origin } = browser;
  await page.goto(`${origin}/search/?${new URLSearchParams({ q })}`);
  await page.waitForSelector('body[data-search-done]');
  const hits = await page.$$eval('#best-bets-list:not([hidden]) li, #results li', (items) =>
    items.map((li) => ({ title: li.querySelector('h2 a')!.textContent!, excerpt: li.querySelector('.excerpt')!.textContent! })),
  );
  return { status: (await page.textContent('#status')) ?? '', hits };
}

describe('a query finds its project first', () => {
  test.each([
    // Whole phrases, as the page prints them.
    ['道路养护', ROADS],
    ['老年人助餐', MEALS],
    ['图书馆借阅', LIBRARY],
    // A word the dictionary splits (养|护, 助|餐, 借|阅), and words in another order or with a space.
    ['养护', ROADS],
    ['助餐', MEALS],
    ['借阅', LIBRARY],
    ['老年人 助餐', MEALS],
    ['借阅图书', LIBRARY],
    ['长者食堂', MEALS],
    ['桥梁检测', ROADS],
    ['沥青罩面', OLD_ROADS],
    ['日间照料', CARE],
    ['健身器材', FITNESS],
    // The start or the middle of a word: 图书 of 图书馆, 居家养 of 居家养老, 书馆, 身设施 of 健身设施.
    ['图书', LIBRARY],
    ['居家养', CARE],
    ['书馆', LIBRARY],
    ['身设施', FITNESS],
    // A project code.
    ['33010625P0MZ000001', MEALS],
    ['33010625P0WH000002', FITNESS],
  ])('%s', async (q, title) => {
    const { hits } = await search(q);
    const projects = hits.filter((h) => !h.title.endsWith('年）'));
    expect(projects[0]?.title, hits.map((h) => h.title).join(' / ')).toBe(title);
  });
});

test('a phrase shared by two projects finds both', async () => {
  const { hits } = await search('道路');
  expect(hits.map((h) => h.title)).toEqual(expect.arrayContaining([ROADS, OLD_ROADS]));
});

test('the start of a code finds the projects whose codes start so, and no other', async () => {
  const { hits } = await search('33010625P0WH');
  expect(hits.map((h) => h.title).filter((t) => !t.endsWith('年）')).sort()).toEqual([FITNESS, LIBRARY].sort());
});

test('words that are on no page find nothing', async () => {
  const { status, hits } = await search('航天飞机');
  expect(hits).toHaveLength(0);
  expect(status).toContain('没有找到');
});

test('excerpts read as the page prints them, without the marks that split words', async () => {
  const { hits } = await search('道路养护');
  const excerpt = hits.find((h) => h.title === ROADS)!.excerpt;
  expect(excerpt).toContain('道路');
  expect(excerpt).not.toMatch(/\u200b/);
  expect(excerpt).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
});
