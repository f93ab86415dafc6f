/**
 * Hard-label training of ConvNet-3 with the benchmark protocol (METHODS.md): AdamW with decay on
 * kernels only, cosine schedule per epoch, seeded shuffles, last partial batch kept.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, shuffleInPlace } from '../../shared/random.ts';
import { ApiError } from '../../shared/rpc/errors.ts';
import { ConvNet, type NormKind } from './models/convnet.ts';
import { AdamW } from './optim/adamw.ts';
import { cosineLr } from './optim/cosine.ts';
import { computeInputNorm, imageCount, normLookup, oneHotBatch, pixelBatch, type ImageShape } from './pixel-batch.ts';

export { evaluate, type EvaluationResult } from './evaluate.ts';

export interface TrainProgress {
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  images: number;
}

export interface TrainOptions {
  images: Uint8Array;
  labels: Int32Array;
  shape: ImageShape;
  classes: number;
  width: number;
  depth?: number;
  norm?: NormKind;
  epochs: number;
  batchSize: number;
  lr?: number;
  weightDecay?: number;
  seed: number;
  onProgress?: (p: TrainProgress) => void;
  shouldStop?: () => boolean;
}

export interface TrainResult {
  model: ConvNet;
  epochs: number;
  steps: number;
  seconds: number;
  imagesPerSecond: number;
  /** Mean training loss of each epoch. */
  losses: number[];
}

/** Mean cross-entropy of logits against one-hot targets. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot), 1))) as tf.Scalar);
}

/** One forward+backward+update; returns the batch loss. Leaves no tensors behind. */
export function trainStep(model: ConvNet, optimizer: AdamW, x: tf.Tensor4D, y: tf.Tensor2D, lr: number): number {
  const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward(x, true), y), optimizer.params);
  try {
    optimizer.step(grads, lr);
    return value.dataSync()[0] as number;
  } finally {
    value.dispose();
    tf.dispose(grads);
  }
}

export async function trainClassifier(opts: TrainOptions): Promise<TrainResult> {
  const n = imageCount(opts.images, opts.shape);
  if (opts.labels.length !== n) throw new Error(`${n} images but ${opts.labels.length} labels`);
  if (n === 0) throw new Error('no training images');
  const batch = Math.max(1, Math.min(opts.batchSize, n));
  const stepsPerEpoch = Math.ceil(n / batch);
  const totalSteps = stepsPerEpoch * opts.epochs;
  const lr0 = opts.lr ?? 1e-3;

  const model = new ConvNet({
    inputShape: opts.shape,
    classes: opts.classes,
    width: opts.width,
    depth: opts.depth ?? 3,
    norm: opts.norm ?? 'instance',
    seed: opts.seed,
  });
  model.inputNorm = computeInputNorm(opts.images, opts.shape);
  const luts = normLookup(model.inputNorm);
  const optimizer = new AdamW(model.kernels, model.others, { weightDecay: opts.weightDecay ?? 0.01 });
  const rng = createRng(opts.seed ^ 0x5eed);
  const order = Array.from({ length: n }, (_, i) => i);
  const losses: number[] = [];
  const started = performance.now();
  let step = 0;

  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      shuffleInPlace(order, rng);
      const lr = cosineLr(lr0, epoch, opts.epochs);
      let lossSum = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        // Yield so cancel requests (IPC, timers) can flip shouldStop between steps.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (opts.shouldStop?.()) throw new ApiError('cancelled', 'cancelled');
        const rows = order.slice(s * batch, Math.min(n, (s + 1) * batch));
        const x = pixelBatch(opts.images, rows, opts.shape, luts);
        const y = oneHotBatch(opts.labels, rows, opts.classes);
        try {
          lossSum += trainStep(model, optimizer, x, y, lr) * rows.length;
        } finally {
          x.dispose();
          y.dispose();
        }
        step += 1;
        opts.onProgress?.({ epoch, epochs: opts.epochs, step, steps: totalSteps, images: step * batch });
      }
      losses.push(lossSum / n);
    }
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const imagesSeen = n * opts.epochs;
  return {
    model,
    epochs: opts.epochs,
    steps: step,
    seconds,
    imagesPerSecond: seconds > 0 ? imagesSeen / seconds : 0,
    losses,
  };
}
