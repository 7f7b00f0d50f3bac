/**
 * The /search/ page in the browser: reads the query and filters from the URL (so a search
 * can be shared), asks Pagefind, and renders results with DOM text nodes only. Excerpts keep
 * Pagefind's <mark> highlighting and nothing else.
 *
 * Nothing on the page grows with the site, and a first search fetches only what it needs: the
 * filter choices come from Pagefind's filter index when the reader first reaches for a filter,
 * and best bets are the department pages that a search of department pages finds by name.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  content?: string;
  meta: Record<string, string>;
}
interface PagefindResult {
  id: string;
  data: () => Promise<PagefindResultData>;
}
type Filters = Record<string, string>;
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  search: (q: string | null, o: { filters?: Filters; sort?: Record<string, 'asc' | 'desc'> }) => Promise<{ results: PagefindResult[] }>;
}

import { DEPARTMENT_PAGE_FILTER, SEARCH_FILTERS, SEARCH_SORTS, type SortKey } from './fields.ts';

const FIELDS = ['q', ...SEARCH_FILTERS.map((f) => f.param), 'sort'] as const;
/** URL parameter → Pagefind filter, in the order of the form's selects. */
export const FILTER_KEYS: Record<string, string> = Object.fromEntries(SEARCH_FILTERS.map((f) => [f.param, f.key]));
const PAGE = 10;

export interface SearchState {
  q: string;
  filters: Filters;
  sort?: Partial<Record<SortKey, 'asc' | 'desc'>>;
}

/** Reads the search state from URL parameters. */
export function stateFromParams(params: URLSearchParams): SearchState {
  const filters: Filters = {};
  for (const [param, key] of Object.entries(FILTER_KEYS)) {
    const v = params.get(param);
    if (v) filters[key] = v;
  }
  const sortParam = params.get('sort') ?? '';
  const sort = SEARCH_SORTS.find((s) => s.value !== '' && s.value === sortParam)?.value.split('-') as [SortKey, 'asc' | 'desc'] | undefined;
  return { q: (params.get('q') ?? '').trim(), filters, sort: sort ? { [sort[0]]: sort[1] } : undefined };
}

/**
 * Pagefind splits a Chinese query into words and also matches single characters, so a query
 * of unknown words can "find" pages that merely contain one of its characters. A page
 * really matches when it contains some two-character piece of the query (or the whole
 * query, when that is one character).
 */
export function matchesQuery(q: string, text: string): boolean {
  const haystack = text.toLowerCase().replace(/\s+/g, '');
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return words.some((w) => {
    const chars = [...w];
    if (chars.length < 2) return haystack.includes(w);
    for (let i = 0; i + 1 < chars.length; i++) if (haystack.includes(chars[i] + chars[i + 1])) return true;
    return false;
  });
}

/**
 * Department pages whose unit name contains the query, shown first: a citizen who types a
 * unit's name wants its page, and Pagefind's word splitting can rank it below pages that
 * merely share part of the name (区委老干局 → 老干 + 局).
 */
async function bestBets(pagefind: Pagefind, state: SearchState): Promise<PagefindResultData[]> {
  if ([...state.q].length < 3 || state.filters['类型'] === '项目' || state.sort) return [];
  // 部门页 is carried by department pages only, so its filter index stays small (see fields.ts).
  const departments = await pagefind.search(state.q, { filters: { ...state.filters, [DEPARTMENT_PAGE_FILTER.key]: DEPARTMENT_PAGE_FILTER.value } });
  const top = await Promise.all(departments.results.slice(0, 5).map((r) => r.data()));
  return top.filter((d) => (d.meta.department ?? '').includes(state.q));
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

let loading: Promise<Pagefind> | null = null;
/** Pagefind, loaded once; it is written into dist/pagefind/ by the build, so loaded by URL rather than bundled. */
function loadPagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    const bundle = '/pagefind/pagefind.js';
    const pagefind = (await import(/* @vite-ignore */ bundle)) as Pagefind;
    // On the page's own thread: the worker would download a second copy of Pagefind's
    // search code (42 KB) for a search that takes milliseconds.
    await pagefind.options({ excerptLength: 40, noWorker: true });
    return pagefind;
  })();
  return loading;
}

/**
 * Fills the filter <select>s with every value in the index, keeping the chosen one. Until then
 * a select offers only its "全部…" option and the value from the URL.
 */
async function fillChoices() {
  const choices = await (await loadPagefind()).filters();
  const collator = new Intl.Collator('zh-CN');
  for (const [param, key] of Object.entries(FILTER_KEYS)) {
    const select = document.getElementById(param) as HTMLSelectElement | null;
    if (!select || param === 'type') continue;
    const chosen = select.value;
    const values = Object.keys(choices[key] ?? {});
    select.replaceChildren(select.options[0], ...(param === 'year' ? values.sort().reverse() : values.sort(collator.compare)).map((v) => new Option(v, v, false, v === chosen)));
  }
  document.body.dataset.choicesLoaded = 'true';
}

export async function runSearchPage() {
  const params = new URLSearchParams(location.search);
  const status = document.getElementById('status')!;
  const list = document.getElementById('results')!;
  const more = document.getElementById('more') as HTMLButtonElement;
  const state = stateFromParams(params);
  // Marks the page as settled, for people's assistive tech and for the browser tests alike.
  const settle = (text: string) => {
    status.textContent = text;
    document.body.dataset.searchDone = 'true';
  };
  // A filter chosen in the URL is offered at once; all the choices load when the reader first
  // reaches for a filter, not with every search.
  for (const [param] of Object.entries(FILTER_KEYS)) {
    const select = document.getElementById(param) as HTMLSelectElement | null;
    const v = params.get(param);
    if (select && v && ![...select.options].some((o) => o.value === v)) select.append(new Option(v, v));
  }
  for (const f of FIELDS) {
    const el = document.getElementById(f) as HTMLInputElement | HTMLSelectElement | null;
    if (el && params.get(f)) el.value = params.get(f)!;
  }
  const filters = document.querySelector('#search-form .filters');
  let filling: Promise<void> | null = null;
  const onReach = () => void (filling ??= fillChoices().catch(() => {}));
  for (const type of ['focusin', 'pointerover', 'touchstart']) filters?.addEventListener(type, onReach, { once: true, passive: true });
  if (!state.q && Object.keys(state.filters).length === 0) {
    settle('请输入关键词，或选择地区、年度、部门后搜索。');
    return;
  }
  status.textContent = '正在检索…';
  let pagefind: Pagefind;
  try {
    pagefind = await loadPagefind();
  } catch {
    settle('检索索引无法加载。可以按地区或年度浏览。');
    return;
  }
  const search = await pagefind.search(state.q || null, { filters: state.filters, sort: state.sort });
  const promoted = await bestBets(pagefind, state);
  const promotedUrls = new Set(promoted.map((p) => p.url));
  const results = search.results;
  let shown = 0;
  const first = await Promise.all(results.slice(0, PAGE).map((r) => r.data()));
  // Only single characters of the query matched: that is no match at all.
  const real = state.q === '' || promoted.length > 0 || first.some((d) => matchesQuery(state.q, `${d.meta.title ?? ''}${d.meta.code ?? ''}${d.content ?? d.excerpt}`));
  if (!real || (results.length === 0 && promoted.length === 0)) {
    const words = [...state.q].length > 4 ? `请试试更短的词（两到四个字，如“${[...state.q].slice(0, 2).join('')}”），或` : '请换一个词，或';
    settle(state.q ? `没有找到与“${state.q}”相符的项目或部门。${words}减少筛选条件。` : '没有符合筛选条件的结果。');
    return;
  }
  const betsSection = document.getElementById('best-bets-list');
  if (betsSection && promoted.length) {
    for (const p of promoted) betsSection.querySelector('ul')!.append(renderResult(p));
    betsSection.hidden = false;
  }
  const total = results.length;
  const report = () =>
    settle(`找到 ${total} 个结果${state.q ? `（关键词“${state.q}”）` : ''}，显示前 ${shown} 个${promoted.length ? `；另有 ${promoted.length} 个名称相符的部门` : ''}。`);
  const append = (batch: PagefindResultData[]) => {
    const added = batch.filter((d) => !promotedUrls.has(d.url)).map(renderResult);
    list.append(...added);
    shown += batch.length;
    more.hidden = shown >= total;
    return added[0];
  };
  more.addEventListener('click', async () => {
    const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    const firstNew = append(batch);
    report();
    // The button may just have disappeared; the reader continues at the first new result.
    firstNew?.querySelector('a')?.focus();
  });
  append(first);
  report();
}
