import { checkTrajectory, maxOther, probsAt, type EasyEnd, type ProbTrajectory } from './trajectory';

/** AUM, area under the margin (Pleiss et al.; METHODS.md): Σ_t p_t[y] − max_{k≠y} p_t[k]. High = easy. */
export const AUM_EASY_END: EasyEnd = 'high';

export function aumScores(t: ProbTrajectory): Float64Array {
  checkTrajectory(t);
  const out = new Float64Array(t.samples);
  for (let e = 0; e < t.epochs; e++) {
    for (let i = 0; i < t.samples; i++) {
      const row = probsAt(t, e, i);
      const y = t.labels[i] as number;
      out[i] = (out[i] as number) + (row[y] as number) - maxOther(row, y);
    }
  }
  return out;
}
