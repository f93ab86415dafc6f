/**
 * The plain-JS preview (what the API answers) against the tensor preview on the wasm backend
 * (training's): the same cells and flips, the same views within 1/255 (patch shuffle and flips
 * exact), for every policy, 1 and 3 channels, a 28×28 image and 2×2 / 4×4 mosaics of 64×64.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy, type AugmentKind } from '../../../../src/main/ml/augment/augment-batch.ts';
import { previewViewsJs } from '../../../../src/main/ml/augment/preview-js.ts';
import { previewViews } from '../../../helpers/tensor-preview.ts';
import { initTensorBackend } from '../../../../src/main/ml/backend.ts';
import { createRng } from '../../../../src/shared/random.ts';

type Shape = [number, number, number];

function randomImage(shape: Shape, seed: number): Uint8Array {
  const rng = createRng(seed);
  return Uint8Array.from({ length: shape[0] * shape[1] * shape[2] }, () => Math.floor(rng() * 256));
}

function worstDifference(a: Uint8Array, b: Uint8Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

const KINDS: AugmentKind[] = ['constrained', 'whole', 'shuffle', 'none'];
const CASES: [Shape, number][] = [
  [[28, 28, 1], 1],
  [[28, 28, 3], 2],
  [[64, 64, 3], 2],
  [[64, 64, 1], 4],
];

describe('previewViewsJs', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initTensorBackend({ prefer: 'wasm' });
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it('shows the tensor preview’s views (within 1/255), cells and flips', () => {
    for (const [shape, k] of CASES) {
      const image = randomImage(shape, shape[0] * k + shape[2]);
      for (const kind of KINDS) {
        for (const flip of [true, false]) {
          const policy = { ...defaultPolicy(kind, k), flip };
          for (const seed of [0, 1, 2]) {
            const label = `${shape.join('×')} k=${k} ${kind} flip=${flip} seed=${seed}`;
            const js = previewViewsJs(image, shape, policy, seed, 8);
            const ref = previewViews(image, shape, policy, seed, 8);
            expect(js.cells, label).toEqual(ref.cells);
            expect(js.flips, label).toEqual(ref.flips);
            expect(js.views, label).toHaveLength(8);
            js.views.forEach((view, i) => {
              expect(view.length, label).toBe(image.length);
              expect(worstDifference(view, ref.views[i] as Uint8Array), label).toBeLessThanOrEqual(1);
              // No crop: a flip or the stored bytes, exactly.
              if (kind === 'none') expect(view, label).toEqual(ref.views[i]);
            });
          }
        }
      }
    }
  });

  it('is seeded, and refuses what the tensor preview refuses', () => {
    const image = randomImage([28, 28, 3], 5);
    const policy = defaultPolicy('constrained', 2);
    expect(previewViewsJs(image, [28, 28, 3], policy, 42, 12)).toEqual(
      previewViewsJs(image, [28, 28, 3], policy, 42, 12),
    );
    expect(previewViewsJs(image, [28, 28, 3], policy, 43, 12).views).not.toEqual(
      previewViewsJs(image, [28, 28, 3], policy, 42, 12).views,
    );
    const small = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
    const plain = previewViewsJs(small, [8, 8, 1], { ...defaultPolicy('none', 1), flip: false }, 1, 3);
    for (const view of plain.views) expect(view).toEqual(small);
    expect(() => previewViewsJs(small, [8, 8, 3], defaultPolicy('none', 1), 1, 3)).toThrow(RangeError);
    expect(() => previewViewsJs(small, [8, 8, 1], defaultPolicy('none', 1), 1, -1)).toThrow(RangeError);
    expect(() => previewViewsJs(small, [8, 8, 1], defaultPolicy('constrained', 9), 1, 2)).toThrow(RangeError);
  });
});
