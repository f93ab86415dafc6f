/** Reading and restoring a model's state variables (weights, then buffers), shared by every model. */
import * as tf from '@tensorflow/tfjs';

export function readState(vars: readonly tf.Variable[]): Float32Array[] {
  return vars.map((v) => Float32Array.from(v.dataSync()));
}

/** Checks every size before assigning any, so a bad list leaves the model unchanged. */
export function writeState(vars: readonly tf.Variable[], weights: readonly Float32Array[]): void {
  if (weights.length !== vars.length)
    throw new Error(`expected ${vars.length} weight arrays, got ${weights.length}`);
  vars.forEach((v, i) => {
    const got = (weights[i] as Float32Array).length;
    if (got !== v.size) throw new Error(`weight ${i}: expected ${v.size} values, got ${got}`);
  });
  vars.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(weights[i] as Float32Array, v.shape))));
}
