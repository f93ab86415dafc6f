/** Gradients as one Float32Array, so replicas exchange a single transferable buffer per step. */
import * as tf from '@tensorflow/tfjs';

export function flattenTensors(tensors: readonly tf.Tensor[]): Float32Array {
  const total = tensors.reduce((n, t) => n + t.size, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const t of tensors) {
    out.set(t.dataSync() as Float32Array, offset);
    offset += t.size;
  }
  return out;
}

/** Tensors with the given shapes viewing consecutive parts of `flat` (the caller disposes them). */
export function unflattenTensors(flat: Float32Array, shapes: readonly number[][]): tf.Tensor[] {
  let offset = 0;
  return shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const t = tf.tensor(flat.subarray(offset, offset + size), shape);
    offset += size;
    return t;
  });
}

/** out += weight · part, in place. */
export function addScaled(out: Float32Array, part: Float32Array, weight: number): void {
  if (out.length !== part.length) throw new Error(`gradient sizes differ: ${out.length} vs ${part.length}`);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + weight * (part[i] as number);
}
