import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/shared/random';
import { kCenterGreedy } from '../../../../src/main/compress/select/k-center';

/*
 *   r0 (0,0)   r1 (1,0)   r2 (10,0)   r3 (0,5)   r4 (6,4)
 * Start r0: d² r1 1, r2 100, r3 25, r4 36+16 = 52 → r2
 *   after r2 (10,0): r1 min(1, 81) = 1, r3 min(25, 125) = 25, r4 min(52, 16+16 = 32) = 32 → r4
 *   after r4 (6,4):  r1 min(1, 25+16) = 1, r3 min(25, 36+1) = 25 → r3, then r1
 * Start r3: d² r0 25, r1 1+25 = 26, r2 100+25 = 125, r4 36+1 = 37 → r2
 *   after r2: r0 min(25, 100) = 25, r1 min(26, 81) = 26, r4 min(37, 32) = 32 → r4
 *   after r4: r0 min(25, 36+16) = 25, r1 min(26, 25+16) = 26 → r1 (26 beats 25), then r0
 */
const features = new Float32Array([0, 0, 1, 0, 10, 0, 0, 5, 6, 4]);
const rows = [0, 1, 2, 3, 4];

describe('k-center greedy', () => {
  it('adds the point farthest from its nearest center each step', () => {
    expect(kCenterGreedy(features, 2, rows, 5, 0)).toEqual([0, 2, 4, 3, 1]);
    expect(kCenterGreedy(features, 2, rows, 5, 3)).toEqual([3, 2, 4, 1, 0]);
    expect(kCenterGreedy(features, 2, rows, 3, 3)).toEqual([3, 2, 4]);
  });

  it('`first` is a position in rows, and results are rows', () => {
    // rows [4, 0, 2]: first = 1 → r0; farthest of r4 (52), r2 (100) → r2; then r4
    expect(kCenterGreedy(features, 2, [4, 0, 2], 3, 1)).toEqual([0, 2, 4]);
  });

  it('breaks ties by position, and still picks distinct rows among duplicates', () => {
    // (−1,0) (0,0) (1,0) from the middle: both ends at d² 1 → the earlier position
    const line = new Float32Array([-1, 0, 0, 0, 1, 0]);
    expect(kCenterGreedy(line, 2, [0, 1, 2], 2, 1)).toEqual([1, 0]);
    expect(kCenterGreedy(line, 2, [2, 1, 0], 2, 1)).toEqual([1, 2]);
    const same = new Float32Array(8).fill(3);
    expect(kCenterGreedy(same, 2, [0, 1, 2, 3], 4, 2)).toEqual([2, 0, 1, 3]);
  });

  it('handles small budgets and rejects a bad start', () => {
    expect(kCenterGreedy(features, 2, rows, 0, 0)).toEqual([]);
    expect(kCenterGreedy(features, 2, rows, 9, 0)).toHaveLength(5);
    expect(() => kCenterGreedy(features, 2, rows, 2, 5)).toThrow(/first/);
  });

  it('returns budget distinct rows of the pool on 6000 × 64 features', () => {
    const rng = createRng(8);
    const n = 6000;
    const data = new Float32Array(n * 64).map(() => rng() * 2 - 1);
    const pool = Array.from({ length: n }, (_, i) => i);
    const out = kCenterGreedy(data, 64, pool, 50, 123);
    expect(out).toHaveLength(50);
    expect(out[0]).toBe(123);
    expect(new Set(out).size).toBe(50);
  });
});
