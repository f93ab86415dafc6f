import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/shared/random';
import { herding } from '../../../../src/main/compress/select/herding';

/*
 * Matrix row 0 is a decoy at the mean that is not among the candidate rows. Rows 1–5:
 *   r1 (4, −3)   r2 (0, 1.5)   r3 (1, 0)   r4 (−3, 1.5)   r5 (−2, 0)
 * Sums: x 4+0+1−3−2 = 0, y −3+1.5+0+1.5+0 = 0 → μ = (0, 0).
 * t=0: target μ = (0,0); ‖·‖²: r1 25, r2 2.25, r3 1, r4 11.25, r5 4 → r3; S = (1, 0)
 * t=1: target 2μ − S = (−1, 0): r1 25+9 = 34, r2 1+2.25 = 3.25, r4 4+2.25 = 6.25, r5 1 → r5.
 *      r2 is nearer the mean than r5 (2.25 < 4), but r5 cancels r3's offset.  S = (−1, 0)
 * t=2: target (1, 0): r1 9+9 = 18, r2 1+2.25 = 3.25, r4 16+2.25 = 18.25 → r2; S = (−1, 1.5)
 * t=3: target (1, −1.5): r1 9+2.25 = 11.25, r4 16+9 = 25 → r1; then r4.
 */
const points = [
  [0, 0],
  [4, -3],
  [0, 1.5],
  [1, 0],
  [-3, 1.5],
  [-2, 0],
];
const features = new Float32Array(points.flat());

describe('herding', () => {
  it('picks the point nearest the mean, then the one that cancels its offset', () => {
    expect(herding(features, 2, [1, 2, 3, 4, 5], 5)).toEqual([3, 5, 2, 1, 4]);
    expect(herding(features, 2, [1, 2, 3, 4, 5], 2)).toEqual([3, 5]);
  });

  it('breaks ties by position in rows', () => {
    // (−1, 0) and (1, 0) around mean (0, 0): both at distance² 1.
    const f = new Float32Array([-1, 0, 1, 0]);
    expect(herding(f, 2, [0, 1], 1)).toEqual([0]);
    expect(herding(f, 2, [1, 0], 1)).toEqual([1]);
  });

  it('caps the budget at the pool and checks its input', () => {
    expect(herding(features, 2, [2, 3], 5)).toHaveLength(2);
    expect(herding(features, 2, [2, 3], 0)).toEqual([]);
    expect(() => herding(features, 2, [6], 1)).toThrow(/outside/);
    expect(() => herding(features, 2, [1], -1)).toThrow(/budget/);
  });

  it('returns budget distinct rows of the pool on 6000 × 64 features', () => {
    const rng = createRng(4);
    const n = 6000;
    const data = new Float32Array(n * 64).map(() => rng() * 2 - 1);
    const pool = Array.from({ length: n }, (_, i) => i);
    const out = herding(data, 64, pool, 50);
    expect(out).toHaveLength(50);
    expect(new Set(out).size).toBe(50);
    for (const r of out) expect(r >= 0 && r < n).toBe(true);
  });
});
