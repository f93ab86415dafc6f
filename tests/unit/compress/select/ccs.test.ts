import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/shared/rpc/errors';
import { createRng } from '../../../../src/shared/random';
import { allocateCcsBudget, ccsKeptCount, selectCcs } from '../../../../src/main/compress/select/ccs';

/*
 * 20 rows, low = easy, tie-break id = 100 + row (so sorting by id = sorting by row).
 * β = 0.1 drops ⌊0.1·20⌋ = 2 hardest: row1 (99) and row8 (50). The other 18 span [0, 8];
 * 4 strata of width 2, bin = ⌊score / 2⌋ with 8 clamped into the last:
 *   stratum 0 [0,2): row4 (0)                                            size 1
 *   stratum 1 [2,4): row10 (2), row2 (3), row16 (3.5)                     size 3
 *   stratum 2 [4,6): row14 (4), row7 (4.5), row3 (5), row19 (5), row17 (5.5), row11 (5.9)  size 6
 *   stratum 3 [6,8]: row12 (6), row6 (6.5), row0 (7), row13 (7), row9 (7.5), row18 (7.5),
 *                    row5 (8), row15 (8)                                 size 8
 * Budget 8, strata by ascending size, each min(size, ⌊remaining / strataLeft⌋):
 *   s0: min(1, ⌊8/4⌋ = 2) = 1 (smaller than its even share) → 7 left
 *   s1: min(3, ⌊7/3⌋ = 2) = 2 → 5 left;  s2: min(6, ⌊5/2⌋ = 2) = 2 → 3 left;  s3: min(8, 3) = 3
 */
const scores = [7, 99, 3, 5, 0, 8, 6.5, 4.5, 50, 7.5, 2, 5.9, 6, 7, 4, 8, 3.5, 5.5, 7.5, 5];
const ids = scores.map((_, r) => 100 + r);
const rows = scores.map((_, r) => r);
const stratumOf = (r: number): number => Math.min(3, Math.floor((scores[r] as number) / 2));
const opts = { beta: 0.1, strata: 4 };

describe('CCS budget allocation', () => {
  it('fills the smallest strata first and passes unused shares on', () => {
    expect(allocateCcsBudget([1, 3, 6, 8], 8)).toEqual([1, 2, 2, 3]);
    // Same sizes scattered, with an empty stratum that takes no share: answer follows the index.
    expect(allocateCcsBudget([8, 0, 1, 6, 3], 8)).toEqual([3, 0, 1, 2, 2]);
    // Equal sizes go by index: ⌊4/3⌋ = 1, ⌊3/2⌋ = 1, then the last takes the remaining 2.
    expect(allocateCcsBudget([2, 2, 2], 4)).toEqual([1, 1, 2]);
    // Budget 17 of 18: 1, min(3, ⌊16/3⌋ = 5) = 3, min(6, ⌊13/2⌋ = 6) = 6, min(8, 7) = 7
    expect(allocateCcsBudget([1, 3, 6, 8], 17)).toEqual([1, 3, 6, 7]);
    // Smaller first matters: [4, 5] with 7 gives the 4 min(4, ⌊7/2⌋ = 3) = 3, the 5 the other 4
    // (largest-first would give the 5 three and the 4 four).
    expect(allocateCcsBudget([4, 5], 7)).toEqual([3, 4]);
  });

  it('always spends exactly the budget when it fits (the one pass suffices)', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 500; trial++) {
      const sizes = Array.from({ length: 1 + Math.floor(rng() * 8) }, () => Math.floor(rng() * 12));
      const total = sizes.reduce((a, b) => a + b, 0);
      const budget = Math.floor(rng() * (total + 1));
      const alloc = allocateCcsBudget(sizes, budget);
      expect(alloc.reduce((a, b) => a + b, 0)).toBe(budget);
      alloc.forEach((m, i) => expect(m).toBeLessThanOrEqual(sizes[i] as number));
    }
  });
});

describe('CCS selection', () => {
  it('draws the allocated count from each stratum, never a dropped row, easy-first', () => {
    const out = selectCcs(rows, scores, 'low', ids, 8, createRng(3), opts);
    expect(out).toHaveLength(8);
    expect(new Set(out).size).toBe(8);
    expect(out).not.toContain(1);
    expect(out).not.toContain(8);
    const perStratum = [0, 0, 0, 0];
    for (const r of out) perStratum[stratumOf(r)]! += 1;
    expect(perStratum).toEqual([1, 2, 2, 3]);
    for (let i = 1; i < out.length; i++)
      expect(scores[out[i] as number]).toBeGreaterThanOrEqual(scores[out[i - 1] as number] as number);
  });

  it('samples within a stratum by shuffling the id-sorted rows', () => {
    /*
     * A generator stuck at 0 rotates each id-sorted stratum left by one (Fisher–Yates swaps
     * item i with item 0 for i = n−1..1), then the first m are taken:
     *   s0 [4] → 4;  s1 [2,10,16] → 10, 16;  s2 [3,7,11,14,17,19] → 7, 11;
     *   s3 [0,5,6,9,12,13,15,18] → 5, 6, 9
     * Easy-first: 4 (0), 10 (2), 16 (3.5), 7 (4.5), 11 (5.9), 6 (6.5), 9 (7.5), 5 (8)
     */
    expect(selectCcs(rows, scores, 'low', ids, 8, () => 0, opts)).toEqual([4, 10, 16, 7, 11, 6, 9, 5]);
    /*
     * A generator at 0.999 never swaps: the first m by id of each stratum:
     *   4;  2, 10;  3, 7;  0, 5, 6  → easy-first 4 (0), 10 (2), 2 (3), 7 (4.5), 3 (5), 6 (6.5), 0 (7), 5 (8)
     */
    expect(selectCcs(rows, scores, 'low', ids, 8, () => 0.999, opts)).toEqual([4, 10, 2, 7, 3, 6, 0, 5]);
  });

  it('takes all kept rows and then the dropped ones, easiest first, when the budget reaches them', () => {
    const kept = rows
      .filter((r) => r !== 1 && r !== 8)
      .sort((a, b) => (scores[a] as number) - (scores[b] as number) || a - b);
    expect(selectCcs(rows, scores, 'low', ids, 18, () => 0, opts)).toEqual(kept);
    // One more: the easier dropped row, row8 (50), comes last; two more adds row1 (99).
    expect(selectCcs(rows, scores, 'low', ids, 19, () => 0, opts)).toEqual([...kept, 8]);
    expect(selectCcs(rows, scores, 'low', ids, 20, () => 0, opts)).toEqual([...kept, 8, 1]);
  });

  it('drops ⌊β·n⌋, rounding down', () => {
    /*
     * Without row1: 19 rows, ⌊0.1·19⌋ = ⌊1.9⌋ = 1 dropped (row8, 50); the same 18 rows remain
     * in the same four strata, budget 17 allocates [1, 3, 6, 7] (worked above). With a generator
     * at 0 stratum 3 rotates to [5, 6, 9, 12, 13, 15, 18, 0] and its first 7 leave out row0;
     * the other strata are taken whole. So all rows but 1, 8 and 0.
     */
    const out = selectCcs(
      rows.filter((r) => r !== 1),
      scores,
      'low',
      ids,
      17,
      () => 0,
      opts,
    );
    expect(new Set(out)).toEqual(new Set(rows.filter((r) => r !== 1 && r !== 8 && r !== 0)));
  });

  it('drops from the low end when high scores are easy', () => {
    // high = easy: the hardest two are row4 (0) and row10 (2); budget 18 = everything else.
    const out = selectCcs(rows, scores, 'high', ids, 18, () => 0, opts);
    expect(new Set(out)).toEqual(new Set(rows.filter((r) => r !== 4 && r !== 10)));
  });

  it('with the defaults (β 0.1, 50 strata) returns the budget in unique, non-dropped rows', () => {
    const rng = createRng(9);
    const many = Array.from({ length: 1000 }, () => rng());
    const all = many.map((_, r) => r);
    const out = selectCcs(all, many, 'low', all, 100, createRng(1));
    expect(out).toHaveLength(100);
    expect(new Set(out).size).toBe(100);
    // ⌊0.1·1000⌋ = 100 hardest dropped: the 100 highest scores.
    const dropped = new Set([...all].sort((a, b) => (many[b] as number) - (many[a] as number)).slice(0, 100));
    for (const r of out) expect(dropped.has(r)).toBe(false);
  });

  it('counts what it keeps and rejects bad options as bad requests', () => {
    expect(ccsKeptCount(20)).toBe(18); // 20 − ⌊2⌋
    expect(ccsKeptCount(19)).toBe(18); // 19 − ⌊1.9⌋
    expect(ccsKeptCount(20, { beta: 0 })).toBe(20);
    for (const bad of [{ beta: 1 }, { beta: -0.1 }, { strata: 0 }, { strata: 2.5 }]) {
      const call = (): number[] => selectCcs(rows, scores, 'low', ids, 3, () => 0, bad);
      expect(call).toThrow(ApiError);
      expect(call).toThrow(/beta|strata/);
    }
  });
});
