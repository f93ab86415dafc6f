import { checkBudget } from './check';
import { dotAt, gatherRows } from './feature-rows';

/**
 * Herding (Welling 2009, as used by the coreset literature): greedy mean matching in feature
 * space. μ is the mean of the rows' vectors; step t (0-based) picks the unchosen x minimising
 * ‖μ·(t+1) − S_t − x‖², S_t the sum of the t vectors chosen so far, so every prefix of the
 * result keeps its running mean as close to μ as a greedy step can. Ties go to the earliest
 * position in `rows`. Returns min(budget, rows.length) rows in selection order.
 *
 * Expanding the square, ‖g − x‖² = ‖g‖² + ‖x‖² − 2·g·x with g = μ·(t+1) − S_t, and ‖g‖² is the
 * same for every candidate, so it minimises ‖x‖² − 2(t+1)·(μ·x) + 2·(S_t·x). ‖x‖² and μ·x are
 * computed once; S_t·x grows by one dot product per step. One dot per row per step, no per-step
 * vectors.
 */
export function herding(
  features: Float32Array,
  dim: number,
  rows: readonly number[],
  budget: number,
): number[] {
  checkBudget(budget);
  const n = rows.length;
  const steps = Math.min(budget, n);
  if (steps === 0) return [];
  const x = gatherRows(features, dim, rows);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (x[i * dim + d] as number);
  for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) / n;

  const norm = new Float64Array(n); // ‖x‖²
  const meanDot = new Float64Array(n); // μ·x
  const sumDot = new Float64Array(n); // S_t·x
  for (let i = 0; i < n; i++) {
    norm[i] = dotAt(x, i * dim, i * dim, dim);
    let m = 0;
    for (let d = 0; d < dim; d++) m += (mean[d] as number) * (x[i * dim + d] as number);
    meanDot[i] = m;
  }
  const taken = new Uint8Array(n);
  const out: number[] = [];
  for (let t = 0; t < steps; t++) {
    let best = -1;
    let bestCost = Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const cost = (norm[i] as number) - 2 * ((t + 1) * (meanDot[i] as number) - (sumDot[i] as number));
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    // Only non-finite features leave no finite cost; fall back to the first free row.
    if (best < 0) best = taken.indexOf(0);
    taken[best] = 1;
    out.push(rows[best] as number);
    if (t === steps - 1) break;
    const bbase = best * dim;
    for (let i = 0; i < n; i++)
      if (!taken[i]) sumDot[i] = (sumDot[i] as number) + dotAt(x, bbase, i * dim, dim);
  }
  return out;
}
