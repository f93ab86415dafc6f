import { createRng } from '../../../shared/random';
import { ccsKeptCount, selectCcs } from './ccs';
import { herding } from './herding';
import { kCenterGreedy } from './k-center';
import { selectRandom } from './random-pick';
import { selectEasyFirst, selectHardFirst, type EasyEnd } from './ranking';
import { isScoreMethod, validateSelectionInput, type ClassPool, type SelectionInput } from './select-input';

export {
  SCORE_METHODS,
  SELECTION_METHODS,
  type ClassPool,
  type ScoreMethod,
  type SelectionInput,
  type SelectionMethod,
  type SelectionRule,
} from './select-input';

export interface SelectionOutput {
  /** Kept SAMPLE IDS per class index, in rank order (the method's own order). */
  perClass: Map<number, number[]>;
  warnings: string[];
  /** Classes holding fewer images than the IPC (they keep all they have). */
  short: { classIndex: number; name: string; available: number }[];
}

/**
 * One generator per class, derived from the seed and the class index alone, so a class's choice
 * does not change when another class is added, removed or reordered.
 */
export function classRng(seed: number, classIndex: number): () => number {
  return createRng((seed ^ Math.imul(classIndex + 1, 0x9e3779b1)) >>> 0);
}

/** Rows of one class chosen by the input's method and rule, at most `take`, in rank order. */
function selectRows(input: SelectionInput, rows: number[], take: number, rng: () => number): number[] {
  const { method, rule, sampleIds } = input;
  if (isScoreMethod(method)) {
    // validateSelectionInput guarantees these for score methods.
    const scores = input.scores as ArrayLike<number>;
    const easyEnd = input.easyEnd as EasyEnd;
    if (rule === 'easy') return selectEasyFirst(rows, scores, easyEnd, sampleIds, take);
    if (rule === 'hard') return selectHardFirst(rows, scores, easyEnd, sampleIds, take);
    return selectCcs(rows, scores, easyEnd, sampleIds, take, rng, input.ccs);
  }
  if (method === 'random') return selectRandom(rows, sampleIds, take, rng);
  const { data, dim } = input.features as { data: Float32Array; dim: number };
  if (method === 'herding') return herding(data, dim, rows, take);
  // k-center needs a start; drawn from the class generator over the id-sorted rows.
  const first = take > 0 ? Math.floor(rng() * rows.length) : 0;
  return kCenterGreedy(data, dim, rows, take, first);
}

function byId(pool: ClassPool, sampleIds: ArrayLike<number>): number[] {
  // Herding and k-center break ties by position: sorting by sample id first makes their result
  // depend on the data only, not on the order the store returned the rows in.
  return [...pool.rows].sort((a, b) => (sampleIds[a] as number) - (sampleIds[b] as number));
}

/**
 * Class-balanced selection (METHODS.md, "P — Prune"): every class keeps min(IPC, its size) images
 * chosen by the method (and rule); a class smaller than the IPC keeps all it has and is reported
 * in `short` and `warnings` rather than failing the whole request.
 */
export function selectClassBalanced(input: SelectionInput): SelectionOutput {
  validateSelectionInput(input);
  const { ipc, seed, pools, sampleIds } = input;
  const perClass = new Map<number, number[]>();
  const warnings: string[] = [];
  const short: SelectionOutput['short'] = [];
  for (const pool of [...pools].sort((a, b) => a.classIndex - b.classIndex)) {
    const available = pool.rows.length;
    const take = Math.min(ipc, available);
    if (available < ipc) {
      short.push({ classIndex: pool.classIndex, name: pool.name, available });
      warnings.push(
        available === 0
          ? `class "${pool.name}" has no images; kept none (IPC ${ipc})`
          : available === 1
            ? `class "${pool.name}" has only 1 image; kept it (IPC ${ipc})`
            : `class "${pool.name}" has only ${available} images; kept all ${available} (IPC ${ipc})`,
      );
    }
    if (input.rule === 'ccs') {
      const kept = ccsKeptCount(available, input.ccs);
      if (take > kept)
        warnings.push(
          `class "${pool.name}": IPC ${ipc} is more than the ${kept} images CCS keeps after dropping the hardest ${available - kept}; ` +
            `took ${take - kept} of the dropped ones, easiest first`,
        );
    }
    const rows = selectRows(input, byId(pool, sampleIds), take, classRng(seed, pool.classIndex));
    perClass.set(
      pool.classIndex,
      rows.map((r) => sampleIds[r] as number),
    );
  }
  return { perClass, warnings, short };
}
