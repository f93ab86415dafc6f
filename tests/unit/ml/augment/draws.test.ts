/**
 * draws.ts (no TensorFlow.js, for the API process) draws exactly what augment-batch.ts's
 * drawAugment and patch-shuffle.ts's stripOrders draw, and refuses what augmentBatchWithInfo
 * refuses: the preview's views stay training's views.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import * as tensorSide from '../../../../src/main/ml/augment/augment-batch.ts';
import { stripOrders as tensorStripOrders } from '../../../../src/main/ml/augment/patch-shuffle.ts';
import { checkPolicy, drawAugment, stripOrders } from '../../../../src/main/ml/augment/draws.ts';
import { createRng } from '../../../../src/shared/random.ts';

const KINDS: tensorSide.AugmentKind[] = ['constrained', 'whole', 'shuffle', 'none'];

describe('draws.ts', () => {
  it('drawAugment is augment-batch.ts’s, draw for draw, for every policy, grid and seed', () => {
    for (const kind of KINDS) {
      for (const [k, R] of [
        [1, 28],
        [2, 28],
        [3, 32],
        [4, 64],
      ] as const) {
        for (const flip of [true, false]) {
          const policy = { ...tensorSide.defaultPolicy(kind, k), flip, ratio: [0.2, 5] as const };
          for (let seed = 0; seed < 5; seed++) {
            const a = createRng(seed);
            const b = createRng(seed);
            expect(drawAugment(policy, 9, R, a)).toEqual(tensorSide.drawAugment(policy, 9, R, b));
            expect(a()).toBe(b()); // and the generator is left in the same state
          }
        }
      }
    }
  });

  it('stripOrders is patch-shuffle.ts’s', () => {
    for (const k of [1, 2, 3, 4])
      expect(stripOrders(createRng(k), 6, k)).toEqual(tensorStripOrders(createRng(k), 6, k));
  });

  it('checkPolicy refuses what augmentBatchWithInfo refuses', () => {
    const bad: [tensorSide.AugmentPolicy, number, number][] = [
      [tensorSide.defaultPolicy('constrained', 2), 8, 6],
      [tensorSide.defaultPolicy('constrained', 9), 8, 8],
      [tensorSide.defaultPolicy('shuffle', 0), 8, 8],
      [{ ...tensorSide.defaultPolicy('whole', 1), scale: [0.9, 0.1] }, 8, 8],
      [{ ...tensorSide.defaultPolicy('none', 1), ratio: [0, 1] }, 8, 8],
    ];
    for (const [policy, h, w] of bad) {
      expect(() => checkPolicy(policy, h, w)).toThrow(RangeError);
      const batch = tf.zeros([1, h, w, 1]) as tf.Tensor4D;
      expect(() => tensorSide.augmentBatchWithInfo(batch, policy, createRng(0))).toThrow(RangeError);
      batch.dispose();
    }
    expect(() => checkPolicy(tensorSide.defaultPolicy('constrained', 8), 8, 8)).not.toThrow();
  });
});
