/**
 * draws.ts (no TensorFlow.js, for the API process) is where training's draws live too, and
 * checkPolicy refuses what augmentBatchWithInfo refuses: the preview's views stay training's views.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import * as tensorSide from '../../../../src/main/ml/augment/augment-batch.ts';
import { stripOrders as tensorStripOrders } from '../../../../src/main/ml/augment/patch-shuffle.ts';
import { checkPolicy, drawAugment, stripOrders } from '../../../../src/main/ml/augment/draws.ts';
import { createRng } from '../../../../src/shared/random.ts';

describe('draws.ts', () => {
  it('is the one copy: the tensor side re-exports these functions, it does not redefine them', () => {
    expect(tensorSide.drawAugment).toBe(drawAugment);
    expect(tensorStripOrders).toBe(stripOrders);
  });

  it('draws the same views for the same seed, and leaves the generator where training expects', () => {
    const policy = tensorSide.defaultPolicy('constrained', 2);
    const a = createRng(3);
    const b = createRng(3);
    expect(drawAugment(policy, 9, 28, a)).toEqual(drawAugment(policy, 9, 28, b));
    expect(a()).toBe(b());
    // One shuffle of k per strip direction per sample: k = 3, 6 samples → 18 entries each.
    const orders = stripOrders(createRng(1), 6, 3);
    expect(orders.rows).toHaveLength(18);
    expect([...orders.cols.slice(0, 3)].sort()).toEqual([0, 1, 2]);
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
