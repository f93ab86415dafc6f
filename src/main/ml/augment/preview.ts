/**
 * Views of one stored image under a policy, for the "preview the views" feature. The views are
 * what training would draw from the same generator state; pixels are rounded back to bytes
 * (crop and flip commute with the input normalisation, so raw bytes show the same views).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../shared/random.ts';
import type { ImageShape } from '../pixel-batch.ts';
import { augmentBatchWithInfo, type AugmentPolicy } from './augment-batch.ts';

export interface PreviewViews {
  /** `count` views, each R×R×C bytes in the stored image's layout. */
  views: Uint8Array[];
  /** Cell of each view under 'constrained' (to label the preview), else null. */
  cells: Int32Array | null;
  flips: Uint8Array;
}

export function previewViews(
  image: Uint8Array,
  shape: ImageShape,
  policy: AugmentPolicy,
  seed: number,
  count: number,
): PreviewViews {
  const [h, w, c] = shape;
  const size = h * w * c;
  if (image.length !== size)
    throw new RangeError(`image has ${image.length} bytes, ${shape.join('×')} needs ${size}`);
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`view count must be a whole number, got ${count}`);
  const batch = tf.tidy(() => tf.tensor4d(Float32Array.from(image), [1, h, w, c]).tile([count, 1, 1, 1]));
  try {
    const { images, cells, flips } = augmentBatchWithInfo(batch as tf.Tensor4D, policy, createRng(seed));
    const bytes = tf.tidy(() => tf.clipByValue(tf.round(images), 0, 255).cast('int32'));
    images.dispose();
    const values = bytes.dataSync();
    bytes.dispose();
    const views = Array.from({ length: count }, (_, i) =>
      Uint8Array.from(values.subarray(i * size, (i + 1) * size)),
    );
    return { views, cells, flips };
  } finally {
    batch.dispose();
  }
}
