import * as tf from '@tensorflow/tfjs';
import { crossEntropy } from './loss.ts';
import type { ConvNet } from './models/convnet.ts';
import type { AdamW } from './optim/adamw.ts';

/** One forward+backward+update; returns the batch loss. Leaves no tensors behind. */
export function trainStep(
  model: ConvNet,
  optimizer: AdamW,
  x: tf.Tensor4D,
  y: tf.Tensor2D,
  lr: number,
): number {
  const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x, true), y), optimizer.params);
  try {
    optimizer.step(grads, lr);
    return value.dataSync()[0] as number;
  } finally {
    value.dispose();
    tf.dispose(grads);
  }
}
