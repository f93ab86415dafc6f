/**
 * ConvNet-3 of the distillation literature (METHODS.md): depth × [conv 3×3 'same' → norm →
 * ReLU → 2×2 avg-pool], then flatten → dense. Written against the ops API with explicit
 * variables so that training code controls the tape, and weight decay can be limited to the
 * conv/dense kernels (`kernels`) and kept off biases and norm scales (`others`).
 */
import * as tf from '@tensorflow/tfjs';
import { readState, writeState } from './state-io.ts';
import { paramRng, torchDefaultUniform } from './init.ts';
import { batchNorm, instanceNorm, type BatchNormState } from './norm.ts';
import { ownedVariable } from '../variables.ts';
import type { Classifier, ConvNetSpec } from './classifier.ts';

export type NormKind = 'instance' | 'batch' | 'none';

export interface ConvNetOptions {
  inputShape: [number, number, number];
  classes: number;
  width?: number;
  depth?: number;
  norm?: NormKind;
  seed?: number;
}

export type ConvNetConfig = Required<ConvNetOptions>;

/** Pixel normalisation the model was trained with (per channel, on x/255). */
export interface InputNorm {
  mean: number[];
  std: number[];
}

interface Block {
  kernel: tf.Variable;
  /**
   * Only without a norm: a norm subtracts every per-channel constant, so a conv bias before it
   * cancels exactly (its gradient is zero and AdamW never moves it). Leaving it out gives the
   * same function as the PyTorch peer's Conv2d(bias=True) and saves a reduction per step.
   */
  bias: tf.Variable | null;
  gamma: tf.Variable | null;
  beta: tf.Variable | null;
  bn: BatchNormState | null;
}

export class ConvNet implements Classifier {
  readonly config: ConvNetConfig;
  /** Conv and dense kernels: the variables that get weight decay. */
  readonly kernels: tf.Variable[] = [];
  /** Biases and norm affine parameters: trained without weight decay. */
  readonly others: tf.Variable[] = [];
  /** Flattened size of the penultimate features. */
  readonly featureSize: number;
  inputNorm: InputNorm;
  private readonly blocks: Block[] = [];
  private readonly denseKernel: tf.Variable;
  private readonly denseBias: tf.Variable;
  private disposed = false;

  constructor(options: ConvNetOptions) {
    this.config = {
      width: 128,
      depth: 3,
      norm: 'instance',
      seed: 0,
      ...options,
    };
    const { inputShape, classes, width, depth, norm, seed } = this.config;
    let [h, w, c] = inputShape;
    this.inputNorm = { mean: new Array<number>(c).fill(0), std: new Array<number>(c).fill(1) };
    let stream = 0;
    const uniform = (shape: number[], fanIn: number): tf.Variable => {
      const size = shape.reduce((a, b) => a * b, 1);
      return ownedVariable(tf.tensor(torchDefaultUniform(size, fanIn, paramRng(seed, stream++)), shape));
    };
    for (let i = 0; i < depth; i++) {
      const fanIn = c * 9;
      const block: Block = {
        kernel: uniform([3, 3, c, width], fanIn),
        bias: norm === 'none' ? uniform([width], fanIn) : null,
        gamma: norm === 'none' ? null : ownedVariable(tf.ones([width])),
        beta: norm === 'none' ? null : ownedVariable(tf.zeros([width])),
        bn:
          norm === 'batch'
            ? {
                runningMean: ownedVariable(tf.zeros([width]), false),
                runningVar: ownedVariable(tf.ones([width]), false),
              }
            : null,
      };
      this.blocks.push(block);
      this.kernels.push(block.kernel);
      if (block.bias) this.others.push(block.bias);
      else stream++; // keep later parameters' streams independent of the norm choice
      if (block.gamma && block.beta) this.others.push(block.gamma, block.beta);
      c = width;
      h = Math.floor(h / 2);
      w = Math.floor(w / 2);
    }
    if (h < 1 || w < 1) throw new Error(`input ${inputShape.join('×')} is too small for depth ${depth}`);
    this.featureSize = h * w * c;
    this.denseKernel = uniform([this.featureSize, classes], this.featureSize);
    this.denseBias = uniform([classes], this.featureSize);
    this.kernels.push(this.denseKernel);
    this.others.push(this.denseBias);
  }

  /** JSON-safe description that rebuilds this architecture (createModel). */
  get spec(): ConvNetSpec {
    return { kind: 'convnet', ...this.config, inputShape: [...this.config.inputShape] };
  }

  /** Every trainable variable, kernels first. */
  get trainable(): tf.Variable[] {
    return [...this.kernels, ...this.others];
  }

  /** Logits [N, classes] for normalised NHWC input. */
  forward(x: tf.Tensor4D, training: boolean): tf.Tensor2D {
    return tf.tidy(() => {
      const f = this.featuresInternal(x, training);
      return tf.add(tf.matMul(f, this.denseKernel), this.denseBias) as tf.Tensor2D;
    });
  }

  /** Penultimate activations [N, featureSize] (flattened after the last pool), eval mode. */
  features(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => this.featuresInternal(x, false));
  }

  private featuresInternal(x: tf.Tensor4D, training: boolean): tf.Tensor2D {
    this.assertAlive();
    let y: tf.Tensor4D = x;
    for (const b of this.blocks) {
      const filter = b.kernel as tf.Tensor4D;
      // The fused conv adds the bias inside XNNPACK on wasm instead of a separate pass.
      y = b.bias
        ? tf.fused.conv2d({ x: y, filter, strides: 1, pad: 'same', bias: b.bias })
        : tf.conv2d(y, filter, 1, 'same');
      if (b.gamma && b.beta) {
        const g = b.gamma as tf.Tensor1D;
        const be = b.beta as tf.Tensor1D;
        y = b.bn ? batchNorm(y, g, be, b.bn, training) : instanceNorm(y, g, be);
      }
      y = tf.avgPool(tf.relu(y), 2, 2, 'valid');
    }
    return tf.reshape(y, [y.shape[0], this.featureSize]);
  }

  /** Every variable that defines the model (trainable, then batch-norm buffers), fixed order. */
  private stateVariables(): tf.Variable[] {
    const buffers = this.blocks.flatMap((b) => (b.bn ? [b.bn.runningMean, b.bn.runningVar] : []));
    return [...this.trainable, ...buffers];
  }

  getWeights(): Float32Array[] {
    this.assertAlive();
    return readState(this.stateVariables());
  }

  setWeights(weights: readonly Float32Array[]): void {
    this.assertAlive();
    writeState(this.stateVariables(), weights);
  }

  dispose(): void {
    if (this.disposed) return;
    for (const v of this.stateVariables()) v.dispose();
    this.disposed = true;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('ConvNet used after dispose()');
  }
}

export function createConvNet(options: ConvNetOptions): ConvNet {
  return new ConvNet(options);
}
