import { describe, expect, it } from 'vitest';
import { compareSelections } from '../../../../src/main/compress/select/compare';

describe('comparing two selections', () => {
  it('counts overlap and Jaccard per class and overall, over the union of classes', () => {
    /*
     * class 0: A {1,2,3,4}, B {3,4,5} → overlap 2, union 4+3−2 = 5 → 0.4
     * class 1: A {10,11}, B absent    → 0 / 2 = 0
     * class 2: A absent, B {20}        → 0
     * class 3: both empty              → 0 by definition
     * overall: A 6, B 4, overlap 2, union 8 → 0.25
     */
    const a = new Map([
      [1, [10, 11]],
      [0, [1, 2, 3, 4]],
      [3, []],
    ]);
    const b = new Map([
      [2, [20]],
      [0, [5, 4, 3]],
      [3, []],
    ]);
    expect(compareSelections(a, b)).toEqual({
      perClass: [
        { classIndex: 0, countA: 4, countB: 3, overlap: 2, jaccard: 0.4 },
        { classIndex: 1, countA: 2, countB: 0, overlap: 0, jaccard: 0 },
        { classIndex: 2, countA: 0, countB: 1, overlap: 0, jaccard: 0 },
        { classIndex: 3, countA: 0, countB: 0, overlap: 0, jaccard: 0 },
      ],
      overlap: 2,
      countA: 6,
      countB: 4,
      jaccard: 0.25,
    });
  });

  it('counts distinct ids, so identical selections score 1', () => {
    // A {1, 2} (1 repeated), B {1}: overlap 1, union 2 → 0.5
    expect(compareSelections(new Map([[0, [1, 1, 2]]]), new Map([[0, [1]]])).jaccard).toBe(0.5);
    expect(compareSelections(new Map([[0, [7, 8]]]), new Map([[0, [8, 7]]])).jaccard).toBe(1);
    expect(compareSelections(new Map(), new Map())).toEqual({
      perClass: [],
      overlap: 0,
      countA: 0,
      countB: 0,
      jaccard: 0,
    });
  });
});
