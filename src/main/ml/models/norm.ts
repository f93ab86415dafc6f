/**
 * Normalisation layers for NHWC activations.
 *
 * Instance norm has a hand-written gradient and takes its per-sample, per-channel means with a
 * global average pool: autograd through moments() emits about twice the element-wise passes,
 * and reductions over H,W make the wasm backend transpose the whole activation first. On the
 * single-threaded wasm backend those passes over the large first-layer activations would cost as
 * much as the convolutions.
 */
import * as tf from '@tensorflow/tfjs';

export const NORM_EPS = 1e-5;

/** Mean over H and W, shape [N,1,1,C]. */
function spatialMean(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.avgPool(x, [h, w], [h, w], 'valid');
}

/** Per-sample, per-channel normalisation over H and W with a learnable affine (PyTorch GroupNorm(C, C)). */
export function instanceNorm(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor4D {
  const op = tf.customGrad((xIn, gIn, bIn, save) => {
    const xt = xIn as tf.Tensor4D;
    const g = gIn as tf.Tensor1D;
    const b = bIn as tf.Tensor1D;
    const centred = tf.sub(xt, spatialMean(xt));
    const inv = tf.rsqrt(tf.add(spatialMean(tf.square(centred) as tf.Tensor4D), NORM_EPS));
    // y = centred·(inv·γ) + β: the scale is [N,1,1,C], so x̂ is never materialised.
    (save as tf.GradSaveFunc)([centred, inv, g]);
    const value = tf.add(tf.mul(centred, tf.mul(inv, g)), b) as tf.Tensor4D;
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [sc, si, sg] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D];
      const dy4 = dy as tf.Tensor4D;
      const [, h, w] = dy4.shape;
      // With x̂ = centred·inv, A = mean_HW(dy), B = mean_HW(dy·x̂) = inv·mean_HW(dy·centred):
      // dβ = HW·Σ_N A,  dγ = HW·Σ_N B,  dx = (inv·γ)·(dy − A − x̂·B)  (means per sample/channel).
      const a = spatialMean(dy4);
      const bm = tf.mul(spatialMean(tf.mul(dy4, sc) as tf.Tensor4D), si);
      const dBeta = tf.mul(tf.sum(a, [0, 1, 2]), h * w);
      const dGamma = tf.mul(tf.sum(bm, [0, 1, 2]), h * w);
      const dx = tf.mul(tf.sub(tf.sub(dy4, a), tf.mul(sc, tf.mul(si, bm))), tf.mul(si, sg));
      return [dx, dGamma, dBeta];
    };
    return { value, gradFunc };
  });
  return op(x, gamma, beta) as tf.Tensor4D;
}

export interface BatchNormState {
  runningMean: tf.Variable;
  runningVar: tf.Variable;
}

/**
 * Batch statistics over N,H,W while training (running averages updated with momentum 0.1 and
 * the unbiased variance, as PyTorch does); running statistics in evaluation.
 */
export function batchNorm(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  state: BatchNormState,
  training: boolean,
): tf.Tensor4D {
  if (!training) {
    return tf.batchNorm(x, state.runningMean, state.runningVar, beta, gamma, NORM_EPS) as tf.Tensor4D;
  }
  // Statistics through the spatial average pool for the same reason as instance norm: wasm
  // reduces over N,H,W by transposing the whole activation first.
  const mean = tf.mean(spatialMean(x), [0, 1, 2]);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(spatialMean(tf.square(centred) as tf.Tensor4D), [0, 1, 2]);
  const count = x.size / (x.shape[3] ?? 1);
  tf.tidy(() => {
    const unbiased = tf.mul(variance, count / Math.max(1, count - 1));
    state.runningMean.assign(tf.add(tf.mul(state.runningMean, 0.9), tf.mul(mean, 0.1)));
    state.runningVar.assign(tf.add(tf.mul(state.runningVar, 0.9), tf.mul(unbiased, 0.1)));
  });
  const scale = tf.mul(tf.rsqrt(tf.add(variance, NORM_EPS)), gamma);
  return tf.add(tf.mul(centred, scale), beta) as tf.Tensor4D;
}
