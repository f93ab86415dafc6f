/**
 * ResNet-18 for small images, as the dataset-distillation literature and METHODS.md use it:
 * a 3×3 stride-1 stem conv without max-pool (the ImageNet 7×7/2 stem plus pool would leave 1×1
 * maps of a 32×32 image), four stages of two BasicBlocks with width·(1, 2, 4, 8) channels and
 * strides 1, 2, 2, 2, global average pool, linear. Batch norm by default (as torchvision);
 * instance norm or none as options. At width 64, 3 channels, 10 classes and batch norm it has
 * 11,173,962 trainable parameters, like the PyTorch model.
 *
 * Initialisation is PyTorch's Conv2d/Linear default (kaiming-uniform a = √5), the same as our
 * ConvNet; torchvision's ResNet re-draws conv kernels with kaiming-normal (fan_out), which we do
 * not copy so that both architectures start from one documented rule.
 */
import * as tf from '@tensorflow/tfjs';
import { readState, writeState } from './state-io.ts';
import type { Classifier, ResNet18Config, ResNet18Spec } from './classifier.ts';
import type { InputNorm, NormKind } from './convnet.ts';
import { BasicBlock, ConvNorm, ParamFactory, type VariableLists } from './resnet-blocks.ts';

export interface ResNet18Options {
  inputShape: [number, number, number];
  classes: number;
  width?: number;
  norm?: NormKind;
  seed?: number;
}

const STAGE_STRIDES = [1, 2, 2, 2] as const;
const BLOCKS_PER_STAGE = 2;

export class ResNet18 implements Classifier {
  readonly config: ResNet18Config;
  /** Conv and dense kernels: the variables that get weight decay. */
  readonly kernels: tf.Variable[] = [];
  /** Conv biases (norm 'none' only), norm scales/shifts and the dense bias: no weight decay. */
  readonly others: tf.Variable[] = [];
  /** Global-average-pooled features of the last stage: 8·width. */
  readonly featureSize: number;
  inputNorm: InputNorm;
  /** Batch-norm running means/variances (not trainable, saved with the weights). */
  private readonly buffers: tf.Variable[] = [];
  private readonly stem: ConvNorm;
  private readonly blocks: BasicBlock[] = [];
  private readonly denseKernel: tf.Variable;
  private readonly denseBias: tf.Variable;
  private disposed = false;

  constructor(options: ResNet18Options) {
    this.config = {
      inputShape: [...options.inputShape],
      classes: options.classes,
      width: options.width ?? 64,
      norm: options.norm ?? 'batch',
      seed: options.seed ?? 0,
    };
    const { inputShape, classes, width, norm, seed } = this.config;
    if (!inputShape.every((d) => Number.isInteger(d) && d >= 1))
      throw new Error(`invalid input shape ${inputShape.join('×')}`);
    if (!Number.isInteger(width) || width < 1) throw new Error(`invalid width ${width}`);
    if (!Number.isInteger(classes) || classes < 1) throw new Error(`invalid class count ${classes}`);
    const params = new ParamFactory(seed);
    const lists: VariableLists = { kernels: this.kernels, others: this.others, buffers: this.buffers };
    this.stem = new ConvNorm(params, lists, 3, inputShape[2], width, 1, norm);
    let c = width;
    STAGE_STRIDES.forEach((stride, stage) => {
      const cout = width * 2 ** stage;
      for (let b = 0; b < BLOCKS_PER_STAGE; b++) {
        this.blocks.push(new BasicBlock(params, lists, c, cout, b === 0 ? stride : 1, norm));
        c = cout;
      }
    });
    this.featureSize = c;
    this.denseKernel = params.uniform([c, classes], c);
    this.denseBias = params.uniform([classes], c);
    this.kernels.push(this.denseKernel);
    this.others.push(this.denseBias);
    this.inputNorm = {
      mean: new Array<number>(inputShape[2]).fill(0),
      std: new Array<number>(inputShape[2]).fill(1),
    };
  }

  /** JSON-safe description that rebuilds this architecture (createModel). */
  get spec(): ResNet18Spec {
    return { kind: 'resnet18', ...this.config, inputShape: [...this.config.inputShape] };
  }

  /** Every trainable variable, kernels first. */
  get trainable(): tf.Variable[] {
    return [...this.kernels, ...this.others];
  }

  /** Logits [N, classes] for normalised NHWC input; training uses (and updates) batch statistics. */
  forward(x: tf.Tensor4D, training: boolean): tf.Tensor2D {
    return tf.tidy(() => {
      const f = this.featuresInternal(x, training);
      return tf.add(tf.matMul(f, this.denseKernel), this.denseBias) as tf.Tensor2D;
    });
  }

  /** Global-average-pooled last-stage activations [N, featureSize], eval mode. */
  features(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => this.featuresInternal(x, false));
  }

  private featuresInternal(x: tf.Tensor4D, training: boolean): tf.Tensor2D {
    this.assertAlive();
    let y = tf.relu(this.stem.apply(x, training));
    for (const block of this.blocks) y = block.apply(y, training);
    const [n, h, w] = y.shape;
    // A whole-map average pool, not mean over [1,2]: wasm transposes the activation for the latter.
    return tf.reshape(tf.avgPool(y, [h, w], [h, w], 'valid'), [n, this.featureSize]);
  }

  /** Every variable that defines the model: trainable, then batch-norm buffers, fixed order. */
  private stateVariables(): tf.Variable[] {
    return [...this.trainable, ...this.buffers];
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
    if (this.disposed) throw new Error('ResNet18 used after dispose()');
  }
}
