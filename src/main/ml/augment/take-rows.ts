/**
 * Row gather by slices. On the tfjs 4.22 wasm backend GatherV2 walks every element through
 * generic index arithmetic (~7 ms to gather 3584 rows of 28 floats on this machine) and is wrong
 * with batchDims ≥ 1 (tfjs issue #8658), while our heap Slice kernel (kernels/heap-slice.ts)
 * copies a contiguous block in microseconds. Consecutive source rows are merged into one slice,
 * so an identity order costs a single slice.
 */
import * as tf from '@tensorflow/tfjs';

/** Row i of the result is row index[i] of x. */
export function takeRows(x: tf.Tensor2D, index: Int32Array): tf.Tensor2D {
  const [rows, cols] = x.shape;
  const parts: tf.Tensor2D[] = [];
  let start = 0;
  while (start < index.length) {
    const first = index[start] as number;
    if (!(first >= 0 && first < rows)) throw new RangeError(`row ${first} outside 0…${rows - 1}`);
    let end = start + 1;
    while (end < index.length && index[end] === first + (end - start) && (index[end] as number) < rows) end++;
    parts.push(tf.slice(x, [first, 0], [end - start, cols]));
    start = end;
  }
  if (parts.length === 0) return tf.zeros([0, cols]);
  if (parts.length === 1) return parts[0] as tf.Tensor2D;
  const joined = tf.concat(parts, 0);
  for (const part of parts) part.dispose();
  return joined;
}
