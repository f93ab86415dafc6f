import { describe, expect, it } from 'vitest';
import { aumScores } from '../../../../src/main/compress/scores/aum';
import { el2nScores } from '../../../../src/main/compress/scores/el2n';
import { entropyScores, marginScores } from '../../../../src/main/compress/scores/entropy-margin';
import { forgettingScores } from '../../../../src/main/compress/scores/forgetting';
import type { ProbTrajectory } from '../../../../src/main/compress/scores/trajectory';

/*
 * Three samples, three classes, three epochs, worked by hand:
 *   sample 0, label 0: [.2 .5 .3]  [.6 .3 .1]  [.3 .6 .1]   wrong → right → wrong
 *   sample 1, label 2: [.5 .25 .25] [.4 .4 .2] [.1 .1 .8]  wrong → wrong (tie → class 0) → right
 *   sample 2, label 1: [.5 .2 .3] every epoch                never right
 */
const rows = [
  [
    [0.2, 0.5, 0.3],
    [0.5, 0.25, 0.25],
    [0.5, 0.2, 0.3],
  ],
  [
    [0.6, 0.3, 0.1],
    [0.4, 0.4, 0.2],
    [0.5, 0.2, 0.3],
  ],
  [
    [0.3, 0.6, 0.1],
    [0.1, 0.1, 0.8],
    [0.5, 0.2, 0.3],
  ],
];
const traj: ProbTrajectory = {
  epochs: 3,
  samples: 3,
  classes: 3,
  probs: Float32Array.from(rows.flat(2)),
  labels: Int32Array.from([0, 2, 1]),
};

const close = (actual: Float64Array, expected: number[]) =>
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 5));

describe('pruning scores on a hand-worked trajectory', () => {
  it('EL2N sums the per-epoch L2 error', () => {
    // s0: √.98 + √.26 + √.86; s1: √.875 + √.96 + √.06; s2: 3·√.98
    close(el2nScores(traj), [2.427213, 2.160159, 2.969848]);
  });

  it('forgetting counts right→wrong transitions; never learned counts as the number of epochs', () => {
    expect([...forgettingScores(traj)]).toEqual([1, 0, 3]);
  });

  it('AUM sums p[y] − max other', () => {
    // s0: −.3 + .3 − .3; s1: −.25 − .2 + .7; s2: 3 × (.2 − .5)
    close(aumScores(traj), [-0.3, 0.25, -0.9]);
  });

  it('entropy and margin read the last epoch only', () => {
    close(entropyScores(traj), [0.897946, 0.639032, 1.029653]);
    close(marginScores(traj), [0.3, 0.7, 0.2]);
  });

  it('refuses a trajectory whose sizes do not match', () => {
    expect(() => el2nScores({ ...traj, samples: 4 })).toThrow(/expected 3×4×3/);
  });
});
