/**
 * Soft-label training (METHODS.md, protocol): a teacher labels every augmented view online and
 * the student minimises KL(softmax(teacher/T) ‖ softmax(student/T)), batch mean, no T² factor.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier, InputNorm, ModelSpec } from './models/classifier.ts';
import { createModel } from './models/create-model.ts';

/** What rebuilds a teacher anywhere (worker threads included): plain data only. */
export interface TeacherSpec {
  model: ModelSpec;
  weights: Float32Array[];
  inputNorm: InputNorm;
  temperature: number;
}

/** KL(p ‖ q) per sample from log-probabilities, averaged over the batch. */
export function softLabelLoss(
  studentLogits: tf.Tensor2D,
  teacherLogProbs: tf.Tensor2D,
  temperature: number,
): tf.Scalar {
  return tf.tidy(() => {
    const logQ = tf.logSoftmax(tf.div(studentLogits, temperature));
    const p = tf.exp(teacherLogProbs);
    return tf.mean(tf.sum(tf.mul(p, tf.sub(teacherLogProbs, logQ)), 1)) as tf.Scalar;
  });
}

export class Teacher {
  readonly model: Classifier;
  readonly temperature: number;
  private readonly inputNorm: InputNorm;

  constructor(spec: TeacherSpec) {
    this.model = createModel(spec.model);
    this.model.setWeights(spec.weights);
    this.model.inputNorm = spec.inputNorm;
    this.inputNorm = spec.inputNorm;
    this.temperature = spec.temperature;
  }

  /**
   * log softmax(teacher(x)/T) for a batch normalised with the *student's* input normalisation:
   * re-normalised per channel to the teacher's (an affine map, exact), never through pixels.
   */
  logProbs(x: tf.Tensor4D, studentNorm: InputNorm): tf.Tensor2D {
    return tf.tidy(() => {
      const scale = studentNorm.std.map((s, c) => s / (this.inputNorm.std[c] ?? 1));
      const shift = studentNorm.mean.map(
        (m, c) => (m - (this.inputNorm.mean[c] ?? 0)) / (this.inputNorm.std[c] ?? 1),
      );
      const xt = tf.add(tf.mul(x, tf.tensor1d(scale)), tf.tensor1d(shift)) as tf.Tensor4D;
      return tf.logSoftmax(tf.div(this.model.forward(xt, false), this.temperature)) as tf.Tensor2D;
    });
  }

  dispose(): void {
    this.model.dispose();
  }
}
