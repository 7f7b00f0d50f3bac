/**
 * Search as a citizen uses it, in a real browser against the built site: real queries land
 * on the right projects, filters narrow, sorting orders by amount, links open the page.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launch, serveDist } from './helpers/browser.ts';
import { toFen } from '../src/lib/money.ts';
import { loadDepartments } from './helpers/content.ts';
import { departmentUrl, yearUrl } from '../src/lib/site.ts';

let server: Server;
let origin: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ server, origin } = await serveDist());
  browser = await launch();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

interface Hit {
  title: string;
  type: string;
  meta: string;
  href: string;
  excerptHtml: string;
}

async function search(params: Record<string, string>): Promise<{ status: string; hits: Hit[] }> {
  await page.goto(`${origin}/search/?${new URLSearchParams(params)}`);
  await page.waitForSelector('body[data-search-done]');
  // Departments whose name the query names come first, then the ranked results.
  const hits = await page.$$eval('#best-bets-list:not([hidden]) li, #results li', (items) =>
    items.map((li) => ({
      title: li.querySelector('h2 a')!.textContent!,
      type: li.querySelector('.badge')!.textContent!,
      meta: li.querySelector('.result-meta')!.textContent!,
      href: li.querySelector('h2 a')!.getAttribute('href')!,
      excerptHtml: li.querySelector('.excerpt')!.innerHTML,
    })),
  );
  return { status: (await page.textContent('#status')) ?? '', hits };
}

const top5 = (hits: Hit[]) => hits.slice(0, 5).map((h) => h.title);

describe('real queries find the right projects in the top five', () => {
  test.each([
    ['老年大学', ['老年大学、关心下一代经费', '2022 年度老年大学工作经费县级资金', '老干部活动中心及老年大学经']],
    ['关心下一代', ['关心下一代工作经费', '老年大学、关心下一代经费']],
    ['帮扶', ['特困离退休干部帮扶资金', '困难离退休干部帮扶资金', '2022 年度特困帮扶项目县级资金']],
    ['驻村', ['驻村工作队经费', '冀财行【2024】101号省级下沉工作队综合经费']],
    ['村干部', ['保障重点项目—村干部基本报酬', '保障必要支出—正常离任村干部生活补贴']],
    ['残疾人', ['残疾人保障金']],
    ['选调生', ['冀财行【2024】85号2025年下派选调生到村工作中央补助资金']],
    ['健康体检', ['老干部活动费、健康体检及健康疗养费等']],
    ['党员教育', ['党员教育']],
    ['中共正定县委老干部局本级', ['中共正定县委老干部局本级（2022 年）']],
    ['区委老干局', ['区委老干局（2024 年）']],
    ['13022923P00JXC415588T', ['老年大学、关心下一代经费']],
    ['13012322P00258110508R', ['2022 年度关工委和老促会工作经费县级资金']],
    ['287-0601-JBN-3DQQ', ['关心下一代工作经费']],
    // The code as the PDF printed it, with its wrap space; and the start of a code.
    ['13012322P00258110508 R', ['2022 年度关工委和老促会工作经费县级资金']],
    ['13022925P000161', ['保障必要支出—村党组织活动经费', '保障重点项目—村干部基本报酬']],
  ])('%s', async (q, expected) => {
    const { hits } = await search({ q });
    expect(top5(hits)).toEqual(expect.arrayContaining(expected));
  });

  test('a full project code puts that project first', async () => {
    const { hits } = await search({ q: '13022925P00016110005C' });
    expect(hits[0].title).toBe('保障必要支出—村党组织活动经费');
    expect(hits[0].meta).toContain('编码 13022925P00016110005C');
  });

  test('a name match outranks a passing mention, and results are labelled', async () => {
    const { hits } = await search({ q: '残疾人' });
    expect(hits[0]).toMatchObject({ title: '残疾人保障金', type: '项目' });
    expect(hits.some((h) => h.type === '部门')).toBe(true);
  });
});

describe('results show what a citizen needs', () => {
  test('name, department, region, year, amount with unit, and highlighted excerpt', async () => {
    const { hits } = await search({ q: '驻村' });
    const hit = hits.find((h) => h.title === '驻村工作队经费')!;
    expect(hit.meta).toBe('中国共产党玉田县委员会组织部本级 · 河北省唐山市玉田县 · 2025 年 · 预算 1,760,000.00 元 · 编码 13022925P000162100027');
    // Pagefind marks each indexed word; the marked words read 驻村.
    expect(hit.excerptHtml).toMatch(/<mark>驻<\/mark><mark>村<\/mark>|<mark>驻村<\/mark>/);
  });
});

describe('filters, sorting and edge cases', () => {
  test('a region filter narrows the results to that region', async () => {
    const all = await search({ q: '老年大学' });
    const filtered = await search({ q: '老年大学', region: '河北省唐山市玉田县' });
    expect(filtered.hits.length).toBeGreaterThan(0);
    expect(filtered.hits.length).toBeLessThan(all.hits.length);
    for (const h of filtered.hits) expect(h.meta).toContain('河北省唐山市玉田县');
  });

  test('year, department and type filters narrow too', async () => {
    const years = await search({ q: '帮扶', year: '2024' });
    for (const h of years.hits) expect(h.meta).toContain('2024 年');
    const types = await search({ q: '帮扶', type: '部门' });
    expect(types.hits.length).toBeGreaterThan(0);
    for (const h of types.hits) expect(h.type).toBe('部门');
    const dept = await search({ q: '经费', department: '区委老干局' });
    expect(dept.hits.length).toBeGreaterThan(0);
    for (const h of dept.hits) expect(h.meta).toContain('重庆市长寿区');
    const all = await search({ department: '区委老干局', type: '项目' });
    expect(all.hits).toHaveLength(9);
  });

  test('filters alone, without words, list everything that matches', async () => {
    const { hits } = await search({ department: '中共正定县委老干部局本级', type: '项目' });
    expect(hits.map((h) => h.title).sort()).toHaveLength(4);
  });

  test('sorting by amount orders across 元 and 万元', async () => {
    const { hits } = await search({ q: '经费', sort: 'amount-desc' });
    const fen = hits.map((h) => {
      const m = /预算 ([\d,.]+) (万元|元)/.exec(h.meta)!;
      return toFen(m[1].replace(/,/g, ''), m[2] as '元' | '万元')!;
    });
    expect(fen.length).toBeGreaterThan(5);
    for (let i = 1; i < fen.length; i++) expect(fen[i] <= fen[i - 1]).toBe(true);
  });

  test('an empty query asks for words', async () => {
    const { status, hits } = await search({});
    expect(status).toBe('请输入关键词，或选择地区、年度、部门后搜索。');
    expect(hits).toHaveLength(0);
  });

  test('a query with no match says so', async () => {
    const { status, hits } = await search({ q: '航天飞机' });
    expect(status).toContain('没有找到与“航天飞机”相符的项目或部门');
    expect(hits).toHaveLength(0);
  });

  test('the query and filters stay in the URL and the form', async () => {
    await search({ q: '驻村', year: '2025' });
    expect(await page.inputValue('#q')).toBe('驻村');
    expect(await page.inputValue('#year')).toBe('2025');
  });
});

test('searching logs no errors and no Content-Security-Policy violations', async () => {
  const errors: string[] = [];
  const onConsole = (m: { type: () => string; text: () => string }) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  };
  const onError = (e: Error) => errors.push(e.message);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  await search({ q: '老年大学', region: '河北省唐山市玉田县', sort: 'amount-desc' });
  page.off('console', onConsole);
  page.off('pageerror', onError);
  expect(errors).toEqual([]);
});

describe('navigation', () => {
  test('a result link opens the right page', async () => {
    await search({ q: '13022923P00JXC415588T' });
    await page.click('#results li:first-child h2 a');
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/130229/2023/287001/13022923P00JXC415588T/');
    expect(await page.textContent('h1')).toBe('老年大学、关心下一代经费');
  });

  test("a year's page links to search listing that year's department documents", async () => {
    const year = Math.max(...loadDepartments().map((d) => d.year));
    await page.goto(`${origin}${yearUrl(year)}`);
    await page.click('a.year-search');
    await page.waitForSelector('body[data-search-done]');
    const own = loadDepartments().filter((d) => d.year === year).map((d) => departmentUrl(d));
    const hrefs = await page.$$eval('#results li h2 a', (links) => links.map((a) => new URL(a.getAttribute('href')!, location.href).pathname));
    expect(await page.textContent('#status')).toContain(`找到 ${own.length} 个结果`);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(own).toContain(href);
    expect(await page.inputValue('#year')).toBe(String(year));
  });

  test('the header search box works from any page by keyboard', async () => {
    await page.goto(`${origin}/130304/2020/287002/`);
    await page.focus('#header-q');
    await page.keyboard.type('帮扶');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-search-done]');
    expect(new URL(page.url()).searchParams.get('q')).toBe('帮扶');
    expect(await page.$$eval('#results li', (l) => l.length)).toBeGreaterThan(0);
    // Every form control has a label.
    const unlabelled = await page.$$eval('input, select', (els) => els.filter((el) => !el.closest('label') && !document.querySelector(`label[for="${el.id}"]`)).length);
    expect(unlabelled).toBe(0);
  });

  test('without JavaScript the search page says so and points to the browse pages', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${origin}/search/?q=驻村`);
    const text = await p.textContent('noscript');
    expect(text).toContain('检索需要浏览器启用 JavaScript');
    await context.close();
  });
});

describe('the search page as citizens meet it', () => {
  test('a query that matches only single characters of a longer query finds nothing and suggests shorter words', async () => {
    const { status, hits } = await search({ q: 'xqzvkw无此词' });
    expect(hits).toHaveLength(0);
    expect(status).toContain('没有找到与“xqzvkw无此词”相符的项目或部门');
    expect(status).toContain('更短的词');
  });

  test('the status says how many are shown; 显示更多结果 moves focus to the first new result', async () => {
    const { status, hits } = await search({ q: '经费' });
    const total = Number(/找到 (\d+) 个结果/.exec(status)?.[1]);
    expect(total).toBeGreaterThan(hits.length);
    expect(status).toContain(`显示前 ${hits.length} 个`);
    let shown = hits.length;
    while (await page.isVisible('#more')) {
      await page.click('#more');
      await page.waitForFunction((n) => document.querySelectorAll('#results li').length > n, shown);
      const focused = await page.evaluate(() => document.activeElement?.closest('li')?.querySelector('h2 a')?.textContent ?? null);
      const firstNew = await page.$$eval('#results li h2 a', (links, n) => links[n]?.textContent ?? null, shown);
      expect(focused).toBe(firstNew);
      shown = await page.$$eval('#results li', (l) => l.length);
      expect(await page.textContent('#status')).toContain(`显示前 ${shown} 个`);
    }
    expect(shown).toBe(total);
    // The button is gone and focus stayed on a result, not on <body>.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
  });

  test('results arrive without moving what is on screen (cumulative layout shift under 0.1)', async () => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.addInitScript(() => {
        (window as unknown as { cls: number }).cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
            if (!e.hadRecentInput) (window as unknown as { cls: number }).cls += e.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await search({ q: '老年大学' });
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBeLessThan(0.1);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  test('the page embeds no list of departments: the filter choices load from the index when a filter is reached', async () => {
    const html = await (await fetch(`${origin}/search/`)).text();
    const departments = loadDepartments();
    for (const d of departments) expect(html).not.toContain(d.unitName);
    // A search that needs no filter fetches no filter index.
    await page.mouse.move(0, 0);
    const fetched: string[] = [];
    const onRequest = (r: { url: () => string }) => void fetched.push(r.url());
    page.on('request', onRequest);
    await search({ q: '驻村' });
    page.off('request', onRequest);
    expect(fetched.some((u) => u.includes('/pagefind/'))).toBe(true);
    expect(fetched.filter((u) => u.includes('/pagefind/filter/'))).toEqual([]);
    await search({ q: '驻村', year: '2025' });
    await page.focus('#department');
    await page.waitForSelector('body[data-choices-loaded]');
    expect(await page.inputValue('#year')).toBe('2025');
    const offered = await page.$$eval('#department option', (o) => o.map((x) => x.textContent));
    for (const d of departments) expect(offered).toContain(d.unitName);
    expect(await page.$$eval('#year option', (o) => o.length)).toBeGreaterThan(1);
  });
});
