import { checkTrajectory, probsAt, type EasyEnd, type ProbTrajectory } from './trajectory';

/**
 * Scores of the final proxy's prediction alone (the last recorded epoch), cheap baselines:
 * entropy −Σ p log p (natural log; low = confident = easy), and margin, the gap between the two
 * largest probabilities, label-free as in the uncertainty-sampling literature (high = easy).
 */
export const ENTROPY_EASY_END: EasyEnd = 'low';
export const MARGIN_EASY_END: EasyEnd = 'high';

export function entropyScores(t: ProbTrajectory): Float64Array {
  checkTrajectory(t);
  const out = new Float64Array(t.samples);
  for (let i = 0; i < t.samples; i++) {
    let h = 0;
    for (const p of probsAt(t, t.epochs - 1, i)) if (p > 0) h -= p * Math.log(p);
    out[i] = h;
  }
  return out;
}

export function marginScores(t: ProbTrajectory): Float64Array {
  checkTrajectory(t);
  const out = new Float64Array(t.samples);
  for (let i = 0; i < t.samples; i++) {
    let first = -Infinity;
    let second = -Infinity;
    for (const p of probsAt(t, t.epochs - 1, i)) {
      if (p > first) {
        second = first;
        first = p;
      } else if (p > second) second = p;
    }
    out[i] = first - second;
  }
  return out;
}
