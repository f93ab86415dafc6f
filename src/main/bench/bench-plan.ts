/**
 * A benchmark definition expanded into what must exist (scores, a teacher, one compressed set per
 * method and IPC) and the training runs to make, with each run's training parameters. Pure: the
 * runner and the estimate both read it.
 */
import { createHash } from 'node:crypto';
import {
  BENCH_METHODS,
  type BenchDefinition,
  type BenchMethod,
  type LabelMode,
} from '../../shared/api/bench-params';
import type { SelectionMethodName, SelectionRuleName } from '../../shared/api/selection-params';
import type { TrainParamsInput } from '../../shared/api/train-params';

export interface PlannedSet {
  method: BenchMethod;
  ipc: number;
}

export interface PlannedRun {
  method: BenchMethod;
  ipc: number;
  labels: LabelMode;
  seed: number;
}

export interface BenchPlan {
  sets: PlannedSet[];
  runs: PlannedRun[];
  needsScores: boolean;
  needsTeacher: boolean;
}

/** How a pruning method selects: the score and the rule (the original papers' direction). */
export const SELECTION_OF: Partial<
  Record<BenchMethod, { method: SelectionMethodName; rule?: SelectionRuleName }>
> = {
  random: { method: 'random' },
  'el2n-easy': { method: 'el2n', rule: 'easy' },
  'el2n-hard': { method: 'el2n', rule: 'hard' },
  // Toneva et al. drop the unforgettable examples: the most forgotten are kept.
  forgetting: { method: 'forgetting', rule: 'hard' },
  // Pleiss et al. drop the lowest margins (likely mislabeled): the highest are kept.
  aum: { method: 'aum', rule: 'easy' },
  ccs: { method: 'el2n', rule: 'ccs' },
  herding: { method: 'herding' },
  kcenter: { method: 'kcenter' },
  pca: { method: 'el2n', rule: 'easy' },
};

const SCORED: ReadonlySet<BenchMethod> = new Set([
  'el2n-easy',
  'el2n-hard',
  'forgetting',
  'aum',
  'ccs',
  'herding',
  'kcenter',
  'pca',
]);

export function planBenchmark(def: BenchDefinition): BenchPlan {
  // Rows in the canonical order, whatever order the user listed them in.
  const methods = BENCH_METHODS.filter((m) => def.methods.includes(m));
  const ipcs = [...def.ipcs].sort((a, b) => a - b);
  const labels = (['hard', 'soft'] as const).filter((l) => def.labels.includes(l));
  const sets = ipcs.flatMap((ipc) => methods.map((method) => ({ method, ipc })));
  const runs: PlannedRun[] = [];
  for (const set of sets)
    for (const l of labels)
      for (let s = 0; s < def.seeds; s++) runs.push({ ...set, labels: l, seed: def.seed + s });
  return {
    sets,
    runs,
    needsScores: methods.some((m) => SCORED.has(m)),
    needsTeacher: labels.includes('soft') || methods.includes('rded'),
  };
}

/** Epochs of a run on `images` stored images: fixed, or enough batches for the protocol's steps. */
export function epochsFor(protocol: BenchDefinition['protocol'], images: number): number {
  if (protocol.epochs !== undefined) return protocol.epochs;
  const steps = protocol.steps ?? 300;
  const batchesPerEpoch = Math.ceil(images / Math.min(protocol.batchSize, images));
  return Math.max(1, Math.ceil(steps / batchesPerEpoch));
}

/** Soft labels stored the usual way (METHODS.md): one float16 vector per stored image and epoch. */
export function softLabelBytes(epochs: number, images: number, classes: number): number {
  return epochs * images * classes * 2;
}

/** The training parameters of one run: the same protocol for every row. */
export function runTrainParams(
  def: BenchDefinition,
  run: PlannedRun,
  set: { setId: number; images: number },
): TrainParamsInput {
  const p = def.protocol;
  return {
    setId: set.setId,
    model: p.model,
    width: p.width,
    depth: p.depth,
    norm: p.norm,
    epochs: epochsFor(p, set.images),
    batchSize: p.batchSize,
    lr: p.lr,
    weightDecay: p.weightDecay,
    labels: run.labels,
    temperature: p.temperature,
    teacherEpochs: p.teacherEpochs,
    augment: p.augment,
    cropScale: p.cropScale,
    flip: p.flip,
    seeds: 1,
    seed: run.seed,
    threads: 1,
  };
}

/**
 * The soft-label teacher's setting under the protocol: what `ensureTeacher` keys on, so the
 * teacher job, soft-label runs and RDED sets of a benchmark all find the same teacher.
 */
export function teacherSetting(p: BenchDefinition['protocol']) {
  return {
    model: p.model,
    width: p.width,
    depth: p.depth,
    norm: p.norm,
    teacherEpochs: p.teacherEpochs,
    batchSize: p.batchSize,
    lr: p.lr,
    weightDecay: p.weightDecay,
  };
}

/** The same definition (and dataset) gives the same key: a rerun continues the benchmark. */
export function benchKey(def: BenchDefinition, datasetSha: string): string {
  const { parallel: _parallel, ...rest } = def;
  return createHash('sha256')
    .update(JSON.stringify({ def: rest, datasetSha }))
    .digest('hex');
}

export const runId = (r: PlannedRun): string => `${r.method}/${r.ipc}/${r.labels}/${r.seed}`;
