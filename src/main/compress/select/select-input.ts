import { ApiError } from '../../../shared/rpc/errors';
import type { CcsOptions } from './ccs';
import type { EasyEnd } from './ranking';

// The names are part of the API contract; defined once there.
import {
  SCORE_METHOD_NAMES as SCORE_METHODS,
  SELECTION_METHOD_NAMES as SELECTION_METHODS,
  SELECTION_RULES,
  type ScoreMethodName as ScoreMethod,
  type SelectionMethodName as SelectionMethod,
  type SelectionRuleName as SelectionRule,
} from '../../../shared/api/selection-params';

export { SCORE_METHODS, SELECTION_METHODS, SELECTION_RULES };
export type { ScoreMethod, SelectionMethod, SelectionRule };

/** One class's candidates; rows index into `scores`, `features` and `sampleIds`. */
export interface ClassPool {
  classIndex: number;
  name: string;
  rows: number[];
}

export interface SelectionInput {
  method: SelectionMethod;
  /** Required for score methods; must be null for random, herding and kcenter. */
  rule: SelectionRule | null;
  ipc: number;
  seed: number;
  ccs?: Partial<CcsOptions>;
  pools: ClassPool[];
  /** Row → sample id: the tie-break and what the output lists. */
  sampleIds: ArrayLike<number>;
  /** Row → score of `method` (score methods). */
  scores?: ArrayLike<number>;
  /** Which end of `scores` is easy. */
  easyEnd?: EasyEnd;
  /** Row-major by row (herding, kcenter). */
  features?: { data: Float32Array; dim: number };
}

export function isScoreMethod(method: SelectionMethod): method is ScoreMethod {
  return (SCORE_METHODS as readonly string[]).includes(method);
}

function bad(message: string, details?: unknown): never {
  throw new ApiError('bad_request', message, details);
}

/**
 * Every check a request can fail, before any work, with words a user can act on. Input reaches
 * here from the API and the CLI, so nothing is trusted, including the union-typed fields.
 */
export function validateSelectionInput(input: SelectionInput): void {
  const { method, rule, ipc, seed, pools, sampleIds, scores, easyEnd, features } = input;
  if (!(SELECTION_METHODS as readonly string[]).includes(method))
    bad(
      `unknown selection method ${JSON.stringify(method)}; expected one of ${SELECTION_METHODS.join(', ')}`,
      {
        method,
      },
    );
  if (!Number.isInteger(ipc) || ipc < 1) bad(`IPC must be an integer ≥ 1, got ${ipc}`, { ipc });
  if (!Number.isInteger(seed)) bad(`seed must be an integer, got ${seed}`, { seed });
  if (rule !== null && !(SELECTION_RULES as readonly string[]).includes(rule))
    bad(`unknown rule ${JSON.stringify(rule)}; expected one of ${SELECTION_RULES.join(', ')}`, { rule });

  const rows = sampleIds.length;
  if (isScoreMethod(method)) {
    if (rule === null) bad(`method ${method} needs a rule: easy, hard or ccs`, { method });
    if (!scores) bad(`method ${method} needs scores; score the dataset first`, { method });
    if (easyEnd !== 'low' && easyEnd !== 'high')
      bad(`method ${method} needs the scores' easy end ('low' or 'high')`, { method });
    if (scores.length !== rows)
      bad(`${scores.length} scores for ${rows} samples`, { scores: scores.length, samples: rows });
  } else if (rule !== null) {
    bad(`rule applies to score-based methods only; method ${method} takes no rule (got ${rule})`, {
      method,
      rule,
    });
  }
  if (method === 'herding' || method === 'kcenter') {
    if (!features) bad(`method ${method} needs feature vectors`, { method });
    if (!Number.isInteger(features.dim) || features.dim < 1)
      bad(`feature dimension must be an integer ≥ 1, got ${features.dim}`, { dim: features.dim });
    if (features.data.length !== rows * features.dim)
      bad(`${features.data.length} feature values for ${rows} samples of dimension ${features.dim}`, {
        values: features.data.length,
        samples: rows,
        dim: features.dim,
      });
  }

  const seen = new Set<number>();
  for (const pool of pools) {
    if (seen.has(pool.classIndex))
      bad(`class ${pool.classIndex} ("${pool.name}") appears twice`, { classIndex: pool.classIndex });
    seen.add(pool.classIndex);
    for (const row of pool.rows)
      if (!Number.isInteger(row) || row < 0 || row >= rows)
        bad(`class "${pool.name}" lists row ${row}, outside 0..${rows - 1}`, {
          classIndex: pool.classIndex,
          row,
        });
  }
}
