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
import {
  computeInputNorm,
  imageCount,
  normLookup,
  oneHotBatch,
  pixelBatch,
  type ImageShape,
} from './pixel-batch.ts';
import { crossEntropy } from './loss.ts';
import { defaultTrainingThreads, startDataParallel, type BatchStepper } from './parallel/data-parallel.ts';
import { ReplicaCore } from './parallel/replica-core.ts';

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
  /**
   * Replicas working on each batch, one per thread. 'auto' (default) uses 2 on a single-threaded
   * backend (wasm, cpu) with ≥ 2 cores when the run is long enough to repay starting a worker.
   */
  threads?: number | 'auto';
}

export interface TrainResult {
  model: ConvNet;
  epochs: number;
  steps: number;
  seconds: number;
  imagesPerSecond: number;
  /** Mean training loss of each epoch. */
  losses: number[];
  /** Replicas (threads) that trained; a failed worker start falls back to 1 and says why. */
  threads: number;
  threadsNote: string | null;
}

export { crossEntropy };

/** Below this many image-passes a worker's start-up (~1 s) costs more than it saves. */
const PARALLEL_MIN_IMAGES = 4000;

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
  const weightDecay = opts.weightDecay ?? 0.01;
  const optimizer = new AdamW(model.kernels, model.others, { weightDecay });
  const { stepper, note } = await chooseStepper(opts, model, optimizer, luts, n, batch, weightDecay);
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
        lossSum += (await stepper.step(rows, lr)) * rows.length;
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
    await stepper.dispose();
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
    threads: stepper.threads,
    threadsNote: note,
  };
}

async function chooseStepper(
  opts: TrainOptions,
  model: ConvNet,
  optimizer: AdamW,
  luts: Float32Array[],
  n: number,
  batch: number,
  weightDecay: number,
): Promise<{ stepper: BatchStepper; note: string | null }> {
  const single: BatchStepper = {
    threads: 1,
    step: async (rows, lr) => {
      const x = pixelBatch(opts.images, rows, opts.shape, luts);
      const y = oneHotBatch(opts.labels, rows, opts.classes);
      try {
        return trainStep(model, optimizer, x, y, lr);
      } finally {
        tf.dispose([x, y]);
      }
    },
    dispose: async () => {},
  };
  const backend = tf.getBackend();
  const singleThreaded = backend === 'wasm' || backend === 'cpu';
  let threads = opts.threads ?? 'auto';
  if (threads === 'auto') {
    threads =
      singleThreaded && n * opts.epochs >= PARALLEL_MIN_IMAGES && batch >= 8 ? defaultTrainingThreads() : 1;
  }
  if (threads <= 1) return { stepper: single, note: null };
  if (!singleThreaded) return { stepper: single, note: `${backend} backend is multi-threaded already` };
  try {
    const images = new SharedArrayBuffer(opts.images.byteLength);
    new Uint8Array(images).set(opts.images);
    const labels = new SharedArrayBuffer(opts.labels.byteLength);
    new Int32Array(labels).set(opts.labels);
    const stepper = await startDataParallel(
      new ReplicaCore(model, optimizer, {
        images: opts.images,
        labels: opts.labels,
        shape: opts.shape,
        classes: opts.classes,
      }),
      {
        backend: backend === 'wasm' ? 'wasm' : 'cpu',
        model: model.config,
        weightDecay,
        inputNorm: model.inputNorm,
        shape: opts.shape,
        classes: opts.classes,
        images,
        labels,
      },
      threads - 1,
    );
    return { stepper, note: null };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { stepper: single, note: `could not start training workers (${why}); trained on 1 thread` };
  }
}
