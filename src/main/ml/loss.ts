import * as tf from '@tensorflow/tfjs';

/** Mean hard-label cross-entropy of logits against one-hot targets. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot), 1))) as tf.Scalar);
}
