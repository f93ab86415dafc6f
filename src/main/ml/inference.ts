/**
 * Batched inference over uint8 images with the model's own input normalisation: penultimate
 * features (herding / k-center coresets) and softmax probabilities (entropy / margin scores).
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from './models/classifier.ts';
import { imageCount, normLookup, pixelBatch, type ImageShape } from './pixel-batch.ts';

function batched(
  model: Classifier,
  images: Uint8Array,
  shape: ImageShape,
  width: number,
  batchSize: number,
  run: (x: tf.Tensor4D) => tf.Tensor2D,
): Float32Array {
  const n = imageCount(images, shape);
  const luts = normLookup(model.inputNorm);
  const out = new Float32Array(n * width);
  for (let start = 0; start < n; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const y = tf.tidy(() => run(pixelBatch(images, rows, shape, luts)));
    out.set(y.dataSync() as Float32Array, start * width);
    y.dispose();
  }
  return out;
}

/** Penultimate activations, row-major n × model.featureSize. */
export function extractFeatures(
  model: Classifier,
  images: Uint8Array,
  shape: ImageShape,
  batchSize = 512,
): Float32Array {
  return batched(model, images, shape, model.featureSize, batchSize, (x) => model.features(x));
}

/** Softmax of the logits in evaluation mode, row-major n × classes. */
export function predictProbabilities(
  model: Classifier,
  images: Uint8Array,
  shape: ImageShape,
  batchSize = 512,
): Float32Array {
  const classes = model.spec.classes;
  return batched(model, images, shape, classes, batchSize, (x) => tf.softmax(model.forward(x, false)));
}
