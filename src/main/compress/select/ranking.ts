import type { EasyEnd } from '../scores/trajectory';
import { checkBudget } from './check';

export type { EasyEnd } from '../scores/trajectory';

/**
 * Rank-based selection over one class (METHODS.md, "P — Prune"). `rows` index into `scores`;
 * `tieBreak[row]` (the caller passes sample ids) orders equal scores, so a ranking depends only on
 * the data and never on the order rows arrived in.
 */
export function rankEasyFirst(
  rows: readonly number[],
  scores: ArrayLike<number>,
  easyEnd: EasyEnd,
  tieBreak: ArrayLike<number>,
): number[] {
  for (const row of rows) {
    const s = scores[row];
    // A NaN would make the comparator inconsistent and the order engine-dependent, and an
    // infinity has no place in CCS's equal-width strata; a scoring bug must surface here.
    if (s === undefined || !Number.isFinite(s)) throw new Error(`score of row ${row} is ${s}`);
  }
  const sign = easyEnd === 'low' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const d = sign * ((scores[a] as number) - (scores[b] as number));
    return d !== 0 ? d : (tieBreak[a] as number) - (tieBreak[b] as number);
  });
}

/**
 * The paper's "reversed EL2N": the `budget` easiest of the whole class, easiest first. A budget
 * larger than the class returns the whole class (class balance is the orchestrator's business).
 */
export function selectEasyFirst(
  rows: readonly number[],
  scores: ArrayLike<number>,
  easyEnd: EasyEnd,
  tieBreak: ArrayLike<number>,
  budget: number,
): number[] {
  checkBudget(budget);
  return rankEasyFirst(rows, scores, easyEnd, tieBreak).slice(0, budget);
}

/**
 * Classic pruning: the `budget` hardest, hardest first. Equal scores still go by ascending
 * tie-break (ranking with the easy end flipped), so both rules read ties the same way.
 */
export function selectHardFirst(
  rows: readonly number[],
  scores: ArrayLike<number>,
  easyEnd: EasyEnd,
  tieBreak: ArrayLike<number>,
  budget: number,
): number[] {
  checkBudget(budget);
  const flipped: EasyEnd = easyEnd === 'low' ? 'high' : 'low';
  return rankEasyFirst(rows, scores, flipped, tieBreak).slice(0, budget);
}
