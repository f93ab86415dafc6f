import { describe, expect, it } from 'vitest';
import { equalWidthBin, scoreHistogram } from '../../../../src/main/compress/select/histogram';

describe('equal-width bins', () => {
  it('puts the maximum in the last bin and equal values in bin 0', () => {
    // [0, 10] in 5 bins of width 2: 1.9 → 0, 2 → 1, 9.99 → 4, 10 → ⌊5⌋ = 5 → clamped to 4
    expect(equalWidthBin(1.9, 0, 10, 5)).toBe(0);
    expect(equalWidthBin(2, 0, 10, 5)).toBe(1);
    expect(equalWidthBin(9.99, 0, 10, 5)).toBe(4);
    expect(equalWidthBin(10, 0, 10, 5)).toBe(4);
    expect(equalWidthBin(3, 3, 3, 5)).toBe(0);
  });
});

describe('score histogram', () => {
  it('counts all and kept values per bin', () => {
    /*
     * values 0 1 2 3 4 10 over [0, 10], 5 bins of width 2 → edges 0 2 4 6 8 10
     * bins:  0 0 1 1 2 4  (10 → last bin)        → counts [2, 2, 1, 0, 1]
     * kept:  y n y y n y  → kept per bin: bin0 {0}, bin1 {2, 3}, bin4 {10} → [1, 2, 0, 0, 1]
     */
    const h = scoreHistogram([0, 1, 2, 3, 4, 10], [true, false, true, true, false, true], 5);
    expect(h.min).toBe(0);
    expect(h.max).toBe(10);
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 1, 0, 1]);
    expect(h.keptCounts).toEqual([1, 2, 0, 0, 1]);
  });

  it('puts all-equal values in bin 0 with edges spanning [v, v]', () => {
    const h = scoreHistogram(new Float64Array([3, 3, 3]), [true, false, false], 4);
    expect(h.edges).toEqual([3, 3, 3, 3, 3]);
    expect(h.counts).toEqual([3, 0, 0, 0]);
    expect(h.keptCounts).toEqual([1, 0, 0, 0]);
  });

  it('handles no values and rejects bad input', () => {
    expect(scoreHistogram([], [], 2)).toEqual({
      min: 0,
      max: 0,
      edges: [0, 0, 0],
      counts: [0, 0],
      keptCounts: [0, 0],
    });
    expect(() => scoreHistogram([1, 2], [true], 2)).toThrow(/kept/);
    expect(() => scoreHistogram([1, NaN], [true, true], 2)).toThrow(/NaN/);
    expect(() => scoreHistogram([1], [true], 0)).toThrow(/bins/);
  });
});
