/**
 * The plain-JS crop-and-resize against tf.image.cropAndResize (bilinear), the op training uses:
 * equal to the cpu reference kernel, and within 1/255 of the wasm backend (training's) after the
 * same rounding to bytes, for boxes inside one cell, the whole image, flipped, extreme aspects,
 * one pixel, and 1 or 3 channels.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cellRegion,
  constrainedBoxes,
  randomResizedBox,
  wholeBoxes,
} from '../../../../src/main/ml/augment/boxes.ts';
import { cropAndResizeJs, toBytes } from '../../../../src/main/ml/augment/crop-resize-js.ts';
import { initTensorBackend } from '../../../../src/main/ml/backend.ts';
import { createRng } from '../../../../src/shared/random.ts';

type Shape = [number, number, number];

function randomImage(shape: Shape, seed: number): Uint8Array {
  const rng = createRng(seed);
  return Uint8Array.from({ length: shape[0] * shape[1] * shape[2] }, () => Math.floor(rng() * 256));
}

/** Named boxes on an R×R image whose mosaic grid is k. */
function boxesFor(R: number, k: number): [string, number[]][] {
  const { region, regionPx } = cellRegion(k * k - 1, k, R);
  const inCell = randomResizedBox(createRng(7), region, regionPx).box;
  // One pixel wide and the cell's height (area 1/W of the cell, aspect 1/H), stretched to R×R;
  // then one pixel high and the cell's width: the most extreme aspects a crop can have.
  const { height: H, width: W } = regionPx;
  const column = randomResizedBox(() => 0.5, region, regionPx, [1 / W, 1 / W], [1 / H, 1 / H]).box;
  const row = randomResizedBox(() => 0.5, region, regionPx, [1 / H, 1 / H], [W, W]).box;
  const cases: [string, number[]][] = [
    ['inside one cell', inCell],
    ['inside one cell, flipped', [inCell[0], inCell[3], inCell[2], inCell[1]]],
    ['whole image', [0, 0, 1, 1]],
    ['whole image, flipped', [0, 1, 1, 0]],
    ['one column (aspect 1/h)', column],
    ['one row (aspect w/1), flipped', [row[0], row[3], row[2], row[1]]],
    ['one pixel', [0.5, 0.25, 0.5, 0.25]],
  ];
  // Drawn as training draws them, extreme aspect ranges included (boxes hold float32 values).
  const drawn = constrainedBoxes(createRng(3), 4, k, R, { scale: [0.02, 1], ratio: [1 / 6, 6] }).boxes;
  const whole = wholeBoxes(createRng(4), 4, R, { scale: [0.02, 1], ratio: [1 / 8, 8] });
  for (let i = 0; i < 4; i++) {
    cases.push([`drawn in a cell ${i}`, Array.from(drawn.subarray(i * 4, i * 4 + 4))]);
    cases.push([`drawn whole ${i}`, Array.from(whole.subarray(i * 4, i * 4 + 4))]);
  }
  return cases;
}

function tfCrop(image: Uint8Array, shape: Shape, box: number[]): Float32Array {
  const [h, w, c] = shape;
  return tf.tidy(() =>
    tf.image
      .cropAndResize(
        tf.tensor4d(Float32Array.from(image), [1, h, w, c]),
        tf.tensor2d(box, [1, 4]),
        tf.tensor1d([0], 'int32'),
        [h, w],
        'bilinear',
      )
      .dataSync(),
  ) as Float32Array;
}

const SHAPES: Shape[] = [
  [28, 28, 1],
  [28, 28, 3],
  [64, 64, 3],
];
const GRID: Record<number, number> = { 28: 2, 64: 4 };

describe.each(['cpu', 'wasm'])('cropAndResizeJs against tf.image.cropAndResize (%s)', (backend) => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    if (backend === 'wasm') await initTensorBackend({ prefer: 'wasm' });
    else await tf.setBackend('cpu');
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  for (const shape of SHAPES) {
    it(`${shape.join('×')}: every box within 1/255 after rounding${backend === 'cpu' ? ', and equal before' : ''}`, () => {
      const image = randomImage(shape, shape[0] + shape[2]);
      for (const [name, box] of boxesFor(shape[0], GRID[shape[0]] as number)) {
        const f32box = Array.from(Float32Array.from(box));
        const js = cropAndResizeJs(image, shape, f32box, [shape[0], shape[1]]);
        const ref = tfCrop(image, shape, f32box);
        if (backend === 'cpu') expect(js, name).toEqual(ref);
        let worstFloat = 0;
        for (let i = 0; i < js.length; i++)
          worstFloat = Math.max(worstFloat, Math.abs((js[i] as number) - (ref[i] as number)));
        expect(worstFloat, name).toBeLessThan(1e-2); // float32 coordinates on wasm: ~4e-6 px × 255
        const a = toBytes(js);
        const b = toBytes(ref);
        let worst = 0;
        for (let i = 0; i < a.length; i++)
          worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
        expect(worst, name).toBeLessThanOrEqual(1);
      }
    });
  }

  it('a mirrored whole-image box is an exact flip; the identity box is the image', () => {
    const shape: Shape = [5, 5, 3];
    const image = randomImage(shape, 9);
    expect(toBytes(cropAndResizeJs(image, shape, [0, 0, 1, 1], [5, 5]))).toEqual(image);
    const flipped = toBytes(cropAndResizeJs(image, shape, [0, 1, 1, 0], [5, 5]));
    for (let y = 0; y < 5; y++)
      for (let x = 0; x < 5; x++)
        for (let c = 0; c < 3; c++) expect(flipped[(y * 5 + x) * 3 + c]).toBe(image[(y * 5 + 4 - x) * 3 + c]);
    expect(toBytes(tfCrop(image, shape, [0, 1, 1, 0]))).toEqual(flipped);
  });

  it('samples outside the image get 0, as the kernel extrapolates', () => {
    const shape: Shape = [6, 6, 1];
    const image = new Uint8Array(36).fill(200);
    const box = [-0.5, -0.5, 1.5, 1.5];
    expect(cropAndResizeJs(image, shape, box, [6, 6])).toEqual(tfCrop(image, shape, box));
  });
});

describe('toBytes', () => {
  it('rounds half to even and clips, as tf.round and clipByValue do', () => {
    const values = Float32Array.from([0.5, 1.5, 2.5, 3.49, 254.5, 255.5, 255.7, -0.4, -3, 127.50001]);
    const ref = tf.tidy(() =>
      tf
        .clipByValue(tf.round(tf.tensor1d(values)), 0, 255)
        .cast('int32')
        .dataSync(),
    );
    expect(Array.from(toBytes(values))).toEqual(Array.from(ref));
    expect(Array.from(toBytes(values))).toEqual([0, 2, 2, 3, 254, 255, 255, 0, 0, 128]);
  });

  it('refuses a buffer of the wrong size and a box of the wrong length', () => {
    expect(() => cropAndResizeJs(new Uint8Array(10), [2, 2, 3], [0, 0, 1, 1], [2, 2])).toThrow(RangeError);
    expect(() => cropAndResizeJs(new Uint8Array(12), [2, 2, 3], [0, 0, 1], [2, 2])).toThrow(RangeError);
  });
});
