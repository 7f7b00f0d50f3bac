/**
 * The one list of what search knows about a page beside its words: the filters the search
 * page offers, the sorts it offers, and the meta a result shows. The index records
 * (src/lib/searchRecords.ts), the search page's form (src/pages/search.astro) and its script
 * (src/search/client.ts) all read them from here.
 */

/** A filter of the search page: its URL parameter, the Pagefind filter it sets, its form label. */
export interface SearchFilter {
  param: 'region' | 'year' | 'department' | 'type';
  key: '地区' | '年度' | '部门' | '类型';
  label: string;
  /** The select's first option, which sets no filter. */
  all: string;
}

/** In the order of the form's selects. */
export const SEARCH_FILTERS: readonly SearchFilter[] = [
  { param: 'region', key: '地区', label: '地区', all: '全部地区' },
  { param: 'year', key: '年度', label: '年度', all: '全部年度' },
  { param: 'department', key: '部门', label: '部门', all: '全部部门' },
  { param: 'type', key: '类型', label: '类型', all: '部门和项目' },
];

/** The search page with these filters chosen: its results list every page that matches them, words or not. */
export function searchUrl(filters: Partial<Record<SearchFilter['param'], string | number>>): string {
  const params = new URLSearchParams();
  for (const { param } of SEARCH_FILTERS) if (filters[param] !== undefined) params.set(param, String(filters[param]));
  return `/search/?${params}`;
}

/** The kinds of page that search finds, the choices of the 类型 filter. */
export const PAGE_TYPES = ['项目', '部门'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/**
 * A filter only department pages carry: best bets search it without fetching the whole 类型
 * filter, whose index lists every page.
 */
export const DEPARTMENT_PAGE_FILTER = { key: '部门页', value: '是' } as const;

/**
 * Sort keys. Amount is in 分, so that 元 and 万元 documents sort together. A sort is not kept in
 * Pagefind's index, whose metadata every first search downloads (about 2.2 KiB per sort and
 * bundle of 1,100 pages), but in an order file per bundle loaded only to sort (src/search/order.ts).
 */
export const SORT_KEYS = ['amount'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The sort select's choices: `${key}-${direction}`, or '' for relevance. */
export const SEARCH_SORTS: ReadonlyArray<{ value: '' | `${SortKey}-${'asc' | 'desc'}`; label: string }> = [
  { value: '', label: '相关度' },
  { value: 'amount-desc', label: '金额从高到低' },
  { value: 'amount-asc', label: '金额从低到高' },
];

/** What a search result shows of a page, and what its filters and sorts are computed from. */
export interface SearchPage {
  type: PageType;
  /** The result's heading. */
  title: string;
  /** Region name, e.g. 河北省唐山市玉田县. */
  region: string;
  year: number;
  /** The department's 单位名称. */
  department: string;
  /** The amount as the page shows it, with its unit. */
  amount: string;
  /** The same amount in 分. */
  amountFen: bigint;
  /** 项目编码, where printed. */
  code?: string;
}

export interface SearchFields {
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<SortKey, string>;
}

/** The meta and filters that the index holds for a page, and its sort keys for the order files. */
export function searchFields(page: SearchPage): SearchFields {
  const year = String(page.year);
  const values: Record<SearchFilter['key'], string> = { 地区: page.region, 年度: year, 部门: page.department, 类型: page.type };
  const filters: Record<string, string[]> = Object.fromEntries(SEARCH_FILTERS.map((f) => [f.key, [values[f.key]]]));
  if (page.type === '部门') filters[DEPARTMENT_PAGE_FILTER.key] = [DEPARTMENT_PAGE_FILTER.value];
  return {
    meta: {
      title: page.title,
      type: page.type,
      region: page.region,
      year,
      department: page.department,
      amount: page.amount,
      ...(page.code ? { code: page.code } : {}),
    },
    filters,
    // In 分, as an integer string: the order file compares them exactly (BigInt).
    sort: { amount: page.amountFen.toString() },
  };
}
