import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/shared/random';
import { selectRandom } from '../../../../src/main/compress/select/random-pick';

/*
 * tieBreak[r] = 10·(8 − r), so sorting rows 7, 3, 5, 1 by tie-break gives 7 (10), 5 (30),
 * 3 (50), 1 (70).
 * Fisher–Yates with a generator that always returns 0 swaps item i with item 0 for i = n−1..1,
 * which rotates left by one: [5, 3, 1, 7]. With 0.999 it picks j = ⌊0.999·(i+1)⌋ = i: no swaps.
 */
const tieBreak = [80, 70, 60, 50, 40, 30, 20, 10];
const rows = [7, 3, 5, 1];

describe('seeded random pick', () => {
  it('sorts by tie-break, shuffles with the generator, takes the budget', () => {
    expect(selectRandom(rows, tieBreak, 2, () => 0)).toEqual([5, 3]);
    expect(selectRandom(rows, tieBreak, 3, () => 0.999)).toEqual([7, 5, 3]);
  });

  it('depends on the rows, not their order', () => {
    const a = selectRandom(rows, tieBreak, 3, createRng(5));
    const b = selectRandom([1, 5, 3, 7], tieBreak, 3, createRng(5));
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(3);
    for (const r of a) expect(rows).toContain(r);
  });

  it('caps the budget at the pool size', () => {
    expect(selectRandom(rows, tieBreak, 10, () => 0.999)).toEqual([7, 5, 3, 1]);
  });
});
