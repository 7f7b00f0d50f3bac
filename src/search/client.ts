import type { departmentBestBets } from '../lib/site.ts';

/**
 * The /search/ page in the browser: reads the query and filters from the URL (so a search
 * can be shared), asks Pagefind, and renders results with DOM text nodes only. Excerpts keep
 * Pagefind's <mark> highlighting and nothing else.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}
interface PagefindResult {
  id: string;
  data: () => Promise<PagefindResultData>;
}
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  search: (
    q: string | null,
    o: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> },
  ) => Promise<{ results: PagefindResult[] }>;
}

const FIELDS = ['q', 'region', 'year', 'department', 'type', 'sort'] as const;
const FILTER_KEYS: Record<string, string> = { region: '地区', year: '年度', department: '部门', type: '类型' };
const PAGE = 10;

export interface SearchState {
  q: string;
  filters: Record<string, string>;
  sort?: Record<string, 'asc' | 'desc'>;
}

/** Reads the search state from URL parameters. */
export function stateFromParams(params: URLSearchParams): SearchState {
  const filters: Record<string, string> = {};
  for (const [param, key] of Object.entries(FILTER_KEYS)) {
    const v = params.get(param);
    if (v) filters[key] = v;
  }
  const sortParam = params.get('sort') ?? '';
  const m = /^(amount|year)-(asc|desc)$/.exec(sortParam);
  return { q: (params.get('q') ?? '').trim(), filters, sort: m ? { [m[1]]: m[2] as 'asc' | 'desc' } : undefined };
}

/** Appends the excerpt as text, keeping only <mark> elements from Pagefind's HTML. */
function appendExcerpt(target: HTMLElement, html: string) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const node of Array.from(doc.body.childNodes)) {
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).tagName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      target.append(mark);
    } else {
      target.append(document.createTextNode(node.textContent ?? ''));
    }
  }
}

function renderResult(data: PagefindResultData): HTMLLIElement {
  const li = document.createElement('li');
  const heading = document.createElement('h2');
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = data.meta.type ?? '';
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(badge, link);
  const meta = document.createElement('p');
  meta.className = 'result-meta';
  const parts = [data.meta.type === '项目' ? data.meta.department : null, data.meta.region, data.meta.year && `${data.meta.year} 年`, data.meta.amount && `预算 ${data.meta.amount}`, data.meta.code && `编码 ${data.meta.code}`];
  meta.textContent = parts.filter(Boolean).join(' · ');
  const excerpt = document.createElement('p');
  excerpt.className = 'excerpt';
  appendExcerpt(excerpt, data.excerpt);
  li.append(heading, meta, excerpt);
  return li;
}

type BestBet = ReturnType<typeof departmentBestBets>[number];

/**
 * Department documents whose unit name the query names: shown first, since a citizen who
 * types a department's name wants that department's page.
 */
export function matchBestBets(bets: BestBet[], state: SearchState): PagefindResultData[] {
  const q = state.q;
  if (q.length < 3 || state.filters['类型'] === '项目') return [];
  return bets
    .filter((b) => b.name.includes(q))
    .filter((b) => Object.entries(state.filters).every(([key, value]) => ({ 地区: b.meta.region, 年度: b.meta.year, 部门: b.meta.department, 类型: b.meta.type })[key] === value))
    .map((b) => ({ url: b.url, meta: b.meta, excerpt: '' }));
}

export async function runSearchPage() {
  const params = new URLSearchParams(location.search);
  for (const f of FIELDS) {
    const el = document.getElementById(f) as HTMLInputElement | HTMLSelectElement | null;
    if (el && params.get(f)) el.value = params.get(f)!;
  }
  const status = document.getElementById('status')!;
  const list = document.getElementById('results')!;
  const more = document.getElementById('more') as HTMLButtonElement;
  const state = stateFromParams(params);
  // Marks the page as settled, for people's assistive tech and for the browser tests alike.
  const settle = (text: string) => {
    status.textContent = text;
    document.body.dataset.searchDone = 'true';
  };
  if (!state.q && Object.keys(state.filters).length === 0) {
    settle('请输入关键词，或选择地区、年度、部门后搜索。');
    return;
  }
  status.textContent = '正在检索…';
  let pagefind: Pagefind;
  try {
    // Written into dist/pagefind/ by the build, so it is loaded by URL rather than bundled.
    const bundle = '/pagefind/pagefind.js';
    pagefind = (await import(/* @vite-ignore */ bundle)) as Pagefind;
    await pagefind.options({ excerptLength: 40 });
  } catch {
    settle('检索索引无法加载。可以按地区或年度浏览。');
    return;
  }
  const search = await pagefind.search(state.q || null, { filters: state.filters, sort: state.sort });
  const bets: BestBet[] = JSON.parse(document.getElementById('best-bets')?.textContent ?? '[]');
  const promoted = state.sort ? [] : matchBestBets(bets, state);
  const betsSection = document.getElementById('best-bets-list');
  if (betsSection && promoted.length) {
    for (const p of promoted) betsSection.querySelector('ul')!.append(renderResult(p));
    betsSection.hidden = false;
  }
  const results = search.results;
  if (results.length === 0 && promoted.length === 0) {
    settle(state.q ? `没有找到与“${state.q}”相符的项目或部门。请换一个词，或减少筛选条件。` : '没有符合筛选条件的结果。');
    return;
  }
  let shown = 0;
  const showMore = async () => {
    const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    for (const data of batch) list.append(renderResult(data));
    shown += batch.length;
    more.hidden = shown >= results.length;
  };
  more.addEventListener('click', () => void showMore());
  await showMore();
  settle(`找到 ${results.length} 个结果${state.q ? `（关键词“${state.q}”）` : ''}。`);
}
