/**
 * augmentBatch on the wasm backend: constrained views of solid-cell mosaics hold only their
 * cell's value, hand-worked crop and flip values, seeded reproducibility, the same views as the
 * cpu reference backend, and no tensor leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  augmentBatch,
  augmentBatchWithInfo,
  defaultPolicy,
  flipBatch,
  type AugmentKind,
  type AugmentPolicy,
} from '../../../../src/main/ml/augment/augment-batch.ts';
import { cellRegion, cellSpan } from '../../../../src/main/ml/augment/boxes.ts';
import { cutmix } from '../../../../src/main/ml/augment/cutmix.ts';
import { initTensorBackend } from '../../../../src/main/ml/backend.ts';
import { createRng } from '../../../../src/shared/random.ts';

const KINDS: AugmentKind[] = ['constrained', 'whole', 'shuffle', 'none'];

/** k×k mosaic of side R whose cell j is solid 10·(j+1) (+ channel index, so channels differ). */
function solidMosaic(k: number, R: number, channels: number): Float32Array {
  const out = new Float32Array(R * R * channels);
  for (let y = 0; y < R; y++) {
    for (let x = 0; x < R; x++) {
      const row = [...Array(k).keys()].find((j) => y < cellSpan(j, k, R)[1]) as number;
      const col = [...Array(k).keys()].find((j) => x < cellSpan(j, k, R)[1]) as number;
      for (let c = 0; c < channels; c++) out[(y * R + x) * channels + c] = 10 * (row * k + col + 1) + c;
    }
  }
  return out;
}

function randomBatch(n: number, R: number, c: number, seed: number): tf.Tensor4D {
  const rng = createRng(seed);
  return tf.tensor4d(
    Float32Array.from({ length: n * R * R * c }, () => rng() * 2 - 1),
    [n, R, R, c],
  );
}

describe('augmentBatch (wasm)', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initTensorBackend({ prefer: 'wasm' });
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  for (const R of [28, 32]) {
    for (const k of [1, 2, 3, 4]) {
      it(`constrained views of a solid-cell mosaic hold only their cell's value (k = ${k}, R = ${R})`, () => {
        const channels = k === 3 ? 3 : 1;
        const mosaic = solidMosaic(k, R, channels);
        const batch = tf.tidy(
          () => tf.tensor4d(mosaic, [1, R, R, channels]).tile([1000, 1, 1, 1]) as tf.Tensor4D,
        );
        const rng = createRng(k * 100 + R);
        const size = R * R * channels;
        for (let round = 0; round < 10; round++) {
          const { images, cells } = augmentBatchWithInfo(batch, defaultPolicy('constrained', k), rng);
          const values = images.dataSync();
          images.dispose();
          for (let i = 0; i < 1000; i++) {
            const expected = 10 * ((cells?.[i] as number) + 1);
            for (let p = 0; p < size; p++) {
              if (values[i * size + p] !== expected + (p % channels)) {
                throw new Error(
                  `view ${i} pixel ${p} = ${values[i * size + p]}, cell ${cells?.[i]} is ${expected}`,
                );
              }
            }
          }
        }
        batch.dispose();
      });
    }
  }

  it('a box equal to a whole 2×2 cell of a 4×4 image gives the hand-worked bilinear values', () => {
    const image = tf.tensor4d(
      Array.from({ length: 16 }, (_, i) => i),
      [1, 4, 4, 1],
    ); // pixel (r, c) = 4r + c
    // Cell 3 = rows and columns 2…3; resized to 4×4 the samples fall at 2, 2⅓, 2⅔, 3 on each axis:
    // value 4(2 + i/3) + (2 + j/3) = 10 + (4i + j)/3.
    const handWorked = Array.from({ length: 16 }, (_, p) => 10 + (4 * Math.floor(p / 4) + (p % 4)) / 3);
    const { region } = cellRegion(3, 2, 4);
    const exact = tf.image.cropAndResize(
      image,
      tf.tensor2d([[region.y0, region.x0, region.y1, region.x1]]),
      tf.tensor1d([0], 'int32'),
      [4, 4],
    );
    expectClose(exact.dataSync(), handWorked, 1e-5);
    // The augment path (scale = ratio = 1 → the whole cell; the 1/1000 px edge margin moves values ≤ 0.005).
    const policy: AugmentPolicy = { kind: 'constrained', k: 2, scale: [1, 1], ratio: [1, 1], flip: false };
    const batch = image.tile([8, 1, 1, 1]) as tf.Tensor4D;
    const { images, cells } = augmentBatchWithInfo(batch, policy, createRng(2));
    const values = images.dataSync();
    for (let i = 0; i < 8; i++) {
      const cell = cells?.[i] as number;
      const offset = 8 * Math.floor(cell / 2) + 2 * (cell % 2) - 10; // cell 3 is the one worked above
      const view = Array.from(values.subarray(i * 16, i * 16 + 16));
      expectClose(
        view,
        handWorked.map((v) => v + offset),
        0.006,
      );
    }
    tf.dispose([image, exact, batch, images]);
  });

  it('flips exactly the flagged samples (2×2 images)', () => {
    const images = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 2, 2, 1]);
    const flipped = flipBatch(images, Uint8Array.from([1, 0, 1]));
    expect(Array.from(flipped.dataSync())).toEqual([2, 1, 4, 3, 5, 6, 7, 8, 10, 9, 12, 11]);
    const { images: viaPolicy, flips } = augmentBatchWithInfo(images, defaultPolicy('none', 1), createRng(4));
    const expected = [0, 1, 2].flatMap((i) => {
      const [a, b, c, d] = [1, 2, 3, 4].map((v) => v + 4 * i) as [number, number, number, number];
      return flips[i] ? [b, a, d, c] : [a, b, c, d];
    });
    expect(Array.from(viaPolicy.dataSync())).toEqual(expected);
    tf.dispose([images, flipped, viaPolicy]);
  });

  it('a flipped crop is the mirror of the same crop unflipped', () => {
    const batch = randomBatch(64, 28, 1, 9);
    for (const kind of ['constrained', 'whole', 'shuffle'] as const) {
      const on = augmentBatchWithInfo(batch, { ...defaultPolicy(kind, 2), flip: true }, createRng(11));
      const off = augmentBatch(batch, { ...defaultPolicy(kind, 2), flip: false }, createRng(11));
      const mirrored = tf.reverse(off, 2);
      const [a, b, m] = [on.images.dataSync(), off.dataSync(), mirrored.dataSync()];
      for (let i = 0; i < 64; i++) {
        const own = Array.from(a.subarray(i * 784, (i + 1) * 784));
        if (on.flips[i]) expectClose(own, m.subarray(i * 784, (i + 1) * 784), 1e-5);
        else expect(own).toEqual(Array.from(b.subarray(i * 784, (i + 1) * 784)));
      }
      expect(on.flips.some((v) => v === 1)).toBe(true);
      tf.dispose([on.images, off, mirrored]);
    }
    batch.dispose();
  });

  it('is reproducible from the seed, and the seed matters', () => {
    const batch = randomBatch(16, 28, 1, 1);
    for (const kind of KINDS) {
      const policy = defaultPolicy(kind, 2);
      const [a, b, c] = [5, 5, 6].map((seed) => augmentBatch(batch, policy, createRng(seed)));
      expect(Array.from(a!.dataSync())).toEqual(Array.from(b!.dataSync()));
      expect(Array.from(a!.dataSync())).not.toEqual(Array.from(c!.dataSync()));
      tf.dispose([a!, b!, c!]);
    }
    batch.dispose();
  });

  it('gives the same views as the cpu reference backend', async () => {
    const data = randomBatch(32, 28, 3, 2);
    const values = data.dataSync().slice();
    data.dispose();
    const run = (): Float32Array[] =>
      KINDS.map((kind) =>
        tf.tidy(() =>
          augmentBatch(tf.tensor4d(values, [32, 28, 28, 3]), defaultPolicy(kind, 3), createRng(8)).dataSync(),
        ),
      ) as Float32Array[];
    const onWasm = run();
    await tf.setBackend('cpu');
    const onCpu = run();
    await tf.setBackend('wasm');
    onWasm.forEach((v, i) => expectClose(v, onCpu[i] as Float32Array, 1e-4));
  });

  it('policy none without flip returns a copy the caller may dispose', () => {
    const batch = randomBatch(4, 8, 1, 3);
    const out = augmentBatch(batch, { ...defaultPolicy('none', 1), flip: false }, createRng(1));
    expect(out).not.toBe(batch);
    expect(Array.from(out.dataSync())).toEqual(Array.from(batch.dataSync()));
    out.dispose();
    expect(batch.isDisposed).toBe(false);
    batch.dispose();
  });

  it('leaks no tensors over 20 batches of every policy and CutMix', () => {
    const batch = randomBatch(32, 28, 1, 4);
    const rng = createRng(12);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      for (const kind of KINDS) augmentBatch(batch, defaultPolicy(kind, 1 + (i % 4)), rng).dispose();
      cutmix(batch, rng).mixed.dispose();
      flipBatch(
        batch,
        Uint8Array.from({ length: 32 }, (_, j) => (i + j) % 2),
      ).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    batch.dispose();
  });
});

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  }
  expect(worst).toBeLessThanOrEqual(tolerance);
}
