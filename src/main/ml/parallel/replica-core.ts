/**
 * One copy of the model and optimiser that computes gradients on a shard of a batch and applies
 * combined gradients. The trainer's own copy and every worker's copy run this same code, so the
 * same combined gradient yields bit-identical weights everywhere.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvNet, type ConvNetOptions, type InputNorm } from '../models/convnet.ts';
import { AdamW } from '../optim/adamw.ts';
import { normLookup, oneHotBatch, pixelBatch, type ImageShape } from '../pixel-batch.ts';
import { lossAndGrads } from '../train-step.ts';
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

  constructor(
    readonly model: ConvNet,
    readonly optimizer: AdamW,
    private readonly data: ReplicaData,
  ) {
    this.luts = normLookup(model.inputNorm);
  }

  static create(
    options: ConvNetOptions,
    inputNorm: InputNorm,
    weightDecay: number,
    data: ReplicaData,
  ): ReplicaCore {
    const model = new ConvNet(options);
    model.inputNorm = inputNorm;
    return new ReplicaCore(model, new AdamW(model.kernels, model.others, { weightDecay }), data);
  }

  /**
   * Mean loss over `rows`, its gradient flattened in optimizer parameter order, and optionally
   * the softmax of the forward pass.
   */
  grads(rows: ArrayLike<number>, wantProbabilities = false): ShardResult {
    const { images, labels, shape, classes } = this.data;
    const x = pixelBatch(images, rows, shape, this.luts);
    const y = oneHotBatch(labels, rows, classes);
    try {
      const { value, grads, probabilities } = lossAndGrads(
        this.model,
        this.optimizer.params,
        x,
        y,
        wantProbabilities,
      );
      const ordered = this.optimizer.params.map((p) => grads[p.name] as tf.Tensor);
      const flat = flattenTensors(ordered);
      const loss = value.dataSync()[0] as number;
      tf.dispose([value, grads]);
      return { loss, grads: flat, probabilities };
    } finally {
      tf.dispose([x, y]);
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
