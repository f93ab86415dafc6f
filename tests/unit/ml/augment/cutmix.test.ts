/**
 * CutMix on wasm against hand-checked cases (scripted draws): box, clipping, λ recomputed from the
 * clipped box, pixels inside from the permuted sample and outside untouched.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutmix, cutmixBox } from '../../../../src/main/ml/augment/cutmix.ts';
import { initTensorBackend } from '../../../../src/main/ml/backend.ts';
import { createRng } from '../../../../src/shared/random.ts';

function scripted(values: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= values.length) throw new Error('scripted rng exhausted');
    return values[i++] as number;
  };
}

describe('cutmix (wasm)', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initTensorBackend({ prefer: 'wasm' });
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it('cutmixBox follows the reference rand_bbox (even side, clipped)', () => {
    // λ = 0.75: side int(4·√0.25) = 2, half 1 → rows cy−1 … cy+1.
    expect(cutmixBox(4, 4, 0.75, 1, 2)).toEqual({ y1: 0, x1: 1, y2: 2, x2: 3 });
    expect(cutmixBox(4, 4, 0.75, 0, 3)).toEqual({ y1: 0, x1: 2, y2: 1, x2: 4 });
    // λ = 0.5 on 28×28: side int(28·0.7071) = 19, half 9 → an 18-pixel box.
    expect(cutmixBox(28, 28, 0.5, 14, 14)).toEqual({ y1: 5, x1: 5, y2: 23, x2: 23 });
    expect(cutmixBox(28, 28, 0.999, 10, 10)).toEqual({ y1: 10, x1: 10, y2: 10, x2: 10 });
  });

  it('pastes the permuted sample into the box and reports λ of the clipped box (hand-checked)', () => {
    const own = Array.from({ length: 16 }, (_, i) => i);
    const other = own.map((v) => 100 + v);
    const images = tf.tensor4d([...own, ...other], [2, 4, 4, 1]);
    // Draws: λ = 0.75; Fisher–Yates j = floor(0.1·2) = 0 → swap → perm [1, 0]; cy = floor(0.3·4) = 1,
    // cx = floor(0.6·4) = 2 → rows [0, 2), columns [1, 3): area 4 of 16 → λ = 0.75.
    const result = cutmix(images, scripted([0.75, 0.1, 0.3, 0.6]));
    expect(Array.from(result.perm)).toEqual([1, 0]);
    expect(result.box).toEqual({ y1: 0, x1: 1, y2: 2, x2: 3 });
    expect(result.lambda).toBe(0.75);
    const inBox = (p: number): boolean => Math.floor(p / 4) < 2 && p % 4 >= 1 && p % 4 < 3;
    expect(Array.from(result.mixed.dataSync())).toEqual([
      ...own.map((v, p) => (inBox(p) ? 100 + v : v)),
      ...other.map((v, p) => (inBox(p) ? v - 100 : v)),
    ]);
    result.mixed.dispose();

    // Clipped at the top edge: cy = 0 → rows [0, 1), area 2 → λ = 1 − 2/16.
    const clipped = cutmix(images, scripted([0.75, 0.9, 0, 0.6]));
    expect(Array.from(clipped.perm)).toEqual([0, 1]);
    expect(clipped.box).toEqual({ y1: 0, x1: 1, y2: 1, x2: 3 });
    expect(clipped.lambda).toBe(0.875);
    // perm is the identity: every sample pastes itself.
    expect(Array.from(clipped.mixed.dataSync())).toEqual([...own, ...other]);
    tf.dispose([clipped.mixed, images]);
  });

  it('an empty box leaves the batch as it is with λ = 1', () => {
    const images = tf.tensor4d(
      Array.from({ length: 32 }, (_, i) => i),
      [2, 4, 4, 1],
    );
    const result = cutmix(images, scripted([0.99, 0.1, 0.5, 0.5]));
    expect(result.lambda).toBe(1);
    expect(Array.from(result.mixed.dataSync())).toEqual(Array.from(images.dataSync()));
    tf.dispose([images, result.mixed]);
  });

  it('on a random batch: inside the box from perm[i], outside untouched, λ from the box', () => {
    const [n, R, C] = [16, 28, 3];
    const rng = createRng(4);
    const data = Float32Array.from({ length: n * R * R * C }, () => rng() * 2 - 1);
    const images = tf.tensor4d(data, [n, R, R, C]);
    const { mixed, perm, lambda, box } = cutmix(images, createRng(21));
    expect(Array.from(perm).sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
    expect(lambda).toBeCloseTo(1 - ((box.y2 - box.y1) * (box.x2 - box.x1)) / (R * R), 12);
    const out = mixed.dataSync();
    for (let i = 0; i < n; i++) {
      for (let y = 0; y < R; y++) {
        for (let x = 0; x < R; x++) {
          const inside = y >= box.y1 && y < box.y2 && x >= box.x1 && x < box.x2;
          const from = inside ? (perm[i] as number) : i;
          for (let c = 0; c < C; c++) {
            const at = ((i * R + y) * R + x) * C + c;
            if (out[at] !== data[((from * R + y) * R + x) * C + c]) throw new Error(`pixel ${at} differs`);
          }
        }
      }
    }
    tf.dispose([images, mixed]);
  });
});
