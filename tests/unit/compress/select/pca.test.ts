import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/shared/random';
import { pcaProject } from '../../../../src/main/compress/select/pca';
import { symmetricEigen } from '../../../../src/main/compress/select/jacobi-eigen';

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 5): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

describe('Jacobi eigen-decomposition', () => {
  it('diagonalises [[2,1],[1,2]]: 3 along (1,1)/√2, 1 along (1,−1)/√2', () => {
    // One rotation, t = 1, c = s = 1/√2. For λ = 1 the entries tie in size; the first is made
    // positive, so (1, −1)/√2 rather than (−1, 1)/√2.
    const { values, vectors } = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
    expectClose(values, [3, 1], 12);
    const r = Math.SQRT1_2;
    expectClose(vectors, [r, r, r, -r], 12);
  });

  it('sorts a diagonal matrix descending without rotating it', () => {
    const { values, vectors } = symmetricEigen(new Float64Array([1, 0, 0, 0, 3, 0, 0, 0, 2]), 3);
    expect([...values]).toEqual([3, 2, 1]);
    expect([...vectors]).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  it('gives orthonormal vectors with A·v = λ·v on a random symmetric matrix', () => {
    const rng = createRng(6);
    const d = 20;
    const a = new Float64Array(d * d);
    for (let p = 0; p < d; p++) for (let q = p; q < d; q++) a[p * d + q] = a[q * d + p] = rng() * 2 - 1;
    const { values, vectors } = symmetricEigen(a, d);
    for (let j = 0; j < d; j++) {
      if (j > 0) expect(values[j]).toBeLessThanOrEqual(values[j - 1] as number);
      const row = [...vectors.subarray(j * d, j * d + d)];
      const biggest = row.reduce((b, v) => (Math.abs(v) > Math.abs(b) ? v : b), 0);
      expect(biggest).toBeGreaterThan(0);
      for (let p = 0; p < d; p++) {
        let av = 0;
        for (let q = 0; q < d; q++) av += (a[p * d + q] as number) * (vectors[j * d + q] as number);
        expect(av).toBeCloseTo((values[j] as number) * (vectors[j * d + p] as number), 9);
      }
      for (let k = 0; k < d; k++) {
        let dot = 0;
        for (let p = 0; p < d; p++) dot += (vectors[j * d + p] as number) * (vectors[k * d + p] as number);
        expect(dot).toBeCloseTo(j === k ? 1 : 0, 9);
      }
    }
  });
});

describe('PCA projection', () => {
  it('points on a 3-D line project to their signed distance along it', () => {
    /*
     * p = (1,2,3) + t·u, u = (−0.6, 0.8, 0), t = −10, −5, 0, 15 (mean 0):
     *   (7,−6,3) (4,−2,3) (1,2,3) (−8,14,3); centred = t·u.
     * Covariance = (Σt²/4)·u·uᵀ = 87.5·u·uᵀ: one non-zero eigenvalue, explained 87.5 / 87.5 = 1.
     * The eigenvector's largest entry (0.8) is made positive, so it is +u and coordinates are t.
     */
    const data = new Float32Array([7, -6, 3, 4, -2, 3, 1, 2, 3, -8, 14, 3]);
    const { projected, components, explained } = pcaProject(data, 4, 3, 1);
    expect(components).toBe(1);
    expect(explained).toBeCloseTo(1, 9);
    expectClose(projected, [-10, -5, 0, 15]);
  });

  it('keeps the larger axis of a diagonal covariance', () => {
    /*
     * (1,0) (−1,0) (0,3) (0,−3): mean 0, var x = 2/4 = 0.5, var y = 18/4 = 4.5, cov 0.
     * Top component (0,1): coordinates = y; explained 4.5 / 5 = 0.9.
     */
    const { projected, explained } = pcaProject(new Float32Array([1, 0, -1, 0, 0, 3, 0, -3]), 4, 2, 1);
    expect(explained).toBeCloseTo(0.9, 9);
    expectClose(projected, [0, 0, 3, -3]);
  });

  it('finds a rotated axis', () => {
    /*
     * (3,3) (−3,−3) (1,−1) (−1,1): var x = var y = (9+9+1+1)/4 = 5, cov = (9+9−1−1)/4 = 4.
     * Eigenvalues 5 ± 4 = 9, 1; top vector (1,1)/√2, explained 9/10.
     * Coordinates 6/√2 = 3√2, −3√2, 0, 0.
     */
    const { projected, explained } = pcaProject(new Float32Array([3, 3, -3, -3, 1, -1, -1, 1]), 4, 2, 1);
    expect(explained).toBeCloseTo(0.9, 9);
    const s = 3 * Math.SQRT2;
    expectClose(projected, [s, -s, 0, 0]);
  });

  it('returns the centred data when k ≥ dim', () => {
    // (1,2) (3,6): mean (2,4) → (−1,−2) (1,2)
    const out = pcaProject(new Float32Array([1, 2, 3, 6]), 2, 2, 5);
    expect(out.components).toBe(2);
    expect(out.explained).toBe(1);
    expect([...out.projected]).toEqual([-1, -2, 1, 2]);
  });

  it('gives uncorrelated components of descending variance on random data', () => {
    const rng = createRng(12);
    const n = 300;
    const dim = 8;
    const k = 3;
    const data = new Float32Array(n * dim).map((_, i) => rng() * (1 + (i % dim)));
    const { projected, explained } = pcaProject(data, n, dim, k);
    expect(explained).toBeGreaterThan(0);
    expect(explained).toBeLessThan(1);
    const cov = (a: number, b: number): number => {
      let s = 0;
      for (let i = 0; i < n; i++) s += (projected[i * k + a] as number) * (projected[i * k + b] as number);
      return s / n;
    };
    expect(cov(0, 0)).toBeGreaterThan(cov(1, 1));
    expect(cov(1, 1)).toBeGreaterThan(cov(2, 2));
    expect(Math.abs(cov(0, 1))).toBeLessThan(1e-4 * cov(0, 0));
    expect(Math.abs(cov(1, 2))).toBeLessThan(1e-4 * cov(0, 0));
  });

  it('checks its arguments', () => {
    expect(() => pcaProject(new Float32Array(5), 2, 3, 1)).toThrow(/expected 2×3/);
    expect(() => pcaProject(new Float32Array(6), 2, 3, 0)).toThrow(/k must/);
  });
});

describe('PCA fitted on a sample of the rows', () => {
  // 3,000 rows in 12 dims, variances growing 2.25× per dim (a clear top axis); 1,000 sampled rows.
  const rng = createRng(33);
  const n = 3000;
  const dim = 12;
  const data = new Float32Array(n * dim).map((_, i) => (rng() - 0.5) * 1.5 ** (i % dim) + (i % 3));

  it('is deterministic: the same sample, hence the same projection, every time', () => {
    const a = pcaProject(data, n, dim, 4, { fitRows: 1000 });
    const b = pcaProject(data, n, dim, 4, { fitRows: 1000 });
    expect(b.explained).toBe(a.explained);
    expect([...b.projected]).toEqual([...a.projected]);
  });

  it('fits on the sample but projects every row, close to the full fit', () => {
    const sampled = pcaProject(data, n, dim, 4, { fitRows: 1000 });
    const full = pcaProject(data, n, dim, 4, { fitRows: n });
    expect(sampled.projected.length).toBe(n * 4);
    expect(sampled.explained).not.toBe(full.explained);
    expect(Math.abs(sampled.explained - full.explained)).toBeLessThan(0.005);
    // The top component is the highest-variance axis (dim 11) in both fits: coordinates agree closely.
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      diff = Math.max(
        diff,
        Math.abs((sampled.projected[i * 4] as number) - (full.projected[i * 4] as number)),
      );
      scale = Math.max(scale, Math.abs(full.projected[i * 4] as number));
    }
    expect(diff / scale).toBeLessThan(0.05);
  });

  it('uses every row when n ≤ fitRows (the default is 20,000)', () => {
    const byDefault = pcaProject(data, n, dim, 4);
    const all = pcaProject(data, n, dim, 4, { fitRows: n });
    expect([...byDefault.projected]).toEqual([...all.projected]);
  });

  it('checks fitRows', () => {
    expect(() => pcaProject(data, n, dim, 4, { fitRows: 0 })).toThrow(/fitRows/);
  });
});
