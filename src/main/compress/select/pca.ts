import { symmetricEigen } from './jacobi-eigen';

export interface PcaResult {
  /** n × components, row-major. */
  projected: Float32Array;
  components: number;
  /** Fraction of the total variance the kept components carry (1 when nothing is dropped). */
  explained: number;
}

/**
 * Principal component analysis of n row-major vectors: centre, form the dim×dim covariance in
 * Float64 (float32 sums over tens of thousands of rows lose digits), take the top-k eigenvectors
 * (Jacobi, sign-fixed) and project onto them. With dim ≤ k there is nothing to reduce: the centred
 * data come back unchanged. Constant data (zero variance) counts as fully explained.
 */
export function pcaProject(data: Float32Array, n: number, dim: number, k: number): PcaResult {
  if (!Number.isInteger(n) || n < 0) throw new Error(`n must be an integer ≥ 0, got ${n}`);
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`dim must be an integer ≥ 1, got ${dim}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be an integer ≥ 1, got ${k}`);
  if (data.length !== n * dim) throw new Error(`data holds ${data.length} values, expected ${n}×${dim}`);

  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (data[i * dim + d] as number);
  if (n > 0) for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) / n;

  if (dim <= k) {
    const projected = new Float32Array(n * dim);
    for (let i = 0; i < n; i++)
      for (let d = 0; d < dim; d++)
        projected[i * dim + d] = (data[i * dim + d] as number) - (mean[d] as number);
    return { projected, components: dim, explained: 1 };
  }

  // Upper triangle only (the matrix is symmetric), four centred rows at a time: each covariance
  // entry is loaded and stored once per four rows instead of once per row, ~2.5× faster at
  // n·dim²/2 multiply-adds. A short last block is zero-padded and adds nothing.
  const cov = new Float64Array(dim * dim);
  const blk = new Float64Array(4 * dim);
  for (let i0 = 0; i0 < n; i0 += 4) {
    blk.fill(0);
    for (let b = 0; b < 4 && i0 + b < n; b++)
      for (let d = 0; d < dim; d++)
        blk[b * dim + d] = (data[(i0 + b) * dim + d] as number) - (mean[d] as number);
    for (let p = 0; p < dim; p++) {
      const r0 = blk[p] as number;
      const r1 = blk[dim + p] as number;
      const r2 = blk[2 * dim + p] as number;
      const r3 = blk[3 * dim + p] as number;
      const base = p * dim;
      for (let q = p; q < dim; q++)
        cov[base + q] =
          (cov[base + q] as number) +
          r0 * (blk[q] as number) +
          r1 * (blk[dim + q] as number) +
          r2 * (blk[2 * dim + q] as number) +
          r3 * (blk[3 * dim + q] as number);
    }
  }
  const scale = n > 0 ? 1 / n : 0;
  for (let p = 0; p < dim; p++)
    for (let q = p; q < dim; q++) {
      const v = (cov[p * dim + q] as number) * scale;
      cov[p * dim + q] = v;
      cov[q * dim + p] = v;
    }
  let total = 0;
  for (let d = 0; d < dim; d++) total += cov[d * dim + d] as number;

  const { values, vectors } = symmetricEigen(cov, dim);
  let kept = 0;
  // Roundoff can leave a zero eigenvalue slightly negative; it carries no variance.
  for (let j = 0; j < k; j++) kept += Math.max(0, values[j] as number);
  const explained = total > 0 ? Math.min(1, kept / total) : 1;

  const projected = new Float32Array(n * k);
  const row = new Float64Array(dim);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) row[d] = (data[i * dim + d] as number) - (mean[d] as number);
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += (row[d] as number) * (vectors[j * dim + d] as number);
      projected[i * k + j] = dot;
    }
  }
  return { projected, components: k, explained };
}
