import { describe, expect, it } from 'vitest';
import { createPageCache, type PageAnswer } from '../../../src/renderer/lib/page-cache';

interface Call {
  filter: string;
  offset: number;
  limit: number;
  resolve: (answer: PageAnswer<string>) => void;
  reject: (error: unknown) => void;
}

/** A cache of pages of 10 over a fake server whose answers the test releases one by one. */
function setup(maxPages = 3) {
  const calls: Call[] = [];
  let changes = 0;
  const cache = createPageCache<string, string>({
    pageSize: 10,
    maxPages,
    keyOf: (f) => f,
    fetchPage: (filter, offset, limit) =>
      new Promise((resolve, reject) => calls.push({ filter, offset, limit, resolve, reject })),
    onChange: () => changes++,
  });
  /** The answer a server with `total` items named `<filter>-<index>` gives to a call. */
  const answer = (call: Call, total = 95) => {
    const count = Math.max(0, Math.min(call.limit, total - call.offset));
    call.resolve({
      total,
      items: Array.from({ length: count }, (_, i) => `${call.filter}-${call.offset + i}`),
    });
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { cache, calls, answer, settle, changes: () => changes };
}

describe('createPageCache', () => {
  it('asks once for each page the range touches and serves items once a page is here', async () => {
    const { cache, calls, answer, settle, changes } = setup();
    cache.setFilter('a');
    cache.ensure(0, 25); // items 0–24: pages 0, 1, 2
    expect(calls.map((c) => [c.offset, c.limit])).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
    cache.ensure(5, 15); // pages 0 and 1 are on the way: nothing new
    expect(calls).toHaveLength(3);
    expect(cache.total()).toBeNull();
    expect(cache.item(15)).toBeUndefined();

    answer(calls[1]!);
    await settle();
    expect(changes()).toBe(1);
    expect(cache.total()).toBe(95);
    expect(cache.item(15)).toBe('a-15');
    expect(cache.item(5)).toBeUndefined();
    cache.ensure(10, 20); // page 1 is here
    expect(calls).toHaveLength(3);
  });

  it('asks for nothing past the known total', async () => {
    const { cache, calls, answer, settle } = setup();
    cache.setFilter('a');
    cache.ensure(0, 1);
    answer(calls[0]!); // total 95: pages 0–9
    await settle();
    cache.ensure(90, 200);
    expect(calls.map((c) => c.offset)).toEqual([0, 90]);
    cache.ensure(95, 200);
    cache.ensure(-20, 0);
    expect(calls).toHaveLength(2);
    answer(calls[1]!);
    await settle();
    expect(cache.item(94)).toBe('a-94');
    expect(cache.item(95)).toBeUndefined();
  });

  it('drops the least recently wanted page beyond the cap', async () => {
    const { cache, calls, answer, settle } = setup(3);
    cache.setFilter('a');
    cache.ensure(0, 30); // pages 0, 1, 2
    for (const call of calls) answer(call);
    await settle();
    expect(cache.size()).toBe(3);
    cache.ensure(0, 10); // page 0 used again: page 1 is now the oldest
    cache.ensure(50, 60); // page 5
    answer(calls[3]!);
    await settle();
    expect(cache.size()).toBe(3);
    expect(cache.item(15)).toBeUndefined();
    expect([cache.item(5), cache.item(25), cache.item(55)]).toEqual(['a-5', 'a-25', 'a-55']);
    cache.ensure(10, 20); // evicted: asked again
    expect(calls.map((c) => c.offset)).toEqual([0, 10, 20, 50, 10]);
  });

  it('throws away answers for a filter that is no longer current, and keys pages by filter', async () => {
    const { cache, calls, answer, settle, changes } = setup();
    cache.setFilter('a');
    cache.ensure(0, 10);
    cache.setFilter('b');
    cache.ensure(0, 10);
    expect(calls.map((c) => c.filter)).toEqual(['a', 'b']);
    answer(calls[0]!, 95); // a's page, while b is shown
    await settle();
    expect(changes()).toBe(0);
    expect(cache.item(0)).toBeUndefined();
    expect(cache.total()).toBeNull();
    answer(calls[1]!, 12);
    await settle();
    expect([cache.item(0), cache.total()]).toEqual(['b-0', 12]);
    cache.setFilter('a'); // a's answer was dropped, so its page is asked for again
    expect(cache.item(0)).toBeUndefined();
    cache.ensure(0, 10);
    expect(calls.map((c) => c.filter)).toEqual(['a', 'b', 'a']);
  });

  it('does not ask twice for a page in flight when the filter comes back to it', async () => {
    const { cache, calls, answer, settle } = setup();
    cache.setFilter('a');
    cache.ensure(0, 10);
    cache.setFilter('b');
    cache.setFilter('a');
    cache.ensure(0, 10);
    expect(calls).toHaveLength(1);
    answer(calls[0]!);
    await settle();
    expect(cache.item(3)).toBe('a-3');
  });

  it('remembers a failure until retry instead of asking again on every render', async () => {
    const { cache, calls, answer, settle, changes } = setup();
    cache.setFilter('a');
    cache.ensure(0, 10);
    const boom = new Error('lost the connection');
    calls[0]!.reject(boom);
    await settle();
    expect(changes()).toBe(1);
    expect(cache.error()).toBe(boom);
    cache.ensure(0, 10);
    expect(calls).toHaveLength(1);
    cache.setFilter('b');
    expect(cache.error()).toBeNull();
    cache.setFilter('a');
    cache.retry();
    expect(cache.error()).toBeNull();
    cache.ensure(0, 10);
    expect(calls).toHaveLength(2);
    answer(calls[1]!);
    await settle();
    expect(cache.item(0)).toBe('a-0');
  });

  it('refuses a page size or cap below one', () => {
    const fetchPage = () => Promise.resolve({ total: 0, items: [] });
    expect(() => createPageCache({ pageSize: 0, maxPages: 1, keyOf: String, fetchPage })).toThrow();
    expect(() => createPageCache({ pageSize: 1, maxPages: 0, keyOf: String, fetchPage })).toThrow();
  });
});
