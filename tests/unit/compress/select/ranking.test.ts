import { describe, expect, it } from 'vitest';
import {
  rankEasyFirst,
  selectEasyFirst,
  selectHardFirst,
} from '../../../../src/main/compress/select/ranking';

/*
 * row:    0    1    2    3    4    5
 * score: .5   .1   .9   .5   .3   .5
 * id:    30   10   60   20   50   40
 * Low = easy, ascending: row1 (.1), row4 (.3), the three .5 by id: row3 (20), row0 (30),
 * row5 (40), then row2 (.9)                        → [1, 4, 3, 0, 5, 2]
 * High = easy, descending: row2, the .5 by id (3, 0, 5), row4, row1 → [2, 3, 0, 5, 4, 1]
 */
const scores = [0.5, 0.1, 0.9, 0.5, 0.3, 0.5];
const ids = [30, 10, 60, 20, 50, 40];
const rows = [0, 1, 2, 3, 4, 5];

describe('easy-first ranking', () => {
  it('orders by score from the easy end, equal scores by ascending tie-break', () => {
    expect(rankEasyFirst(rows, scores, 'low', ids)).toEqual([1, 4, 3, 0, 5, 2]);
    expect(rankEasyFirst(rows, scores, 'high', ids)).toEqual([2, 3, 0, 5, 4, 1]);
  });

  it('does not depend on the order rows arrive in', () => {
    expect(rankEasyFirst([5, 2, 0, 4, 3, 1], scores, 'low', ids)).toEqual([1, 4, 3, 0, 5, 2]);
  });

  it('ranks only the given rows', () => {
    // rows 5, 0, 2: .5 (id 40), .5 (id 30), .9 → the .5 pair by id: 0 then 5, then 2
    expect(rankEasyFirst([5, 0, 2], scores, 'low', ids)).toEqual([0, 5, 2]);
  });

  it('refuses NaN and infinite scores', () => {
    expect(() => rankEasyFirst([0, 1], [0.2, NaN], 'low', [1, 2])).toThrow(/row 1 is NaN/);
    expect(() => rankEasyFirst([0, 1], [Infinity, 0], 'low', [1, 2])).toThrow(/row 0/);
  });
});

describe('easy-first and hard-first selection', () => {
  it('takes the budget easiest, easiest first (low = easy)', () => {
    expect(selectEasyFirst(rows, scores, 'low', ids, 3)).toEqual([1, 4, 3]);
  });

  it('takes the budget hardest, hardest first; ties still by ascending id', () => {
    // low = easy, so hardest = highest: row2 (.9), then the .5 trio by id: 3, 0
    expect(selectHardFirst(rows, scores, 'low', ids, 3)).toEqual([2, 3, 0]);
    // high = easy, so hardest = lowest: row1 (.1), row4 (.3)
    expect(selectHardFirst(rows, scores, 'high', ids, 2)).toEqual([1, 4]);
  });

  it('returns the whole class for a budget beyond it, nothing for 0', () => {
    expect(selectEasyFirst(rows, scores, 'low', ids, 99)).toEqual([1, 4, 3, 0, 5, 2]);
    expect(selectHardFirst(rows, scores, 'low', ids, 0)).toEqual([]);
  });

  it('refuses a negative or fractional budget', () => {
    expect(() => selectEasyFirst(rows, scores, 'low', ids, -1)).toThrow(/budget/);
    expect(() => selectHardFirst(rows, scores, 'low', ids, 1.5)).toThrow(/budget/);
  });
});
