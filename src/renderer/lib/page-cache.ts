/**
 * Pages of a long list fetched on demand: a virtualised grid asks for the items it shows and
 * reads them back synchronously while rendering. Pages are keyed by (filter, page index); a
 * page already asked for is not asked for again while its answer is on the way; beyond
 * `maxPages` the least recently wanted pages are dropped (memory stays flat however far one
 * scrolls); an answer for a filter that is no longer current is thrown away.
 */

export interface PageAnswer<T> {
  /** Items matching the filter, so the list knows its length. */
  total: number;
  items: T[];
}

export interface PageCacheOptions<F, T> {
  pageSize: number;
  /** Pages kept; more than a viewport's worth plus overscan, or visible pages get evicted. */
  maxPages: number;
  /** Identifies a filter: equal keys mean the same list. */
  keyOf: (filter: F) => string;
  fetchPage: (filter: F, offset: number, limit: number) => Promise<PageAnswer<T>>;
  /** Called after a page (or a failure) for the current filter arrives, to re-render. */
  onChange?: () => void;
}

export interface PageCache<F, T> {
  /** Makes `filter` current; pages of other filters stay cached until evicted. */
  setFilter(filter: F): void;
  /** The current filter's length as the server last said, or null before any answer. */
  total(): number | null;
  /** The item at `index` of the current filter, if its page is here. */
  item(index: number): T | undefined;
  /** Asks for every missing page overlapping items [first, end) and marks them recently used. */
  ensure(first: number, end: number): void;
  /** The last failure for the current filter (its pages are not asked again until retry). */
  error(): unknown;
  /** Forgets failures so ensure asks for those pages again. */
  retry(): void;
  /** Pages held (for tests and the benchmark). */
  size(): number;
}

export function createPageCache<F, T>(options: PageCacheOptions<F, T>): PageCache<F, T> {
  const { pageSize, maxPages, keyOf, fetchPage } = options;
  if (!(pageSize >= 1) || !(maxPages >= 1)) throw new Error('pageSize and maxPages must be at least 1');
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const pages = new Map<string, T[]>();
  const inFlight = new Set<string>();
  const failed = new Set<string>();
  /** The last failure per filter key. */
  const errors = new Map<string, unknown>();
  const totals = new Map<string, number>();
  let current: { filter: F; key: string } | null = null;

  const pageKey = (filterKey: string, index: number) => `${index}:${filterKey}`;

  function store(key: string, items: T[]): void {
    pages.delete(key);
    pages.set(key, items);
    while (pages.size > maxPages) pages.delete(pages.keys().next().value as string);
  }

  function request(filter: F, filterKey: string, index: number): void {
    const key = pageKey(filterKey, index);
    inFlight.add(key);
    fetchPage(filter, index * pageSize, pageSize).then(
      (answer) => {
        inFlight.delete(key);
        if (current?.key !== filterKey) return;
        totals.set(filterKey, answer.total);
        store(key, answer.items);
        options.onChange?.();
      },
      (error: unknown) => {
        inFlight.delete(key);
        if (current?.key !== filterKey) return;
        failed.add(key);
        errors.set(filterKey, error);
        options.onChange?.();
      },
    );
  }

  return {
    setFilter(filter) {
      current = { filter, key: keyOf(filter) };
    },
    total: () => (current ? (totals.get(current.key) ?? null) : null),
    item(index) {
      if (!current || index < 0) return undefined;
      return pages.get(pageKey(current.key, Math.floor(index / pageSize)))?.[index % pageSize];
    },
    ensure(first, end) {
      if (!current || end <= first) return;
      const known = totals.get(current.key);
      const last = Math.floor((Math.min(end, known ?? end) - 1) / pageSize);
      for (let index = Math.max(0, Math.floor(first / pageSize)); index <= last; index++) {
        const key = pageKey(current.key, index);
        const page = pages.get(key);
        if (page) store(key, page);
        else if (!inFlight.has(key) && !failed.has(key)) request(current.filter, current.key, index);
      }
    },
    error: () => (current ? (errors.get(current.key) ?? null) : null),
    retry() {
      failed.clear();
      errors.clear();
    },
    size: () => pages.size,
  };
}
