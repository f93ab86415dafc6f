import { argmax, checkTrajectory, probsAt, type EasyEnd, type ProbTrajectory } from './trajectory';

/**
 * Forgetting events (Toneva et al.; METHODS.md): epochs where the sample was classified
 * correctly at its previous visit and wrongly now. A sample never classified correctly counts as
 * maximally forgotten: it gets `epochs`, more than any learned sample can reach (at most
 * ⌊epochs / 2⌋ events). Low = easy.
 */
export const FORGETTING_EASY_END: EasyEnd = 'low';

export function forgettingScores(t: ProbTrajectory): Float64Array {
  checkTrajectory(t);
  const out = new Float64Array(t.samples);
  for (let i = 0; i < t.samples; i++) {
    const y = t.labels[i] as number;
    let events = 0;
    let everCorrect = false;
    let previous = false;
    for (let e = 0; e < t.epochs; e++) {
      const correct = argmax(probsAt(t, e, i)) === y;
      if (e > 0 && previous && !correct) events++;
      everCorrect ||= correct;
      previous = correct;
    }
    out[i] = everCorrect ? events : t.epochs;
  }
  return out;
}
