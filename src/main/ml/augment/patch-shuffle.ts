/**
 * RDED's patch shuffle (the comparison for the constrained crop). RDED's ShufflePatches splits
 * the image into k column strips, permutes them, then does the same with k row strips: the k×k
 * tiles are permuted, but only by an independent row order and column order (k!² outcomes), so
 * tiles that shared a row still share one. Our strips are the mosaic's cells (cellSpan), which
 * also covers R not divisible by k (RDED's slicing drops the remainder there).
 *
 * Tensor side: the rows of the batch seen as [N·R, R·C] are taken in their new order (slices
 * and one concat, see take-rows.ts), then the same on the H/W-transposed batch for columns.
 */
import * as tf from '@tensorflow/tfjs';
import { cellSpan } from './boxes.ts';
import { takeRows } from './take-rows.ts';

// Drawn in plain JS (draws.ts); re-exported for the tensor side's callers.
export { stripOrders } from './draws.ts';

/** For every sample s and output strip p, the source strip: rows[s·k + p], cols[s·k + p]. */
export interface StripOrders {
  k: number;
  rows: Int32Array;
  cols: Int32Array;
}

/** Global row index of every output row: sample s's strips in their new order. */
function rowIndex(order: Int32Array, n: number, k: number, R: number): Int32Array {
  const index = new Int32Array(n * R);
  let out = 0;
  for (let s = 0; s < n; s++) {
    for (let p = 0; p < k; p++) {
      const [start, end] = cellSpan(order[s * k + p] as number, k, R);
      for (let y = start; y < end; y++) index[out++] = s * R + y;
    }
  }
  return index;
}

function gatherRows(x: tf.Tensor4D, index: Int32Array): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  return takeRows(x.reshape([n * h, w * c]), index).reshape([n, h, w, c]);
}

/** Rearranges every sample's strips as `orders` says. */
export function shuffleStrips(images: tf.Tensor4D, orders: StripOrders): tf.Tensor4D {
  const [n, R, width] = images.shape;
  const { k } = orders;
  if (R !== width) throw new RangeError(`patch shuffle needs square images, got ${R}×${width}`);
  if (orders.rows.length !== n * k || orders.cols.length !== n * k) {
    throw new RangeError(`strip orders are for ${orders.rows.length / k} samples, the batch has ${n}`);
  }
  return tf.tidy(() => {
    if (k === 1) return images.clone();
    const byRows = gatherRows(images, rowIndex(orders.rows, n, k, R));
    const transposed = byRows.transpose<tf.Tensor4D>([0, 2, 1, 3]);
    return gatherRows(transposed, rowIndex(orders.cols, n, k, R)).transpose<tf.Tensor4D>([0, 2, 1, 3]);
  });
}
