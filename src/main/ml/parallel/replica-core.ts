/**
 * One copy of the model and optimiser that computes gradients on a shard of a batch and applies
 * combined gradients. The trainer's own copy and every worker's copy run this same code, so the
 * same combined gradient yields bit-identical weights everywhere.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier, InputNorm, ModelSpec } from '../models/classifier.ts';
import { createModel } from '../models/create-model.ts';
import { createOptimizer, type Optimizer, type OptimizerSpec } from '../optim/optimizer.ts';
import type { ShardPlan } from '../batch-plan.ts';
import { inputBatch } from '../input-batch.ts';
import { normLookup, oneHotBatch, type ImageShape } from '../pixel-batch.ts';
import { Teacher, type TeacherSpec } from '../soft-labels.ts';
import { disposeTargets, lossAndGrads, type Targets } from '../train-step.ts';
import { flattenTensors, unflattenTensors } from './flat-grads.ts';

export interface ReplicaData {
  images: Uint8Array;
  labels: Int32Array;
  shape: ImageShape;
  classes: number;
}

export interface ShardResult {
  loss: number;
  grads: Float32Array;
  probabilities: Float32Array | null;
}

export class ReplicaCore {
  private readonly luts: Float32Array[];
  private readonly teacher: Teacher | null;

  constructor(
    readonly model: Classifier,
    readonly optimizer: Optimizer,
    private readonly data: ReplicaData,
    teacher: TeacherSpec | null = null,
  ) {
    this.luts = normLookup(model.inputNorm);
    this.teacher = teacher ? new Teacher(teacher) : null;
  }

  static create(
    spec: ModelSpec,
    inputNorm: InputNorm,
    optimizer: OptimizerSpec,
    data: ReplicaData,
    teacher: TeacherSpec | null = null,
  ): ReplicaCore {
    const model = createModel(spec);
    model.inputNorm = inputNorm;
    return new ReplicaCore(model, createOptimizer(optimizer, model.kernels, model.others), data, teacher);
  }

  /** The shard's input (views, CutMix) and what it trains towards (classes or the teacher's view labels). */
  prepare(rows: ArrayLike<number>, plan: ShardPlan | null): { x: tf.Tensor4D; target: Targets } {
    const { images, labels, shape, classes } = this.data;
    const x = inputBatch(images, rows, shape, this.luts, plan);
    if (!this.teacher) return { x, target: { kind: 'hard', oneHot: oneHotBatch(labels, rows, classes) } };
    const logProbs = this.teacher.logProbs(x, this.model.inputNorm);
    return { x, target: { kind: 'soft', logProbs, temperature: this.teacher.temperature } };
  }

  dispose(): void {
    this.teacher?.dispose();
  }

  /**
   * Mean loss over `rows`, its gradient flattened in optimizer parameter order, and optionally
   * the softmax of the forward pass.
   */
  grads(rows: ArrayLike<number>, wantProbabilities = false, plan: ShardPlan | null = null): ShardResult {
    const { x, target } = this.prepare(rows, plan);
    try {
      const { value, grads, probabilities } = lossAndGrads(
        this.model,
        this.optimizer.params,
        x,
        target,
        wantProbabilities,
      );
      const ordered = this.optimizer.params.map((p) => grads[p.name] as tf.Tensor);
      const flat = flattenTensors(ordered);
      const loss = value.dataSync()[0] as number;
      tf.dispose([value, grads]);
      return { loss, grads: flat, probabilities };
    } finally {
      x.dispose();
      disposeTargets(target);
    }
  }

  apply(flat: Float32Array, lr: number): void {
    const tensors = unflattenTensors(
      flat,
      this.optimizer.params.map((p) => p.shape),
    );
    try {
      this.optimizer.step(tensors, lr);
    } finally {
      tf.dispose(tensors);
    }
  }
}
