import { checkBudget } from './check';
import { gatherRows, sqDistAt } from './feature-rows';

/**
 * k-center greedy (Sener & Savarese 2018's coreset baseline): farthest-first traversal. Start at
 * rows[first], then repeatedly add the row whose squared distance to its nearest chosen center is
 * largest (ties → earliest position in `rows`). The nearest-center distances are kept in one array
 * and lowered after each pick, so the cost is O(budget·n·dim) with no per-step allocation.
 * Returns min(budget, rows.length) rows in selection order; `first` is the caller's seeded draw.
 */
export function kCenterGreedy(
  features: Float32Array,
  dim: number,
  rows: readonly number[],
  budget: number,
  first: number,
): number[] {
  checkBudget(budget);
  const n = rows.length;
  const steps = Math.min(budget, n);
  if (steps === 0) return [];
  if (!Number.isInteger(first) || first < 0 || first >= n)
    throw new Error(`first center ${first} is outside 0..${n - 1}`);
  const x = gatherRows(features, dim, rows);
  const nearest = new Float64Array(n).fill(Infinity);
  const taken = new Uint8Array(n);
  const out: number[] = [];
  let center = first;
  for (let t = 0; t < steps; t++) {
    taken[center] = 1;
    out.push(rows[center] as number);
    if (t === steps - 1) break;
    const cbase = center * dim;
    let best = -1;
    let bestDist = -1;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const dist = sqDistAt(x, cbase, i * dim, dim);
      const m = dist < (nearest[i] as number) ? dist : (nearest[i] as number);
      nearest[i] = m;
      // Fused with the update: the argmax over the refreshed distances, earliest row on ties.
      if (m > bestDist) {
        bestDist = m;
        best = i;
      }
    }
    center = best;
  }
  return out;
}
