import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestAnswer } from '../../../src/renderer/lib/latest-answer';

/** A request whose answer the test gives by hand. */
function manual<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const request = vi.fn(
    () =>
      new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      }),
  );
  return { request, resolve: (v: T) => resolve(v), reject: (e: unknown) => reject(e) };
}

describe('latestAnswer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once the settings have rested, and hands the answer on', async () => {
    const { request, resolve } = manual<string>();
    const values: string[] = [];
    latestAnswer(request, 250, { value: (v) => values.push(v), error: () => {} });
    vi.advanceTimersByTime(249);
    expect(request).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(request).toHaveBeenCalledOnce();
    resolve('4 mosaics');
    await vi.runAllTimersAsync();
    expect(values).toEqual(['4 mosaics']);
  });

  it('does not ask when cancelled within the delay', () => {
    const { request } = manual<string>();
    const cancel = latestAnswer(request, 250, { value: () => {}, error: () => {} });
    vi.advanceTimersByTime(100);
    cancel();
    vi.advanceTimersByTime(1000);
    expect(request).not.toHaveBeenCalled();
  });

  it('drops an answer that comes after the cancel', async () => {
    const { request, resolve } = manual<string>();
    const values: string[] = [];
    const cancel = latestAnswer(request, 0, { value: (v) => values.push(v), error: () => {} });
    expect(request).toHaveBeenCalledOnce(); // no delay: asked at once
    cancel();
    resolve('stale');
    await vi.runAllTimersAsync();
    expect(values).toEqual([]);
  });

  it('hands a failure on, unless cancelled', async () => {
    const errors: unknown[] = [];
    const first = manual<string>();
    latestAnswer(first.request, 0, { value: () => {}, error: (e) => errors.push(e) });
    first.reject(new Error('no such set'));
    const second = manual<string>();
    latestAnswer(second.request, 0, { value: () => {}, error: (e) => errors.push(e) })();
    second.reject(new Error('stale'));
    await vi.runAllTimersAsync();
    expect(errors.map((e) => (e as Error).message)).toEqual(['no such set']);
  });
});
