/**
 * Copies the feature vectors of `rows` into one contiguous block (position i at i·dim), so the
 * O(budget·n·dim) loops of herding and k-center walk memory in order instead of jumping through
 * the whole dataset's matrix. Also the one place that checks rows against the matrix.
 */
export function gatherRows(features: Float32Array, dim: number, rows: readonly number[]): Float32Array {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`feature dim must be an integer ≥ 1, got ${dim}`);
  const count = Math.floor(features.length / dim);
  const out = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    if (!Number.isInteger(row) || row < 0 || row >= count)
      throw new Error(`row ${row} is outside the feature matrix (${count} rows of ${dim})`);
    out.set(features.subarray(row * dim, row * dim + dim), i * dim);
  }
  return out;
}

/**
 * Dot product of the vectors at offsets `a` and `b` of `x`. Unrolled by four with independent
 * accumulators: this is the inner loop of herding and k-center, and V8 does not unroll for us.
 */
export function dotAt(x: Float32Array, a: number, b: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    s0 += (x[a + d] as number) * (x[b + d] as number);
    s1 += (x[a + d + 1] as number) * (x[b + d + 1] as number);
    s2 += (x[a + d + 2] as number) * (x[b + d + 2] as number);
    s3 += (x[a + d + 3] as number) * (x[b + d + 3] as number);
  }
  for (; d < dim; d++) s0 += (x[a + d] as number) * (x[b + d] as number);
  return s0 + s1 + (s2 + s3);
}

/** Squared Euclidean distance between the vectors at offsets `a` and `b` of `x`, unrolled likewise. */
export function sqDistAt(x: Float32Array, a: number, b: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < dim; d += 4) {
    const d0 = (x[a + d] as number) - (x[b + d] as number);
    const d1 = (x[a + d + 1] as number) - (x[b + d + 1] as number);
    const d2 = (x[a + d + 2] as number) - (x[b + d + 2] as number);
    const d3 = (x[a + d + 3] as number) - (x[b + d + 3] as number);
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; d < dim; d++) {
    const d0 = (x[a + d] as number) - (x[b + d] as number);
    s0 += d0 * d0;
  }
  return s0 + s1 + (s2 + s3);
}
