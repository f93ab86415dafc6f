import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from '../../../src/main/ml/optim/adamw.ts';
import { cosineLr, cosineSchedule } from '../../../src/main/ml/optim/cosine.ts';

describe('AdamW', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  /*
   * Worked by hand (lr 0.1, wd 0.01, β1 0.9, β2 0.999, ε 1e-8).
   * Kernel p = [1, −2], g = [0.5, −1] every step; bias b = [0.5], g = [2].
   * Step 1: decay p·(1 − 0.1·0.01) = [0.999, −1.998]
   *         m = 0.1·g = [0.05, −0.1];  v = 0.001·g² = [0.00025, 0.001]
   *         bc1 = 0.1, bc2 = 0.001 → step size lr/bc1 = 1, denom = √v/√bc2 + ε = |g| = [0.5, 1]
   *         p = [0.999 − 0.05/0.5, −1.998 + 0.1/1] = [0.899, −1.898]
   *         b (no decay): m = 0.2, v = 0.004, denom = √0.004/√0.001 = 2 → b = 0.5 − 0.2/2 = 0.4
   * Step 2: decay → [0.898101, −1.896102]
   *         m = 0.9·[0.05, −0.1] + 0.1·g = [0.095, −0.19]
   *         v = 0.999·[0.00025, 0.001] + 0.001·g² = [0.00049975, 0.001999]
   *         bc1 = 0.19, bc2 = 0.001999 → denom = √(v/bc2) = [0.5, 1], step size = 0.1/0.19
   *         update = [0.095/0.5, −0.19/1]·0.1/0.19 = [0.1, −0.1]
   *         p = [0.798101, −1.796102]
   */
  it('matches a hand-worked two-step example, decaying only kernels', () => {
    const p = tf.variable(tf.tensor1d([1, -2]));
    const b = tf.variable(tf.tensor1d([0.5]));
    const opt = new AdamW([p], [b], { weightDecay: 0.01 });
    const gp = tf.tensor1d([0.5, -1]);
    const gb = tf.tensor1d([2]);
    opt.step([gp, gb], 0.1);
    expect(Array.from(p.dataSync())).toEqual([expect.closeTo(0.899, 6), expect.closeTo(-1.898, 6)]);
    expect(b.dataSync()[0]).toBeCloseTo(0.4, 6);
    opt.step([gp, gb], 0.1);
    expect(Array.from(p.dataSync())).toEqual([expect.closeTo(0.798101, 6), expect.closeTo(-1.796102, 6)]);
    expect(opt.steps).toBe(2);
    opt.dispose();
    tf.dispose([p, b, gp, gb]);
  });

  it('accepts gradients keyed by variable name and leaks nothing', () => {
    const p = tf.variable(tf.tensor1d([1, 2, 3]));
    const opt = new AdamW([p], []);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(p)) as tf.Scalar, [p]);
    opt.step(grads, 1e-3);
    tf.dispose([value, grads]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => opt.step({}, 1e-3)).toThrow(/no gradient/);
    opt.dispose();
    p.dispose();
  });
});

describe('cosine schedule', () => {
  it('decays per epoch from lr0 towards 0 without warm-up', () => {
    // lr0·½(1+cos(πe/4)) for e = 0..3: 1, (1+√½)/2, ½, (1−√½)/2 (×1e-3)
    const lrs = cosineSchedule(1e-3, 4);
    expect(lrs).toHaveLength(4);
    expect(lrs[0]).toBeCloseTo(1e-3, 12);
    expect(lrs[1]).toBeCloseTo(0.8535533905932737e-3, 12);
    expect(lrs[2]).toBeCloseTo(0.5e-3, 12);
    expect(lrs[3]).toBeCloseTo(0.1464466094067262e-3, 12);
    expect(cosineLr(1e-3, 4, 4)).toBeCloseTo(0, 12);
    expect(cosineLr(0.01, 0, 1)).toBe(0.01);
  });
});
