/** A training shard's input tensor: normalised pixels, their augmented views, CutMix pasted. */
import * as tf from '@tensorflow/tfjs';
import { applyAugment } from './augment/augment-batch.ts';
import { pasteBox } from './augment/cutmix.ts';
import type { ShardPlan } from './batch-plan.ts';
import { pixelBatch, type ImageShape } from './pixel-batch.ts';

export function inputBatch(
  images: Uint8Array,
  rows: ArrayLike<number>,
  shape: ImageShape,
  luts: Float32Array[],
  plan: ShardPlan | null,
): tf.Tensor4D {
  // Views are taken on normalised floats: crop, resize, flip and paste commute with the
  // per-channel affine normalisation (bilinear weights sum to 1).
  const view = (r: ArrayLike<number>, draws: ShardPlan['augment']) =>
    tf.tidy(() => {
      const x = pixelBatch(images, r, shape, luts);
      return draws ? applyAugment(x, draws) : x;
    });
  if (!plan) return pixelBatch(images, rows, shape, luts);
  const own = view(rows, plan.augment);
  if (!plan.cutmix) return own;
  const { donorRows, donorAugment, box } = plan.cutmix;
  return tf.tidy(() => {
    const donors = view(donorRows, donorAugment);
    const mixed = pasteBox(own, donors, box);
    own.dispose();
    return mixed;
  });
}
