/**
 * RDED's patch shuffle on wasm: the output is the input's k×k patches rearranged by the drawn
 * row and column strip orders (so the multiset of patches is unchanged), including R not
 * divisible by k; row gathers by slices agree with tf.gather.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellSpan } from '../../../../src/main/ml/augment/boxes.ts';
import {
  shuffleStrips,
  stripOrders,
  type StripOrders,
} from '../../../../src/main/ml/augment/patch-shuffle.ts';
import { takeRows } from '../../../../src/main/ml/augment/take-rows.ts';
import { initTensorBackend } from '../../../../src/main/ml/backend.ts';
import { createRng } from '../../../../src/shared/random.ts';

/** Patch (row strip p, column strip q) of sample s of an N×R×R×C buffer, as a string key. */
function patchKey(
  values: Float32Array,
  s: number,
  R: number,
  C: number,
  rows: number[],
  cols: number[],
): string {
  const parts: number[] = [];
  for (let y = rows[0] as number; y < (rows[1] as number); y++) {
    for (let x = cols[0] as number; x < (cols[1] as number); x++) {
      for (let c = 0; c < C; c++) parts.push(values[((s * R + y) * R + x) * C + c] as number);
    }
  }
  return `${rows[1]! - rows[0]!}x${cols[1]! - cols[0]!}:${parts.join(',')}`;
}

/** Output strip p of sample s spans the source strip's size, laid out in the new order. */
function outputSpans(order: Int32Array, s: number, k: number, R: number): number[][] {
  const spans: number[][] = [];
  let at = 0;
  for (let p = 0; p < k; p++) {
    const [a, b] = cellSpan(order[s * k + p] as number, k, R);
    spans.push([at, at + b - a]);
    at += b - a;
  }
  return spans;
}

describe('patch shuffle (wasm)', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initTensorBackend({ prefer: 'wasm' });
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  for (const [R, k, C] of [
    [28, 2, 1],
    [28, 3, 3],
    [28, 4, 1],
    [32, 3, 1],
  ] as const) {
    it(`moves whole patches: same multiset, each where the orders say (R = ${R}, k = ${k})`, () => {
      const n = 40;
      const rng = createRng(R * k);
      const data = Float32Array.from({ length: n * R * R * C }, () => rng());
      const input = tf.tensor4d(data, [n, R, R, C]);
      const orders: StripOrders = stripOrders(createRng(3), n, k);
      const output = shuffleStrips(input, orders);
      const out = output.dataSync() as Float32Array;
      let moved = 0;
      for (let s = 0; s < n; s++) {
        const before: string[] = [];
        const after: string[] = [];
        const rowSpans = outputSpans(orders.rows, s, k, R);
        const colSpans = outputSpans(orders.cols, s, k, R);
        for (let p = 0; p < k; p++) {
          for (let q = 0; q < k; q++) {
            before.push(patchKey(data, s, R, C, cellSpan(p, k, R), cellSpan(q, k, R)));
            const got = patchKey(out, s, R, C, rowSpans[p] as number[], colSpans[q] as number[]);
            const source = [orders.rows[s * k + p], orders.cols[s * k + q]] as [number, number];
            expect(got).toBe(patchKey(data, s, R, C, cellSpan(source[0], k, R), cellSpan(source[1], k, R)));
            after.push(got);
          }
        }
        expect(after.slice().sort()).toEqual(before.slice().sort());
        if (after.join('|') !== before.join('|')) moved++;
      }
      expect(moved).toBeGreaterThan(n / 2);
      tf.dispose([input, output]);
    });
  }

  it('draws a column order then a row order per sample, each a permutation', () => {
    const orders = stripOrders(createRng(9), 200, 3);
    for (let s = 0; s < 200; s++) {
      expect(Array.from(orders.rows.subarray(s * 3, s * 3 + 3)).sort()).toEqual([0, 1, 2]);
      expect(Array.from(orders.cols.subarray(s * 3, s * 3 + 3)).sort()).toEqual([0, 1, 2]);
    }
    expect(stripOrders(createRng(9), 200, 3)).toEqual(orders);
  });

  it('takeRows agrees with tf.gather, merging runs of consecutive rows', () => {
    const x = tf.tensor2d(
      Array.from({ length: 40 }, (_, i) => i),
      [10, 4],
    );
    const index = Int32Array.from([3, 4, 5, 0, 9, 9, 1, 2]);
    const byGather = tf.gather(x, tf.tensor1d(index, 'int32'));
    const bySlices = takeRows(x, index);
    expect(Array.from(bySlices.dataSync())).toEqual(Array.from(byGather.dataSync()));
    expect(() => takeRows(x, Int32Array.from([10]))).toThrow(RangeError);
    tf.dispose([x, byGather, bySlices]);
  });
});
