/**
 * One proxy training run of a scoring job: trains on the whole training split, records every
 * image's softmax from the training forward pass into an epoch buffer, and at each epoch's end
 * writes that epoch to the trajectory file and then a checkpoint. A killed run restarts from the
 * last checkpoint and, because training resumes bit-identically (ml/train.ts), ends with the
 * same trajectory as an uninterrupted run.
 */
import { ConvNet } from '../../ml/models/convnet';
import { predictProbabilities } from '../../ml/inference';
import { computeInputNorm, type ImageShape } from '../../ml/pixel-batch';
import { trainClassifier, type TrainProgress } from '../../ml/train';
import type { ScoreParams } from '../../../shared/api/score-params';
import type { RunSummary, ScoreFiles } from './score-files';
import { argmax } from '../scores/trajectory';

export interface ProxyData {
  images: Uint8Array;
  labels: Int32Array;
  shape: ImageShape;
  classes: number;
}

export interface ProxyRunOptions {
  files: ScoreFiles;
  seed: number;
  data: ProxyData;
  params: ScoreParams;
  onProgress(p: TrainProgress): void;
  shouldStop(): boolean;
}

/** Trains (or resumes, or skips a finished) run; `resumedAfter` is the epoch it continued after. */
export async function runProxy(
  opts: ProxyRunOptions,
): Promise<{ summary: RunSummary; resumedAfter: number }> {
  const { files, seed, data, params } = opts;
  const finished = files.finishedRun(seed);
  if (finished) return { summary: finished, resumedAfter: params.epochs };
  const n = data.labels.length;
  const checkpoint = files.readCheckpoint(seed);
  const epochProbs = new Float32Array(n * data.classes);
  const result = await trainClassifier({
    images: data.images,
    labels: data.labels,
    shape: data.shape,
    classes: data.classes,
    width: params.width,
    depth: params.depth,
    norm: params.norm,
    epochs: params.epochs,
    batchSize: params.batchSize,
    lr: params.lr,
    seed,
    ...(checkpoint ? { resume: checkpoint } : {}),
    onProgress: opts.onProgress,
    shouldStop: opts.shouldStop,
    onBatchProbabilities: ({ rows, probabilities }) => {
      const c = data.classes;
      rows.forEach((row, j) => epochProbs.set(probabilities.subarray(j * c, (j + 1) * c), row * c));
    },
    onEpochEnd: (c) => {
      // Trajectory first: a checkpoint must never claim an epoch whose probabilities are not on disk.
      files.writeEpoch(seed, c.epochsDone - 1, epochProbs);
      files.writeCheckpoint(seed, c);
    },
  });
  try {
    // Entropy and margin are scores of the final proxy's own prediction: one eval-mode pass.
    const finalProbs = predictProbabilities(result.model, data.images, data.shape);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      if (argmax(finalProbs.subarray(i * data.classes, (i + 1) * data.classes)) === data.labels[i]) correct++;
    }
    files.writeFinalProbabilities(seed, finalProbs);
    files.writeWeights(seed, result.model.getWeights());
    const summary: RunSummary = {
      seed,
      trainSeconds: result.seconds,
      imagesPerSecond: result.imagesPerSecond,
      losses: result.losses,
      finalTrainAccuracy: correct / n,
      threads: result.threads,
    };
    files.finishRun(summary);
    return { summary, resumedAfter: checkpoint?.epochsDone ?? 0 };
  } finally {
    result.model.dispose();
  }
}

/** Rebuilds a finished run's proxy from its stored weights (features are taken from it). */
export function loadProxy(files: ScoreFiles, seed: number, data: ProxyData, params: ScoreParams): ConvNet {
  const model = new ConvNet({
    inputShape: data.shape,
    classes: data.classes,
    width: params.width,
    depth: params.depth,
    norm: params.norm,
    seed,
  });
  model.setWeights(files.readWeights(seed));
  model.inputNorm = computeInputNorm(data.images, data.shape);
  return model;
}
