/**
 * CutMix with α = 1 on a whole batch (METHODS.md: soft-label mode, every batch), following the
 * reference implementation (clovaai/CutMix-PyTorch): one λ ~ Beta(1, 1) = Uniform(0, 1) and one
 * box per batch, pasted from a permutation of the same batch, λ then recomputed from the box
 * that survived clipping. Draws, in order: λ, the permutation (Fisher–Yates, n−1 draws), the
 * box centre row, the box centre column (the reference's first centre indexes dim 2 = rows).
 */
import * as tf from '@tensorflow/tfjs';
import { shuffleInPlace } from '../../../shared/random.ts';
import { takeRows } from './take-rows.ts';

/** Pixel rows [y1, y2) and columns [x1, x2); empty when y1 = y2 or x1 = x2. */
export interface CutMixBox {
  y1: number;
  x1: number;
  y2: number;
  x2: number;
}

export interface CutMixResult {
  mixed: tf.Tensor4D;
  /** Sample i's box comes from sample perm[i]. */
  perm: Int32Array;
  /** Fraction of every image that is still its own: 1 − box area / image area. */
  lambda: number;
  box: CutMixBox;
}

const clamp = (v: number, hi: number): number => Math.min(Math.max(v, 0), hi);

/**
 * The reference's rand_bbox: side int(size·√(1−λ)) per axis, centred on (cy, cx), half-side
 * floored on both sides (so the unclipped side is even), then clipped to the image.
 */
export function cutmixBox(height: number, width: number, lambda: number, cy: number, cx: number): CutMixBox {
  const cut = Math.sqrt(1 - lambda);
  const halfH = Math.floor(Math.trunc(height * cut) / 2);
  const halfW = Math.floor(Math.trunc(width * cut) / 2);
  return {
    y1: clamp(cy - halfH, height),
    x1: clamp(cx - halfW, width),
    y2: clamp(cy + halfH, height),
    x2: clamp(cx + halfW, width),
  };
}

/** 1 inside [lo, hi) of an axis of `size`, else 0, as a float tensor of `shape`. */
function axisMask(size: number, lo: number, hi: number, shape: number[]): tf.Tensor {
  const index = tf.range(0, size, 1, 'int32');
  return tf.logicalAnd(tf.greaterEqual(index, lo), tf.less(index, hi)).cast('float32').reshape(shape);
}

/** What CutMix draws for a batch (λ, the permutation, the box centre), before any tensor work. */
export interface CutMixDraw {
  perm: Int32Array;
  lambda: number;
  box: CutMixBox;
}

export function drawCutMix(rng: () => number, n: number, height: number, width: number): CutMixDraw {
  const drawn = rng();
  const perm = Int32Array.from(
    shuffleInPlace(
      Array.from({ length: n }, (_, i) => i),
      rng,
    ),
  );
  const cy = Math.floor(rng() * height);
  const cx = Math.floor(rng() * width);
  const box = cutmixBox(height, width, drawn, cy, cx);
  const area = (box.y2 - box.y1) * (box.x2 - box.x1);
  return { perm, box, lambda: 1 - area / (height * width) };
}

/**
 * Pastes `box` of `donors[i]` into `images[i]`. Training passes each sample's partner view as
 * its donor row, so a data-parallel shard mixes exactly as the whole batch would.
 */
export function pasteBox(images: tf.Tensor4D, donors: tf.Tensor4D, box: CutMixBox): tf.Tensor4D {
  const [n, height, width] = images.shape;
  const area = (box.y2 - box.y1) * (box.x2 - box.x1);
  return tf.tidy(() => {
    if (area === 0 || n === 0) return images.clone();
    // A 0/1 blend rather than tf.where: where broadcasts its mask with the per-element wasm Tile
    // (~15 ms here), the blend broadcasts natively; x·1 + d·0 = x and x·0 + d·1 = d exactly.
    const inside = tf.mul(
      axisMask(height, box.y1, box.y2, [1, height, 1, 1]),
      axisMask(width, box.x1, box.x2, [1, 1, width, 1]),
    );
    return tf.add(tf.mul(images, tf.sub(1, inside)), tf.mul(donors, inside)) as tf.Tensor4D;
  });
}

export function cutmix(images: tf.Tensor4D, rng: () => number): CutMixResult {
  const n = images.shape[0];
  const { perm, box, lambda } = drawCutMix(rng, n, images.shape[1], images.shape[2]);
  const mixed = tf.tidy(() => {
    const donors = takeRows(images.reshape([n, -1]), perm).reshape(images.shape) as tf.Tensor4D;
    return pasteBox(images, donors, box);
  });
  return { mixed, perm, lambda, box };
}
