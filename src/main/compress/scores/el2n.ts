import { checkTrajectory, probsAt, type EasyEnd, type ProbTrajectory } from './trajectory';

/** EL2N: Σ over epochs of ‖p_t − onehot(y)‖₂ (Paul et al.; METHODS.md). Low = easy. */
export const EL2N_EASY_END: EasyEnd = 'low';

export function el2nScores(t: ProbTrajectory): Float64Array {
  checkTrajectory(t);
  const out = new Float64Array(t.samples);
  for (let e = 0; e < t.epochs; e++) {
    for (let i = 0; i < t.samples; i++) {
      const row = probsAt(t, e, i);
      const y = t.labels[i] as number;
      let sq = 0;
      for (let k = 0; k < t.classes; k++) {
        const d = (row[k] as number) - (k === y ? 1 : 0);
        sq += d * d;
      }
      out[i] = (out[i] as number) + Math.sqrt(sq);
    }
  }
  return out;
}
