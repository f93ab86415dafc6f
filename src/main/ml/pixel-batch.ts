/**
 * Turning uint8 NHWC pixels into normalised float batches. The normalisation is computed once
 * from the training images and stored with the model, so evaluation uses the same numbers.
 */
import * as tf from '@tensorflow/tfjs';
import type { InputNorm } from './models/convnet.ts';

export type ImageShape = [number, number, number];

export function imageCount(images: Uint8Array, shape: ImageShape): number {
  const size = shape[0] * shape[1] * shape[2];
  if (size <= 0 || images.length % size !== 0) {
    throw new Error(
      `pixel buffer of ${images.length} bytes is not a whole number of ${shape.join('×')} images`,
    );
  }
  return images.length / size;
}

/** Per-channel mean and (population) standard deviation of x/255 over all pixels. */
export function computeInputNorm(images: Uint8Array, shape: ImageShape): InputNorm {
  const c = shape[2];
  const sum = new Float64Array(c);
  const sumSq = new Float64Array(c);
  for (let i = 0; i < images.length; i++) {
    const v = (images[i] as number) / 255;
    const k = i % c;
    sum[k] = (sum[k] as number) + v;
    sumSq[k] = (sumSq[k] as number) + v * v;
  }
  const perChannel = images.length / c;
  const mean: number[] = [];
  const std: number[] = [];
  for (let k = 0; k < c; k++) {
    const m = perChannel > 0 ? (sum[k] as number) / perChannel : 0;
    const variance = perChannel > 0 ? Math.max(0, (sumSq[k] as number) / perChannel - m * m) : 0;
    mean.push(m);
    // A constant channel would divide by zero; leave it centred but unscaled.
    std.push(variance > 1e-12 ? Math.sqrt(variance) : 1);
  }
  return { mean, std };
}

/** 256-entry lookup per channel: pixel byte → normalised float. */
export function normLookup(norm: InputNorm): Float32Array[] {
  return norm.mean.map((m, k) => {
    const s = norm.std[k] ?? 1;
    const lut = new Float32Array(256);
    for (let p = 0; p < 256; p++) lut[p] = (p / 255 - m) / s;
    return lut;
  });
}

/** Gathers the images at `indices` into a normalised [B,H,W,C] tensor. */
export function pixelBatch(
  images: Uint8Array,
  indices: ArrayLike<number>,
  shape: ImageShape,
  luts: Float32Array[],
): tf.Tensor4D {
  const [h, w, c] = shape;
  const size = h * w * c;
  const out = new Float32Array(indices.length * size);
  for (let b = 0; b < indices.length; b++) {
    const src = (indices[b] as number) * size;
    const dst = b * size;
    for (let i = 0; i < size; i++) {
      out[dst + i] = (luts[i % c] as Float32Array)[images[src + i] as number] as number;
    }
  }
  return tf.tensor4d(out, [indices.length, h, w, c]);
}

/** One-hot float labels for the given rows. */
export function oneHotBatch(labels: Int32Array, indices: ArrayLike<number>, classes: number): tf.Tensor2D {
  const out = new Float32Array(indices.length * classes);
  for (let b = 0; b < indices.length; b++) {
    const y = labels[indices[b] as number] as number;
    if (y < 0 || y >= classes) throw new Error(`label ${y} outside 0..${classes - 1}`);
    out[b * classes + y] = 1;
  }
  return tf.tensor2d(out, [indices.length, classes]);
}
