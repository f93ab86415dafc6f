/**
 * The oracle for the Augment step's preview (src/main/ml/augment/preview-js.ts, plain JS): views
 * of one stored image made by training's own tensor code (augmentBatchWithInfo) from the same
 * generator state, rounded back to bytes (crop and flip commute with the input normalisation, so
 * raw bytes show the same views). Tests only: the app never runs TensorFlow.js for the preview.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/shared/random.ts';
import type { ImageShape } from '../../src/main/ml/pixel-batch.ts';
import { augmentBatchWithInfo, type AugmentPolicy } from '../../src/main/ml/augment/augment-batch.ts';
import type { PreviewViews } from '../../src/main/ml/augment/preview-js.ts';

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
