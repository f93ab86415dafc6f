import { ApiError } from '../../../shared/rpc/errors';
import { checkBudget } from './check';
import { equalWidthBin } from './histogram';
import { selectRandom } from './random-pick';
import { rankEasyFirst, type EasyEnd } from './ranking';

export interface CcsOptions {
  /** Fraction of the class, hardest first, dropped before stratifying (CCS's mislabel guard). */
  beta: number;
  /** Number of equal-width score strata. */
  strata: number;
}

/**
 * strata = 50 is METHODS.md's. β = 0.1 is *our choice*: METHODS.md leaves β open (Zheng et al.
 * tune it per dataset and pruning rate); keep it a parameter and let the benchmark decide.
 */
export const CCS_DEFAULTS: CcsOptions = { beta: 0.1, strata: 50 };

/**
 * CCS's budget split (Zheng et al. 2023, `bin_allocate`): visit the non-empty strata by ascending
 * size (ties: the earlier stratum in `sizes` first); each gets min(size, ⌊remaining / strataLeft⌋).
 * Small strata take all they have and pass their unused share on to the larger ones.
 *
 * When budget ≤ Σ sizes this pass spends the whole budget. With r left for L strata: a stratum
 * that takes all it has leaves r − s ≤ the others' total; one that takes q = ⌊r/L⌋ < s has s ≥ q+1,
 * so the L−1 larger ones after it hold ≥ (L−1)(q+1) ≥ r − q (as r − q ≤ (L−1)q + L−1). Either way
 * the rest still fits, and the last stratum takes exactly what remains. The hand-out below (one more each, smallest
 * first, while budget remains) only guards that argument; it never fires for valid input.
 */
export function allocateCcsBudget(sizes: readonly number[], budget: number): number[] {
  const alloc = new Array<number>(sizes.length).fill(0);
  const order = sizes
    .map((size, i) => ({ size, i }))
    .filter((s) => s.size > 0)
    .sort((a, b) => a.size - b.size || a.i - b.i);
  let remaining = budget;
  let left = order.length;
  for (const { size, i } of order) {
    const m = Math.min(size, Math.floor(remaining / left));
    alloc[i] = m;
    remaining -= m;
    left--;
  }
  let progressed = true;
  while (remaining > 0 && progressed) {
    progressed = false;
    for (const { size, i } of order) {
      if (remaining === 0) break;
      if ((alloc[i] as number) < size) {
        alloc[i] = (alloc[i] as number) + 1;
        remaining--;
        progressed = true;
      }
    }
  }
  return alloc;
}

function resolveOptions(options: Partial<CcsOptions> | undefined): CcsOptions {
  const o = { ...CCS_DEFAULTS, ...options };
  if (!Number.isFinite(o.beta) || o.beta < 0 || o.beta >= 1)
    throw new ApiError('bad_request', `CCS beta must be in [0, 1), got ${o.beta}`, { beta: o.beta });
  if (!Number.isInteger(o.strata) || o.strata < 1)
    throw new ApiError('bad_request', `CCS strata must be an integer ≥ 1, got ${o.strata}`, {
      strata: o.strata,
    });
  return o;
}

/** How many of a class of n CCS keeps before stratifying: n − ⌊β·n⌋ (validates the options). */
export function ccsKeptCount(n: number, options?: Partial<CcsOptions>): number {
  return keptOf(n, resolveOptions(options).beta);
}

function keptOf(n: number, beta: number): number {
  return n - Math.floor(beta * n);
}

/**
 * Coverage-centric coreset selection over one class (METHODS.md, "P — Prune"):
 * 1. drop the ⌊β·n⌋ hardest rows (by the easy-first ranking);
 * 2. split the kept rows' score range [min, max] into `strata` equal-width bins (max in the last);
 * 3. split the budget over the strata with `allocateCcsBudget`;
 * 4. within each stratum, in stratum order, draw uniformly: rows sorted by tie-break, shuffled with
 *    `rng`, first m taken.
 * If the budget reaches the kept count there is nothing to stratify: all kept rows are taken, then
 * dropped rows easiest first (the caller warns that β could not be honoured).
 * Returns the chosen rows ordered easy-first.
 */
export function selectCcs(
  rows: readonly number[],
  scores: ArrayLike<number>,
  easyEnd: EasyEnd,
  tieBreak: ArrayLike<number>,
  budget: number,
  rng: () => number,
  options?: Partial<CcsOptions>,
): number[] {
  const { beta, strata } = resolveOptions(options);
  checkBudget(budget);
  const ranked = rankEasyFirst(rows, scores, easyEnd, tieBreak);
  const keptCount = keptOf(ranked.length, beta);
  // Kept rows are a prefix of the ranking, so the prefix is already "kept, then dropped easiest first".
  if (budget >= keptCount) return ranked.slice(0, budget);

  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < keptCount; i++) {
    const s = scores[ranked[i] as number] as number;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const members: number[][] = Array.from({ length: strata }, () => []);
  for (let i = 0; i < keptCount; i++) {
    const row = ranked[i] as number;
    (members[equalWidthBin(scores[row] as number, min, max, strata)] as number[]).push(row);
  }
  const alloc = allocateCcsBudget(
    members.map((m) => m.length),
    budget,
  );
  const chosen: number[] = [];
  for (let b = 0; b < strata; b++) {
    const m = alloc[b] as number;
    if (m > 0) chosen.push(...selectRandom(members[b] as number[], tieBreak, m, rng));
  }
  return rankEasyFirst(chosen, scores, easyEnd, tieBreak);
}
