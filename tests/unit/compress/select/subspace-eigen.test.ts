import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/shared/random';
import { symmetricEigen } from '../../../../src/main/compress/select/jacobi-eigen';
import { topSymmetricEigen } from '../../../../src/main/compress/select/subspace-eigen';
import { pcaProject } from '../../../../src/main/compress/select/pca';

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** dim×dim with orthonormal rows: Gram–Schmidt of a Gaussian matrix. */
function randomOrthogonal(dim: number, rng: () => number): Float64Array {
  const b = new Float64Array(dim * dim).map(() => gaussian(rng));
  for (let j = 0; j < dim; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += (b[i * dim + d] as number) * (b[j * dim + d] as number);
      for (let d = 0; d < dim; d++)
        b[j * dim + d] = (b[j * dim + d] as number) - dot * (b[i * dim + d] as number);
    }
    let s = 0;
    for (let d = 0; d < dim; d++) s += (b[j * dim + d] as number) ** 2;
    for (let d = 0; d < dim; d++) b[j * dim + d] = (b[j * dim + d] as number) / Math.sqrt(s);
  }
  return b;
}

/** n rows Σⱼ gⱼ·scaleⱼ·basisⱼ (g Gaussian) plus an offset: covariance ≈ basisᵀ·diag(scale²)·basis. */
function syntheticData(n: number, dim: number, scales: number[], seed: number): Float32Array {
  const rng = createRng(seed);
  const basis = randomOrthogonal(dim, rng);
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(dim).fill(3);
    scales.forEach((s, j) => {
      const g = gaussian(rng) * s;
      for (let d = 0; d < dim; d++) row[d] = (row[d] as number) + g * (basis[j * dim + d] as number);
    });
    data.set(row, i * dim);
  }
  return data;
}

/** Reference PCA the slow, obvious way: Float64 covariance, full Jacobi, row-by-row projection. */
function referencePca(data: Float32Array, n: number, dim: number, k: number) {
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (data[i * dim + d] as number) / n;
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) row[d] = (data[i * dim + d] as number) - (mean[d] as number);
    for (let p = 0; p < dim; p++)
      for (let q = p; q < dim; q++)
        cov[p * dim + q] = (cov[p * dim + q] as number) + ((row[p] as number) * (row[q] as number)) / n;
  }
  for (let p = 0; p < dim; p++) for (let q = 0; q < p; q++) cov[p * dim + q] = cov[q * dim + p] as number;
  const { values, vectors } = symmetricEigen(cov, dim);
  const projected = new Float64Array(n * k);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++)
        s += ((data[i * dim + d] as number) - (mean[d] as number)) * (vectors[j * dim + d] as number);
      projected[i * k + j] = s;
    }
  return { cov, values, projected };
}

describe('subspace iteration', () => {
  const n = 5000;
  const dim = 300;
  const k = 8;
  // Decaying scales (variance halves every two components) on a random orthogonal basis, and a
  // flat tail so the matrix is full rank like real features.
  const scales = Array.from({ length: dim }, (_, j) => (j < 40 ? 4 * Math.SQRT1_2 ** j : 0.01));
  const data = syntheticData(n, dim, scales, 21);
  const ref = referencePca(data, n, dim, k);

  it('finds the top-8 eigenvalues full Jacobi finds, within 1e-6', () => {
    const top = topSymmetricEigen(ref.cov, dim, k);
    expect(top.converged).toBe(true);
    for (let j = 0; j < k; j++) {
      const want = ref.values[j] as number;
      expect(Math.abs((top.values[j] as number) - want) / want).toBeLessThan(1e-6);
    }
  });

  it('gives PCA projections equal to the full-Jacobi ones, signs included', () => {
    const { projected, components, explained } = pcaProject(data, n, dim, k);
    expect(components).toBe(k);
    let kept = 0;
    let total = 0;
    for (let j = 0; j < k; j++) kept += ref.values[j] as number;
    for (let d = 0; d < dim; d++) total += ref.cov[d * dim + d] as number;
    expect(Math.abs(explained - kept / total)).toBeLessThan(1e-6);
    for (let j = 0; j < k; j++) {
      const std = Math.sqrt(ref.values[j] as number);
      let worst = 0;
      for (let i = 0; i < n; i++)
        worst = Math.max(
          worst,
          Math.abs((projected[i * k + j] as number) - (ref.projected[i * k + j] as number)),
        );
      // Float32 output: ~1e-7 relative to the coordinates, which reach several standard deviations.
      expect(worst / std).toBeLessThan(1e-6);
    }
  });

  it('handles a matrix of rank below the block size', () => {
    // Rank 10 < k = 64 < block: the null space has no preferred basis, but its Ritz values are 0.
    const d = 200;
    const basis = randomOrthogonal(d, createRng(5));
    const m = new Float64Array(d * d);
    for (let j = 0; j < 10; j++)
      for (let p = 0; p < d; p++)
        for (let q = 0; q < d; q++)
          m[p * d + q] =
            (m[p * d + q] as number) + 2 ** -j * (basis[j * d + p] as number) * (basis[j * d + q] as number);
    const top = topSymmetricEigen(m, d, 64);
    expect(top.converged).toBe(true);
    for (let j = 0; j < 10; j++) expect(top.values[j]).toBeCloseTo(2 ** -j, 12);
    for (let j = 10; j < 64; j++) expect(Math.abs(top.values[j] as number)).toBeLessThan(1e-12);
    for (let a = 0; a < 64; a++)
      for (let b = a; b < 64; b++) {
        let dot = 0;
        for (let p = 0; p < d; p++)
          dot += (top.vectors[a * d + p] as number) * (top.vectors[b * d + p] as number);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
  });

  it('returns unit vectors for a zero matrix, as Jacobi does', () => {
    const d = 150;
    const top = topSymmetricEigen(new Float64Array(d * d), d, 3);
    const full = symmetricEigen(new Float64Array(d * d), d);
    expect([...top.values]).toEqual([0, 0, 0]);
    expect([...top.vectors]).toEqual([...full.vectors.subarray(0, 3 * d)]);
  });
});
