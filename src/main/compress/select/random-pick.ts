import { shuffleInPlace } from '../../../shared/random';
import { checkBudget } from './check';

/**
 * Seeded uniform subset of one class. Rows are sorted by `tieBreak` (sample ids) before the
 * shuffle so the result depends only on the ids and the generator, not on the input order.
 * Returns min(budget, rows.length) rows in shuffle order.
 */
export function selectRandom(
  rows: readonly number[],
  tieBreak: ArrayLike<number>,
  budget: number,
  rng: () => number,
): number[] {
  checkBudget(budget);
  const sorted = [...rows].sort((a, b) => (tieBreak[a] as number) - (tieBreak[b] as number));
  return shuffleInPlace(sorted, rng).slice(0, budget);
}
