/**
 * Every image's five scores from the stored files of finished proxy runs, averaged over runs
 * (METHODS.md, "P"): EL2N, forgetting and AUM from the training trajectory, entropy and margin
 * from the final proxy's prediction. Read from the 16-bit files, so a resumed job and an
 * uninterrupted one compute from the same bytes.
 */
import { aumScores } from '../scores/aum';
import { el2nScores } from '../scores/el2n';
import { entropyScores, marginScores } from '../scores/entropy-margin';
import { forgettingScores } from '../scores/forgetting';
import type { ScoreFiles } from './score-files';

export interface ScoreColumns {
  el2n: Float64Array;
  forgetting: Float64Array;
  aum: Float64Array;
  entropy: Float64Array;
  margin: Float64Array;
}

export const SCORE_COLUMNS = ['el2n', 'forgetting', 'aum', 'entropy', 'margin'] as const;

export function scoresOfRun(files: ScoreFiles, seed: number, labels: Int32Array): ScoreColumns {
  const { epochs, samples, classes } = files;
  const trajectory = { epochs, samples, classes, labels, probs: files.readTrajectory(seed) };
  const final = { epochs: 1, samples, classes, labels, probs: files.readFinalProbabilities(seed) };
  return {
    el2n: el2nScores(trajectory),
    forgetting: forgettingScores(trajectory),
    aum: aumScores(trajectory),
    entropy: entropyScores(final),
    margin: marginScores(final),
  };
}

/** Element-wise mean of several runs' scores. */
export function averageScores(runs: readonly ScoreColumns[]): ScoreColumns {
  const first = runs[0];
  if (!first) throw new Error('no proxy runs to average');
  const out = {} as ScoreColumns;
  for (const name of SCORE_COLUMNS) {
    const sum = new Float64Array(first[name].length);
    for (const run of runs) run[name].forEach((v, i) => (sum[i] = (sum[i] as number) + v));
    out[name] = sum.map((v) => v / runs.length);
  }
  return out;
}
