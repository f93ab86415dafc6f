import { createRng } from '../../../shared/random';
import { symmetricEigen, type SymmetricEigen } from './jacobi-eigen';
import { addRowDots, ROWS_A_STEP, scratchArrays } from './row-dots';

/**
 * Top-k eigenpairs of a symmetric positive semi-definite matrix (a covariance) by block subspace
 * iteration with Rayleigh–Ritz. Full Jacobi costs ~dim³ per sweep (46 s at dim 1,152); this costs
 * dim²·p per step (p = k plus oversampling) and converges like (λ_{p+1}/λ_j)^step, so a few dozen
 * cheap steps replace it when dim ≫ k. All heavy products run in the row-dot kernel.
 */
export interface TopEigen extends SymmetricEigen {
  /** Rayleigh–Ritz steps taken. */
  iterations: number;
  converged: boolean;
}

/** Stop when every kept Ritz value moves by less than this fraction of itself between two steps. */
const TOLERANCE = 1e-9;
/** Ritz values of a null space wander at roundoff level (~dim·eps of the largest); never wait on them. */
const FLOOR = 1e-12;
const MAX_ITERATIONS = 300;
/** Fixed, so the start block (and hence every result) is the same on every run. */
const START_SEED = 0x51ab5ace;

const roundUp = (v: number, step: number): number => Math.ceil(v / step) * step;

/** Kernel-memory operands: padded to a multiple of four rows and an even row length (zeros add nothing). */
interface Work {
  p: number;
  rows: number;
  len: number;
  c: Float64Array;
  q: Float64Array;
  z: Float64Array;
  zt: Float64Array;
  small: Float64Array;
  smallOut: Float64Array;
}

export function topSymmetricEigen(matrix: Float64Array, dim: number, k: number): TopEigen {
  if (matrix.length !== dim * dim) throw new Error(`matrix holds ${matrix.length} values, expected ${dim}²`);
  if (!Number.isInteger(k) || k < 1 || k > dim)
    throw new Error(`k must be an integer in 1..${dim}, got ${k}`);
  // Oversampling speeds convergence: the rate depends on λ_{p+1}, not λ_{k+1}.
  const p = Math.min(dim, k + Math.max(16, k >> 1));
  const rows = roundUp(p, ROWS_A_STEP);
  const len = roundUp(dim, 2);
  const [c, q, z, zt, small, smallOut] = scratchArrays([
    len * len,
    rows * len,
    rows * len,
    len * rows,
    rows * rows,
    rows * rows,
  ]);
  const w: Work = { p, rows, len, c, q, z, zt, small, smallOut };
  for (let r = 0; r < dim; r++) w.c.set(matrix.subarray(r * dim, r * dim + dim), r * len);

  // Seeded Gaussian start: almost surely not orthogonal to any eigenvector, unlike unit vectors,
  // which miss a covariance whose variance lives away from the first coordinates.
  const rng = createRng(START_SEED);
  for (let j = 0; j < p; j++)
    for (let d = 0; d < dim; d++)
      w.q[j * len + d] = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  orthonormalize(w, dim);

  const prev = new Float64Array(k).fill(Number.NaN);
  for (let it = 1; ; it++) {
    // Z = Q·C (C is symmetric, so its rows are its columns); H = Q·Zᵀ = Q·C·Qᵀ, C seen in span(Q).
    w.z.fill(0);
    addRowDots(w.q, rows, w.c, len, len, w.z, len);
    w.smallOut.fill(0);
    addRowDots(w.q, rows, w.z, rows, len, w.smallOut, rows);
    // Roundoff leaves H a little asymmetric; Jacobi assumes exact symmetry.
    const h = new Float64Array(p * p);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++)
        h[i * p + j] = ((w.smallOut[i * rows + j] as number) + (w.smallOut[j * rows + i] as number)) / 2;
    const ritz = symmetricEigen(h, p);
    const top = Math.abs(ritz.values[0] as number);
    let converged = true;
    for (let j = 0; j < k; j++) {
      const v = ritz.values[j] as number;
      if (!(Math.abs(v - (prev[j] as number)) <= TOLERANCE * Math.abs(v) + FLOOR * top)) converged = false;
      prev[j] = v;
    }
    if (converged || it === MAX_ITERATIONS)
      return { ...ritzVectors(ritz, w.q, k, len, dim), iterations: it, converged };
    // Next block: C times the Ritz vectors, W·Z, in descending Ritz order so that orthonormalizing
    // keeps the dominant directions first and the next H is already nearly diagonal for Jacobi.
    w.small.fill(0);
    for (let j = 0; j < p; j++) w.small.set(ritz.vectors.subarray(j * p, j * p + p), j * rows);
    leftMultiply(w, w.z);
    orthonormalize(w, dim);
  }
}

/** q ← small·m (rows×rows times rows×len), through mᵀ so the kernel sees rows on both sides. */
function leftMultiply(w: Work, m: Float64Array): void {
  for (let i = 0; i < w.rows; i++)
    for (let l = 0; l < w.len; l++) w.zt[l * w.rows + i] = m[i * w.len + l] as number;
  w.q.fill(0);
  addRowDots(w.small, w.rows, w.zt, w.len, w.rows, w.q, w.len);
}

/**
 * Orthonormalize the first p rows of q in order (row j stays in the span of rows 0..j, as in
 * Gram–Schmidt) by Cholesky QR done twice: Q ← L⁻¹·Q with Q·Qᵀ = L·Lᵀ. After scaling rows to unit
 * length its error is ~eps·cond², and the second pass brings it to roundoff. A nearly dependent block
 * (rank of C below p) would make L singular; modified Gram–Schmidt handles that case instead.
 */
function orthonormalize(w: Work, dim: number): void {
  const { p, rows, len, q } = w;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < p; j++) {
      const v = q.subarray(j * len, j * len + len);
      const s = Math.sqrt(dotSelf(v));
      if (!(s > 0)) return gramSchmidt(q, p, len, dim);
      for (let l = 0; l < len; l++) v[l] = (v[l] as number) / s;
    }
    w.smallOut.fill(0);
    addRowDots(q, rows, q, rows, len, w.smallOut, rows);
    const g = w.smallOut;
    const inv = w.small;
    inv.fill(0);
    // Cholesky G = L·Lᵀ row by row (L overwrites G's lower triangle), then L⁻¹ by forward substitution.
    for (let j = 0; j < p; j++) {
      for (let i = 0; i <= j; i++) {
        let s = g[j * rows + i] as number;
        for (let m = 0; m < i; m++) s -= (g[j * rows + m] as number) * (g[i * rows + m] as number);
        if (i < j) g[j * rows + i] = s / (g[i * rows + i] as number);
        else if (s > 1e-10) g[j * rows + j] = Math.sqrt(s);
        else return gramSchmidt(q, p, len, dim);
      }
      inv[j * rows + j] = 1 / (g[j * rows + j] as number);
      for (let i = 0; i < j; i++) {
        let s = 0;
        for (let m = i; m < j; m++) s += (g[j * rows + m] as number) * (inv[m * rows + i] as number);
        inv[j * rows + i] = -s / (g[j * rows + j] as number);
      }
    }
    leftMultiply(w, q);
  }
}

/** The first k Ritz vectors W·Q in dim space, sign-fixed like Jacobi's (largest-|x| entry positive). */
function ritzVectors(
  ritz: SymmetricEigen,
  q: Float64Array,
  k: number,
  len: number,
  dim: number,
): SymmetricEigen {
  const p = ritz.values.length;
  const vectors = new Float64Array(k * dim);
  for (let j = 0; j < k; j++) {
    const v = vectors.subarray(j * dim, j * dim + dim);
    for (let i = 0; i < p; i++) {
      const f = ritz.vectors[j * p + i] as number;
      for (let d = 0; d < dim; d++) v[d] = (v[d] as number) + f * (q[i * len + d] as number);
    }
    let big = 0;
    for (let d = 1; d < dim; d++) if (Math.abs(v[d] as number) > Math.abs(v[big] as number)) big = d;
    if ((v[big] as number) < 0) for (let d = 0; d < dim; d++) v[d] = -(v[d] as number);
  }
  return { values: ritz.values.slice(0, k), vectors };
}

/**
 * Modified Gram–Schmidt, each row twice ("twice is enough"). A row that (nearly) vanishes lies in
 * the span of the earlier ones; it is replaced by the first unit vector not yet spanned, so the
 * block stays a full orthonormal basis even when C has rank below p.
 */
function gramSchmidt(q: Float64Array, rows: number, len: number, dim: number): void {
  let unit = 0;
  for (let j = 0; j < rows; j++) {
    const v = q.subarray(j * len, j * len + len);
    const before = Math.sqrt(dotSelf(v));
    for (let pass = 0; pass < 2; pass++) subtractProjections(q, j, len, v);
    let after = Math.sqrt(dotSelf(v));
    while (!(after > 1e-10 * before) && unit < dim) {
      v.fill(0);
      v[unit++] = 1;
      for (let pass = 0; pass < 2; pass++) subtractProjections(q, j, len, v);
      after = Math.sqrt(dotSelf(v));
      if (after < 0.5) after = 0;
    }
    for (let l = 0; l < len; l++) v[l] = (v[l] as number) / after;
  }
}

function subtractProjections(q: Float64Array, j: number, len: number, v: Float64Array): void {
  for (let i = 0; i < j; i++) {
    let dot = 0;
    for (let l = 0; l < len; l++) dot += (q[i * len + l] as number) * (v[l] as number);
    for (let l = 0; l < len; l++) v[l] = (v[l] as number) - dot * (q[i * len + l] as number);
  }
}

function dotSelf(v: Float64Array): number {
  let s = 0;
  for (let l = 0; l < v.length; l++) s += (v[l] as number) * (v[l] as number);
  return s;
}
