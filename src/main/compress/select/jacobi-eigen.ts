/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method: rotate away each
 * off-diagonal entry in turn until the matrix is diagonal. Chosen over faster QR-based methods for
 * being short, unconditionally stable for symmetric input, and accurate on small eigenvalues. It
 * costs ~dim³ per sweep (46 s in all at dim 1,152), so PCA uses it directly only for small dims and
 * otherwise on the small Rayleigh–Ritz matrix of subspace iteration (subspace-eigen.ts).
 */
export interface SymmetricEigen {
  /** Descending. */
  values: Float64Array;
  /** Row j (at j·dim) is the unit eigenvector of values[j]; its largest-|x| entry is positive. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 60;

/** `matrix` is dim×dim row-major and must be symmetric; it is not modified. */
export function symmetricEigen(matrix: Float64Array, dim: number): SymmetricEigen {
  if (matrix.length !== dim * dim) throw new Error(`matrix holds ${matrix.length} values, expected ${dim}²`);
  const a = Float64Array.from(matrix);
  // Eigenvectors stored as rows (the transpose of the textbook V) so each rotation updates two
  // contiguous rows instead of two strided columns.
  const e = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) e[i * dim + i] = 1;

  let frob = 0;
  for (let i = 0; i < a.length; i++) frob += (a[i] as number) * (a[i] as number);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < dim; p++)
      for (let q = p + 1; q < dim; q++) off += (a[p * dim + q] as number) * (a[p * dim + q] as number);
    // Stop when the off-diagonal norm is below 1e-12 of the matrix norm (squared: 1e-24), far
    // below the float32 data's own precision (~6e-8); demanding exact zeros costs another sweep.
    if (off <= 1e-24 * frob) break;
    for (let p = 0; p < dim - 1; p++) {
      for (let q = p + 1; q < dim; q++) {
        const apq = a[p * dim + q] as number;
        if (apq === 0) continue;
        const app = a[p * dim + p] as number;
        const aqq = a[q * dim + q] as number;
        // After a few sweeps an entry too small to change either diagonal is simply dropped
        // (Numerical Recipes' rule), which is what lets the iteration reach an exact zero.
        const g = 100 * Math.abs(apq);
        if (sweep > 3 && Math.abs(app) + g === Math.abs(app) && Math.abs(aqq) + g === Math.abs(aqq)) {
          a[p * dim + q] = 0;
          a[q * dim + p] = 0;
          continue;
        }
        // The rotation angle that zeroes a_pq, in the cancellation-free form (smaller root of t).
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        a[p * dim + p] = app - t * apq;
        a[q * dim + q] = aqq + t * apq;
        a[p * dim + q] = 0;
        a[q * dim + p] = 0;
        const rp = p * dim;
        const rq = q * dim;
        for (let k = 0; k < dim; k++) {
          if (k === p || k === q) continue;
          const akp = a[rp + k] as number;
          const akq = a[rq + k] as number;
          const np = c * akp - s * akq;
          const nq = s * akp + c * akq;
          a[rp + k] = np;
          a[k * dim + p] = np;
          a[rq + k] = nq;
          a[k * dim + q] = nq;
        }
        for (let k = 0; k < dim; k++) {
          const ep = e[rp + k] as number;
          const eq = e[rq + k] as number;
          e[rp + k] = c * ep - s * eq;
          e[rq + k] = s * ep + c * eq;
        }
      }
    }
  }

  const order = Array.from({ length: dim }, (_, i) => i).sort(
    (i, j) => (a[j * dim + j] as number) - (a[i * dim + i] as number) || i - j,
  );
  const values = new Float64Array(dim);
  const vectors = new Float64Array(dim * dim);
  order.forEach((src, dst) => {
    values[dst] = a[src * dim + src] as number;
    // An eigenvector's sign is arbitrary; fix it so projections do not flip between runs or builds.
    let big = 0;
    for (let k = 1; k < dim; k++)
      if (Math.abs(e[src * dim + k] as number) > Math.abs(e[src * dim + big] as number)) big = k;
    const sign = (e[src * dim + big] as number) < 0 ? -1 : 1;
    for (let k = 0; k < dim; k++) vectors[dst * dim + k] = sign * (e[src * dim + k] as number);
  });
  return { values, vectors };
}
