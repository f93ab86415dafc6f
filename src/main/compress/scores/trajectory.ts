/**
 * A proxy run's softmax outputs for every training sample at every epoch, recorded from the
 * training forward pass (METHODS.md, "P — Prune"). Epoch-major: the probabilities of sample i
 * at epoch t (0-based) start at ((t * samples) + i) * classes.
 */
export interface ProbTrajectory {
  epochs: number;
  samples: number;
  classes: number;
  probs: Float32Array;
  labels: Int32Array;
}

export function checkTrajectory(t: ProbTrajectory): void {
  if (t.probs.length !== t.epochs * t.samples * t.classes) {
    throw new Error(
      `trajectory holds ${t.probs.length} values, expected ${t.epochs}×${t.samples}×${t.classes}`,
    );
  }
  if (t.labels.length !== t.samples)
    throw new Error(`trajectory has ${t.labels.length} labels for ${t.samples} samples`);
}

/** The probability row of sample `i` at epoch `t`. */
export function probsAt(t: ProbTrajectory, epoch: number, i: number): Float32Array {
  const start = (epoch * t.samples + i) * t.classes;
  return t.probs.subarray(start, start + t.classes);
}

/** The largest probability among classes other than `label`. */
export function maxOther(row: Float32Array, label: number): number {
  let best = -Infinity;
  for (let k = 0; k < row.length; k++) if (k !== label && (row[k] as number) > best) best = row[k] as number;
  return best;
}

/** Index of the largest probability (first on ties). */
export function argmax(row: Float32Array): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
  return best;
}

/** Which way a score points: pruning's easy-first rule keeps the easiest. */
export type EasyEnd = 'low' | 'high';
