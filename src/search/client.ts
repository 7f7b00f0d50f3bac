/**
 * The /search/ page in the browser: reads the query and filters from the URL (so a search
 * can be shared), asks Pagefind, and renders results with DOM text nodes only. Excerpts keep
 * Pagefind's <mark> highlighting and nothing else.
 *
 * Nothing on the page grows with the site, and a first search fetches only what it needs: the
 * filter choices come from Pagefind's filter index when the reader first reaches for a filter,
 * and best bets are the department pages that a search of department pages finds by name.
 *
 * The index may come in several Pagefind bundles (src/search/bundles.ts). Pagefind's own merge
 * sorts every bundle's results by that bundle's score, which loses the amount sort and lets
 * partial matches elsewhere outrank an exact project code. So each bundle is searched on its
 * own and the lists are merged here: by score, with exact project codes first, or by amount
 * (a k-way merge that reads a result's amount only when it reaches the head of its list). The
 * index holds no sort: a bundle's order by amount is a file of its own (src/search/order.ts),
 * loaded the first time a reader sorts by amount, so that a first search does not pay for it.
 * A site of one bundle is searched exactly as one index.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  content?: string;
  meta: Record<string, string>;
}
interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<PagefindResultData>;
}
type Filters = Record<string, string>;
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  mergeIndex: (path: string, o: Record<string, unknown>) => Promise<void>;
  filters: () => Promise<Record<string, Record<string, number>>>;
  search: (q: string | null, o: { filters?: Filters }) => Promise<{ results: PagefindResult[] }>;
}

import { DEPARTMENT_PAGE_FILTER, SEARCH_FILTERS, SEARCH_SORTS, type SortKey } from './fields.ts';
import { BUNDLE_FILTER, MANIFEST_PATH, type BundleEntry, type BundleManifest } from './manifest.ts';
import { AMOUNT_ORDER_FILE, byRank, rankOf, type AmountOrder } from './order.ts';
import { toFen } from '../lib/money.ts';

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
async function bestBets(index: SearchIndex, state: SearchState): Promise<PagefindResultData[]> {
  if ([...state.q].length < 3 || state.filters['类型'] === '项目' || state.sort) return [];
  // 部门页 is carried by department pages only, so its filter index stays small (see fields.ts).
  const departments = await searchBundles(index, { q: state.q, filters: { ...state.filters, [DEPARTMENT_PAGE_FILTER.key]: DEPARTMENT_PAGE_FILTER.value } });
  const top = await Promise.all((await departments.next(5)).map((r) => r.data()));
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

/** Pagefind with the site's bundles loaded; `bundles` is null for a site of one bundle. */
interface SearchIndex {
  pagefind: Pagefind;
  bundles: string[] | null;
  /** URL path of each bundle's folder (of the one bundle, when `bundles` is null). */
  paths: string[];
  /** Each bundle's rank by amount (src/search/order.ts), loaded when a search first sorts by amount. */
  ranks?: Promise<Array<Map<string, number>>>;
}

const EXCERPT = { excerptLength: 40 } as const;

/** The bundles' manifest; a site without one (or an older build) has one bundle at /pagefind/. */
async function loadManifest(): Promise<BundleEntry[]> {
  try {
    const response = await fetch(MANIFEST_PATH);
    if (response.ok) {
      const manifest = (await response.json()) as BundleManifest;
      if (manifest.bundles?.length) return manifest.bundles;
    }
  } catch {
    // One bundle, below.
  }
  return [{ name: '', path: '/pagefind/', regions: [], pages: 0 }];
}

let loading: Promise<SearchIndex> | null = null;
/** Pagefind, loaded once; it is written into dist/pagefind/ by the build, so loaded by URL rather than bundled. */
function loadPagefind(): Promise<SearchIndex> {
  loading ??= (async () => {
    const code = '/pagefind/pagefind.js';
    const [pagefind, bundles] = await Promise.all([import(/* @vite-ignore */ code) as Promise<Pagefind>, loadManifest()]);
    // On the page's own thread: the worker would download a second copy of Pagefind's
    // search code (42 KB) for a search that takes milliseconds.
    if (bundles.length === 1) {
      await pagefind.options({ ...EXCERPT, noWorker: true });
      return { pagefind, bundles: null, paths: [bundles[0].path] };
    }
    // Each bundle carries its name as a synthetic filter, so that it can be searched alone. The
    // first is Pagefind's primary index (its WebAssembly is loaded once, from there).
    const [first, ...rest] = bundles;
    await pagefind.options({ ...EXCERPT, noWorker: true, basePath: first.path, mergeFilter: { [BUNDLE_FILTER]: first.name } });
    await Promise.all(rest.map((b) => pagefind.mergeIndex(b.path, { ...EXCERPT, mergeFilter: { [BUNDLE_FILTER]: b.name } })));
    return { pagefind, bundles: bundles.map((b) => b.name), paths: bundles.map((b) => b.path) };
  })();
  return loading;
}

/** The bundles' ranks by amount, loaded once; a bundle whose order file fails keeps Pagefind's order. */
function amountRanks(index: SearchIndex): Promise<Array<Map<string, number>>> {
  index.ranks ??= Promise.all(
    index.paths.map(async (path) => {
      try {
        const response = await fetch(`${path}${AMOUNT_ORDER_FILE}`);
        return response.ok ? rankOf((await response.json()) as AmountOrder) : new Map<string, number>();
      } catch {
        return new Map<string, number>();
      }
    }),
  );
  return index.ranks;
}

/** One query, asked of every bundle: its results in the merged order, a batch at a time. */
export interface MergedResults {
  total: number;
  /** The next `n` results (fewer at the end). */
  next(n: number): Promise<PagefindResult[]>;
}

/**
 * A project code as typed: letters and digits with at most separators and the wrap space
 * some documents print. Compared without spaces, case-insensitively.
 */
const codeKey = (text: string) => text.replace(/\s+/g, '').toUpperCase();
const looksLikeCode = (q: string) => /\d/.test(q) && /^[0-9A-Za-z][0-9A-Za-z\s_.\-]*$/.test(q);

/** A result's amount in 分, from the meta every result carries (`1,234.50 万元`). */
function amountFen(data: PagefindResultData): bigint {
  const m = /^(-?[\d,]+(?:\.\d+)?) (万元|元)$/.exec(data.meta.amount ?? '');
  return (m && toFen(m[1].replace(/,/g, ''), m[2] as '元' | '万元')) ?? 0n;
}

/**
 * Merges the bundles' result lists, each already in order (by score, or by amount when sorted),
 * taking each time the best head. A head's amount is read from its data when it becomes a head,
 * so a page of results reads about `n + bundles` results' data, never every result's.
 */
export function mergeLists(lists: PagefindResult[][], sort?: Partial<Record<SortKey, 'asc' | 'desc'>>, front: PagefindResult[] = []): MergedResults {
  const cursor = lists.map(() => 0);
  const direction = sort?.amount;
  const amounts = new Map<PagefindResult, Promise<bigint>>();
  const amount = (r: PagefindResult) => {
    let a = amounts.get(r);
    if (!a) amounts.set(r, (a = r.data().then(amountFen)));
    return a;
  };
  const pending = [...front];
  const take = async (n: number) => {
    const out = pending.splice(0, n);
    while (out.length < n) {
      const open = lists.flatMap((l, i) => (cursor[i] < l.length ? [i] : []));
      if (open.length === 0) break;
      if (open.length === 1) {
        // One list left (always so with one bundle): its order is the order.
        const [i] = open;
        const batch = lists[i].slice(cursor[i], cursor[i] + n - out.length);
        cursor[i] += batch.length;
        out.push(...batch);
        break;
      }
      const heads = open.map((i) => lists[i][cursor[i]]);
      const keys = direction ? await Promise.all(heads.map(amount)) : heads.map((h) => h.score);
      let best = 0;
      // Ties go to the earlier bundle, so that the order is the same on every load.
      for (let j = 1; j < open.length; j++) if (direction === 'asc' ? keys[j] < keys[best] : keys[j] > keys[best]) best = j;
      out.push(heads[best]);
      cursor[open[best]]++;
    }
    return out;
  };
  // One batch at a time: a second click on 显示更多 waits for the first.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    total: front.length + lists.reduce((n, l) => n + l.length, 0),
    next(n) {
      const batch = queue.then(() => take(n));
      queue = batch.catch(() => {});
      return batch;
    },
  };
}

/**
 * Searches every bundle and merges their results. By relevance, a bundle's first result whose
 * project code is the query goes first: scores of different bundles are each their own
 * bundle's, and partial matches of a code elsewhere can score higher.
 */
async function searchBundles(index: SearchIndex, query: { q: string; filters: Filters; sort?: SearchState['sort'] }): Promise<MergedResults> {
  const { pagefind, bundles } = index;
  const direction = query.sort?.amount;
  const ranks = direction ? await amountRanks(index) : null;
  const lists = await Promise.all(
    (bundles ?? [null]).map(async (name, i) => {
      const filters = name === null ? query.filters : { ...query.filters, [BUNDLE_FILTER]: name };
      const { results } = await pagefind.search(query.q || null, { filters });
      return direction && ranks ? byRank(results, ranks[i], direction) : results;
    }),
  );
  const front: PagefindResult[] = [];
  if (!query.sort && looksLikeCode(query.q)) {
    const heads = await Promise.all(lists.map(async (l) => (l.length ? { result: l[0], data: await l[0].data() } : null)));
    heads.forEach((h, i) => {
      if (h && h.data.meta.code && codeKey(h.data.meta.code) === codeKey(query.q)) {
        front.push(h.result);
        lists[i] = lists[i].slice(1);
      }
    });
  }
  return mergeLists(lists, query.sort, front);
}

/**
 * Fills the filter <select>s with every value in the index, keeping the chosen one. Until then
 * a select offers only its "全部…" option and the value from the URL.
 */
async function fillChoices() {
  const choices = await (await loadPagefind()).pagefind.filters();
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
  let index: SearchIndex;
  try {
    index = await loadPagefind();
  } catch {
    settle('检索索引无法加载。可以按地区或年度浏览。');
    return;
  }
  const results = await searchBundles(index, state);
  const promoted = await bestBets(index, state);
  const promotedUrls = new Set(promoted.map((p) => p.url));
  let shown = 0;
  const first = await Promise.all((await results.next(PAGE)).map((r) => r.data()));
  // Only single characters of the query matched: that is no match at all.
  const real = state.q === '' || promoted.length > 0 || first.some((d) => matchesQuery(state.q, `${d.meta.title ?? ''}${d.meta.code ?? ''}${d.content ?? d.excerpt}`));
  if (!real || (results.total === 0 && promoted.length === 0)) {
    const words = [...state.q].length > 4 ? `请试试更短的词（两到四个字，如“${[...state.q].slice(0, 2).join('')}”），或` : '请换一个词，或';
    settle(state.q ? `没有找到与“${state.q}”相符的项目或部门。${words}减少筛选条件。` : '没有符合筛选条件的结果。');
    return;
  }
  const betsSection = document.getElementById('best-bets-list');
  if (betsSection && promoted.length) {
    for (const p of promoted) betsSection.querySelector('ul')!.append(renderResult(p));
    betsSection.hidden = false;
  }
  const total = results.total;
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
    const batch = await Promise.all((await results.next(PAGE)).map((r) => r.data()));
    const firstNew = append(batch);
    report();
    // The button may just have disappeared; the reader continues at the first new result.
    firstNew?.querySelector('a')?.focus();
  });
  append(first);
  report();
}
