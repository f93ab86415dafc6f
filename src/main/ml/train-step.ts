import * as tf from '@tensorflow/tfjs';
import { crossEntropy } from './loss.ts';
import type { Classifier } from './models/classifier.ts';
import type { Optimizer } from './optim/optimizer.ts';
import { softLabelLoss } from './soft-labels.ts';

/** What a batch is trained towards: one-hot classes, or a teacher's log-probabilities at T. */
export type Targets =
  { kind: 'hard'; oneHot: tf.Tensor2D } | { kind: 'soft'; logProbs: tf.Tensor2D; temperature: number };

export function disposeTargets(t: Targets): void {
  (t.kind === 'hard' ? t.oneHot : t.logProbs).dispose();
}

export interface StepOutput {
  /** Mean cross-entropy of the batch (before the update). */
  loss: number;
  /** Softmax of the training forward pass, rows × classes, when asked for (pruning scores). */
  probabilities: Float32Array | null;
}

/**
 * Loss and gradients of the mean cross-entropy for one batch, plus (optionally) the softmax of
 * that same forward pass, so training-dynamics scores (EL2N, forgetting, AUM) cost no extra pass.
 * The caller disposes `value` and `grads`.
 */
export function lossAndGrads(
  model: Classifier,
  params: tf.Variable[],
  x: tf.Tensor4D,
  target: Targets,
  wantProbabilities: boolean,
): { value: tf.Scalar; grads: tf.NamedTensorMap; probabilities: Float32Array | null } {
  let probs: tf.Tensor | null = null;
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.forward(x, true);
    // Not on the loss path, so backprop ignores it; keep it past variableGrads' scope.
    if (wantProbabilities) probs = tf.keep(tf.softmax(logits));
    return target.kind === 'hard'
      ? crossEntropy(logits, target.oneHot)
      : softLabelLoss(logits, target.logProbs, target.temperature);
  }, params);
  let probabilities: Float32Array | null = null;
  if (probs) {
    const kept = probs as tf.Tensor;
    probabilities = Float32Array.from(kept.dataSync());
    kept.dispose();
  }
  return { value, grads, probabilities };
}

/** One forward+backward+update; returns the batch loss. Leaves no tensors behind. */
export function trainStep(
  model: Classifier,
  optimizer: Optimizer,
  x: tf.Tensor4D,
  y: tf.Tensor2D,
  lr: number,
): number {
  return runTrainStep(model, optimizer, x, { kind: 'hard', oneHot: y }, lr, false).loss;
}

export function runTrainStep(
  model: Classifier,
  optimizer: Optimizer,
  x: tf.Tensor4D,
  target: Targets,
  lr: number,
  wantProbabilities: boolean,
): StepOutput {
  const { value, grads, probabilities } = lossAndGrads(model, optimizer.params, x, target, wantProbabilities);
  try {
    optimizer.step(grads, lr);
    return { loss: value.dataSync()[0] as number, probabilities };
  } finally {
    value.dispose();
    tf.dispose(grads);
  }
}
