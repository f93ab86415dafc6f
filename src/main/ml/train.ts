/**
 * Hard-label training of ConvNet-3 with the benchmark protocol (METHODS.md): AdamW with decay on
 * kernels only, cosine schedule per epoch, seeded shuffles, last partial batch kept.
 */
import { createRng, shuffleInPlace } from '../../shared/random.ts';
import { ApiError } from '../../shared/rpc/errors.ts';
import type { Classifier, ModelSpec, NormKind } from './models/classifier.ts';
import { createModel } from './models/create-model.ts';
import { createOptimizer, type OptimizerSpec, type OptimizerState } from './optim/optimizer.ts';
import { cosineLr } from './optim/cosine.ts';
import { computeInputNorm, imageCount, type ImageShape } from './pixel-batch.ts';
import type { AugmentPolicy } from './augment/augment-batch.ts';
import { drawBatchPlan, epochPlanRng } from './batch-plan.ts';
import type { TeacherSpec } from './soft-labels.ts';
import { crossEntropy } from './loss.ts';
import { chooseStepper } from './train-stepper.ts';
import { trainStep } from './train-step.ts';

export { evaluate, type EvaluationResult } from './evaluate.ts';

export interface TrainProgress {
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  images: number;
}

export interface BatchProbabilities {
  epoch: number;
  step: number;
  /** Training-image indices of the batch, in the order of `probabilities`' rows. */
  rows: readonly number[];
  probabilities: Float32Array;
}

/**
 * Everything needed to continue a run after `epochsDone` epochs exactly as if it had never
 * stopped: the seeded shuffles are replayed, so only weights and optimiser state are stored.
 */
export interface TrainCheckpoint {
  epochsDone: number;
  weights: Float32Array[];
  optimizer: OptimizerState;
  losses: number[];
  /** Training seconds spent before this checkpoint (over every earlier session). */
  seconds: number;
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
  /** Decoupled (AdamW) weight decay on kernels; ignored when `optimizer` is given. */
  weightDecay?: number;
  /** Default: ConvNet-3 of `width`, `depth`, `norm`. `inputShape`, `classes` and `seed` come from here. */
  model?: { kind: 'resnet18'; width: number; norm: NormKind } | { kind: 'convnet' };
  /** Default: AdamW with `weightDecay`. */
  optimizer?: OptimizerSpec;
  seed: number;
  onProgress?: (p: TrainProgress) => void;
  /**
   * Called after every step with the softmax of that step's training forward pass for its rows
   * (row-major rows.length × classes): what EL2N / forgetting / AUM scores record per epoch.
   * Only computed when given.
   */
  onBatchProbabilities?: (p: BatchProbabilities) => void;
  shouldStop?: () => boolean;
  /** One augmented view per image and epoch (METHODS.md "A"); none = the stored images as they are. */
  augment?: AugmentPolicy | null;
  /** Soft-label mode: a teacher labels every view at its temperature; CutMix on every batch. */
  soft?: { teacher: TeacherSpec; cutmix: boolean } | null;
  /** Continue from this checkpoint (taken by `onEpochEnd` of a run with the same options). */
  resume?: TrainCheckpoint;
  /** Called after every epoch with a checkpoint; awaited before the next epoch starts. */
  onEpochEnd?: (checkpoint: TrainCheckpoint) => void | Promise<void>;
  /**
   * Replicas working on each batch, one per thread. 'auto' (default) uses 2 on a single-threaded
   * backend (wasm, cpu) with ≥ 2 cores when the run is long enough to repay starting a worker.
   */
  threads?: number | 'auto';
}

export interface TrainResult {
  model: Classifier;
  epochs: number;
  steps: number;
  /** Training wall time, including the sessions before a resume. */
  seconds: number;
  /** Throughput of this session (images trained / its seconds). */
  imagesPerSecond: number;
  /** Mean training loss of each epoch. */
  losses: number[];
  /** Replicas (threads) that trained; a failed worker start falls back to 1 and says why. */
  threads: number;
  threadsNote: string | null;
}

export { crossEntropy, trainStep };

export async function trainClassifier(opts: TrainOptions): Promise<TrainResult> {
  const n = imageCount(opts.images, opts.shape);
  if (opts.labels.length !== n) throw new Error(`${n} images but ${opts.labels.length} labels`);
  if (n === 0) throw new Error('no training images');
  const batch = Math.max(1, Math.min(opts.batchSize, n));
  const stepsPerEpoch = Math.ceil(n / batch);
  const totalSteps = stepsPerEpoch * opts.epochs;
  const lr0 = opts.lr ?? 1e-3;
  // Wall time includes starting any worker threads: that is what the user waits for.
  const started = performance.now();

  const spec: ModelSpec =
    opts.model?.kind === 'resnet18'
      ? {
          kind: 'resnet18',
          inputShape: opts.shape,
          classes: opts.classes,
          width: opts.model.width,
          norm: opts.model.norm,
          seed: opts.seed,
        }
      : {
          kind: 'convnet',
          inputShape: opts.shape,
          classes: opts.classes,
          width: opts.width,
          depth: opts.depth ?? 3,
          norm: opts.norm ?? 'instance',
          seed: opts.seed,
        };
  const model = createModel(spec);
  model.inputNorm = computeInputNorm(opts.images, opts.shape);
  const optimizerSpec: OptimizerSpec = opts.optimizer ?? {
    kind: 'adamw',
    weightDecay: opts.weightDecay ?? 0.01,
  };
  const optimizer = createOptimizer(optimizerSpec, model.kernels, model.others);
  const resume = opts.resume;
  if (resume) {
    if (resume.epochsDone > opts.epochs)
      throw new Error(`checkpoint after epoch ${resume.epochsDone} of a ${opts.epochs}-epoch run`);
    model.setWeights(resume.weights);
    optimizer.setState(resume.optimizer);
  }
  const { stepper, note } = await chooseStepper({
    ...opts,
    model,
    optimizer,
    batch,
    optimizerSpec,
    threads: opts.threads ?? 'auto',
    teacher: opts.soft?.teacher ?? null,
  });
  const planOptions = {
    augment: opts.augment ?? null,
    cutmix: opts.soft?.cutmix ?? false,
    resolution: opts.shape[0],
  };
  if ((planOptions.augment || planOptions.cutmix) && opts.shape[0] !== opts.shape[1])
    throw new Error(`augmentation needs square images, got ${opts.shape[0]}×${opts.shape[1]}`);
  const rng = createRng(opts.seed ^ 0x5eed);
  const order = Array.from({ length: n }, (_, i) => i);
  const losses: number[] = resume ? [...resume.losses] : [];
  const firstEpoch = resume?.epochsDone ?? 0;
  // Replay the finished epochs' shuffles so the generator is where the uninterrupted run had it.
  for (let epoch = 0; epoch < firstEpoch; epoch++) shuffleInPlace(order, rng);
  let step = firstEpoch * stepsPerEpoch;
  let imagesDone = firstEpoch * n;
  const secondsBefore = resume?.seconds ?? 0;

  try {
    for (let epoch = firstEpoch; epoch < opts.epochs; epoch++) {
      shuffleInPlace(order, rng);
      const lr = cosineLr(lr0, epoch, opts.epochs);
      const planRng = epochPlanRng(opts.seed, epoch);
      let lossSum = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        // Yield so cancel requests (IPC, timers) can flip shouldStop between steps.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (opts.shouldStop?.()) throw new ApiError('cancelled', 'cancelled');
        const rows = order.slice(s * batch, Math.min(n, (s + 1) * batch));
        const wantProbabilities = opts.onBatchProbabilities !== undefined;
        const plan = drawBatchPlan(planOptions, rows.length, planRng);
        const out = await stepper.step(rows, lr, wantProbabilities, plan);
        lossSum += out.loss * rows.length;
        step += 1;
        if (out.probabilities) {
          opts.onBatchProbabilities?.({ epoch, step, rows, probabilities: out.probabilities });
        }
        imagesDone += rows.length;
        opts.onProgress?.({ epoch, epochs: opts.epochs, step, steps: totalSteps, images: imagesDone });
      }
      losses.push(lossSum / n);
      if (opts.onEpochEnd) {
        await opts.onEpochEnd({
          epochsDone: epoch + 1,
          weights: model.getWeights(),
          optimizer: optimizer.getState(),
          losses: [...losses],
          seconds: secondsBefore + (performance.now() - started) / 1000,
        });
      }
    }
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
    await stepper.dispose();
  }
  const sessionSeconds = (performance.now() - started) / 1000;
  const imagesSeen = n * (opts.epochs - firstEpoch);
  return {
    model,
    epochs: opts.epochs,
    steps: step,
    seconds: secondsBefore + sessionSeconds,
    imagesPerSecond: sessionSeconds > 0 ? imagesSeen / sessionSeconds : 0,
    losses,
    threads: stepper.threads,
    threadsNote: note,
  };
}
