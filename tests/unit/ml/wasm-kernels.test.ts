/**
 * Our wasm training kernels against the reference cpu backend: conv2d input and filter
 * gradients over shapes, paddings and strides, and the AvgPoolGrad fast path.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTensorBackend } from '../../../src/main/ml/backend.ts';
import { createRng } from '../../../src/shared/random.ts';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];

function randomArray(size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => rng() * 2 - 1);
}

/** max |a−b| / max |b|: a relative error that does not blow up on near-zero entries. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / Math.max(scale, 1e-12);
}

async function onBackend<T>(name: string, fn: () => T): Promise<T> {
  await tf.setBackend(name);
  return fn();
}

async function convGrads(
  backend: string,
  xShape: number[],
  wShape: number[],
  stride: number,
  pad: Pad,
  seed: number,
): Promise<{ dx: Float32Array; dw: Float32Array }> {
  return onBackend(backend, () =>
    tf.tidy(() => {
      const x = tf.tensor4d(
        randomArray(
          xShape.reduce((a, b) => a * b),
          seed,
        ),
        xShape as [number, number, number, number],
      );
      const w = tf.tensor4d(
        randomArray(
          wShape.reduce((a, b) => a * b),
          seed + 1,
        ),
        wShape as [number, number, number, number],
      );
      const y = tf.conv2d(x, w, stride, pad);
      const dy = tf.tensor(randomArray(y.size, seed + 2), y.shape);
      const [dx, dw] = tf.grads((a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad))(
        [x, w],
        dy,
      );
      return {
        dx: (dx as tf.Tensor).dataSync() as Float32Array,
        dw: (dw as tf.Tensor).dataSync() as Float32Array,
      };
    }),
  );
}

const CASES: Array<{ name: string; x: number[]; w: number[]; stride: number; pad: Pad }> = [
  { name: 'batch 1, Cin 1, same', x: [1, 8, 8, 1], w: [3, 3, 1, 4], stride: 1, pad: 'same' },
  { name: 'non-square, Cin 3, valid', x: [2, 9, 6, 3], w: [3, 3, 3, 5], stride: 1, pad: 'valid' },
  { name: 'kernel 5, same, Cout≠Cin', x: [3, 11, 10, 4], w: [5, 5, 4, 7], stride: 1, pad: 'same' },
  { name: 'kernel 5, valid, Cin 1', x: [2, 12, 9, 1], w: [5, 5, 1, 6], stride: 1, pad: 'valid' },
  {
    name: 'explicit pads',
    x: [2, 7, 8, 3],
    w: [3, 3, 3, 2],
    stride: 1,
    pad: [
      [0, 0],
      [2, 0],
      [1, 3],
      [0, 0],
    ],
  },
  {
    name: 'kernel 5, explicit pads',
    x: [1, 9, 9, 2],
    w: [5, 5, 2, 3],
    stride: 1,
    pad: [
      [0, 0],
      [1, 2],
      [0, 4],
      [0, 0],
    ],
  },
  { name: 'stride 2, same (fallback path)', x: [2, 9, 8, 3], w: [3, 3, 3, 4], stride: 2, pad: 'same' },
  { name: 'stride 2, valid, kernel 5', x: [2, 13, 11, 2], w: [5, 5, 2, 3], stride: 2, pad: 'valid' },
  {
    name: 'stride 2, explicit pads',
    x: [1, 10, 7, 3],
    w: [3, 3, 3, 2],
    stride: 2,
    pad: [
      [0, 0],
      [1, 0],
      [2, 1],
      [0, 0],
    ],
  },
  { name: 'ConvNet-like layer', x: [4, 14, 14, 16], w: [3, 3, 16, 16], stride: 1, pad: 'same' },
  // batch 20, Cin 1: the patch path splits the batch into image chunks (5 of 4 images)
  { name: 'first layer, chunked batch', x: [20, 6, 5, 1], w: [3, 3, 1, 5], stride: 1, pad: 'same' },
  { name: 'first layer RGB, chunked, stride 2', x: [16, 9, 8, 3], w: [3, 3, 3, 4], stride: 2, pad: 'same' },
];

describe('wasm training kernels', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initTensorBackend({ prefer: 'wasm' });
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it('runs on the wasm backend', () => {
    expect(tf.findBackend('wasm')).not.toBeNull();
  });

  CASES.forEach(({ name, x, w, stride, pad }, i) => {
    it(`conv2d gradients match cpu: ${name}`, async () => {
      const ours = await convGrads('wasm', x, w, stride, pad, 100 + i * 7);
      const ref = await convGrads('cpu', x, w, stride, pad, 100 + i * 7);
      expect(ours.dx.length).toBe(ref.dx.length);
      expect(ours.dw.length).toBe(ref.dw.length);
      expect(relativeError(ours.dx, ref.dx)).toBeLessThan(1e-4);
      expect(relativeError(ours.dw, ref.dw)).toBeLessThan(1e-4);
    });
  });

  it.each([
    { shape: [2, 8, 8, 3], size: 2 },
    { shape: [3, 7, 9, 2], size: 2 }, // odd sizes: the dropped row/column gets zero gradient
    { shape: [1, 9, 9, 4], size: 3 },
  ])('avgPool gradient matches cpu for $shape pooled by $size', async ({ shape, size }) => {
    const run = (backend: string) =>
      onBackend(backend, () =>
        tf.tidy(() => {
          const x = tf.tensor4d(
            randomArray(
              shape.reduce((a, b) => a * b),
              5,
            ),
            shape as [number, number, number, number],
          );
          const y = tf.avgPool(x, size, size, 'valid');
          const dy = tf.tensor(randomArray(y.size, 6), y.shape);
          return (
            tf
              .grad((a) => tf.avgPool(a as tf.Tensor4D, size, size, 'valid'))(x, dy)
              .dataSync() as Float32Array
          ).slice();
        }),
      );
    const ours = await run('wasm');
    const ref = await run('cpu');
    expect(relativeError(ours, ref)).toBeLessThan(1e-6);
  });

  it('avgPool gradient with overlapping windows still matches cpu (stock kernel)', async () => {
    const run = (backend: string) =>
      onBackend(backend, () =>
        tf.tidy(() => {
          const x = tf.tensor4d(randomArray(2 * 8 * 8 * 2, 9), [2, 8, 8, 2]);
          const dy = tf.tensor(randomArray(2 * 4 * 4 * 2, 10), [2, 4, 4, 2]);
          return (
            tf
              .grad((a) => tf.avgPool(a as tf.Tensor4D, 3, 2, 'same'))(x, dy)
              .dataSync() as Float32Array
          ).slice();
        }),
      );
    expect(relativeError(await run('wasm'), await run('cpu'))).toBeLessThan(1e-6);
  });

  it.each([
    { shape: [5], begin: [1], size: [3] },
    { shape: [4, 6], begin: [1, 2], size: [2, 3] },
    { shape: [4, 6], begin: [1, 0], size: [2, 6] },
    { shape: [3, 5, 7, 2], begin: [1, 2, 0, 1], size: [2, 2, 7, 1] },
    { shape: [3, 5, 7, 2], begin: [0, 0, 3, 0], size: [3, 5, 2, 2] },
    { shape: [2, 3, 4, 5, 6], begin: [1, 0, 1, 2, 0], size: [1, 3, 2, 3, 6] },
    { shape: [2, 3], begin: [0, 1], size: [2, 0] },
  ])('slice $shape at $begin size $size matches cpu', async ({ shape, begin, size }) => {
    const run = (backend: string) =>
      onBackend(backend, () =>
        tf.tidy(() => {
          const x = tf.tensor(
            randomArray(
              shape.reduce((a, b) => a * b, 1),
              3,
            ),
            shape,
          );
          const y = tf.slice(x, begin, size);
          return { shape: y.shape, values: Array.from(y.dataSync()) };
        }),
      );
    expect(await run('wasm')).toEqual(await run('cpu'));
  });

  it('clone and same-dtype cast share the buffer safely', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numBytes;
    const x = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(x);
    const same = tf.cast(x, 'float32');
    const floats = tf.tensor1d([1.7, -2.2]);
    const asInt = tf.cast(floats, 'int32');
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(same.dataSync())).toEqual([1, 2, 3]);
    expect(asInt.dtype).toBe('int32');
    expect(Array.from(asInt.dataSync())).toEqual([1, -2]);
    tf.dispose([copy, same, asInt, floats]);
    expect(tf.memory().numBytes).toBe(before);
  });

  it.each([3, 8])('kernels leak no backend memory (Cin %i)', async (cin) => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d(randomArray(2 * 9 * 8 * cin, 1), [2, 9, 8, cin]);
    const w = tf.tensor4d(randomArray(3 * 3 * cin * 4, 2), [3, 3, cin, 4]);
    const g = tf.grads((a, b) =>
      tf.avgPool(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'), 2, 2, 'valid'),
    );
    tf.dispose(g([x, w]));
    const before = tf.memory();
    tf.dispose(g([x, w]));
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(after.numDataBuffers).toBe(before.numDataBuffers);
    x.dispose();
    w.dispose();
  });
});
