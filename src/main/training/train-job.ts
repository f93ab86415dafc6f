/**
 * The training job (kind `train`): the benchmark protocol on a compressed set or the full
 * training split — a model from scratch per seed, one augmented view per stored image and epoch,
 * hard labels or a teacher's soft labels, evaluation on the test split, a `runs` row per seed.
 * Checkpoints every few epochs; running the same parameters again continues where it stopped.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SeedRunDto, TrainJobResultDto } from '../../shared/api/dto';
import { trainParamsSchema, type TrainParams } from '../../shared/api/train-params';
import { ApiError } from '../../shared/rpc/errors';
import { parseOrRefuse } from '../../shared/rpc/server';
import { readSetPixels } from '../compress/set-pixels';
import { type JobContext, PhasePlan } from '../jobs/job-context';
import {
  epochsForComparableSteps,
  openDatasetCache,
  splitImages,
  type LabelledImages,
} from '../jobs/kinds/training-data';
import type { AugmentPolicy } from '../ml/augment/augment-batch';
import { initTensorBackend } from '../ml/backend';
import { evaluate, trainClassifier } from '../ml/train';
import { classNames, getReadyDataset, samplesOf } from '../store/datasets-repo';
import { insertRun } from '../store/runs-repo';
import { modelSaved, recordedRun, summaryOfRecordedRun } from './recorded-runs';
import { saveClassifier } from '../ml/model-files';
import { CheckpointFiles } from './checkpoint-files';
import { summarizeRuns } from './run-summary';
import { ensureTeacher } from './teacher-store';

export function parseTrainParams(raw: unknown): TrainParams {
  return parseOrRefuse(trainParamsSchema, raw, 'training parameters');
}

export async function runTrainJob(ctx: JobContext): Promise<TrainJobResultDto> {
  const started = performance.now();
  const params = parseTrainParams(ctx.params);
  const set = params.setId !== undefined ? readSetPixels(ctx.db, ctx.paths, params.setId) : null;
  const datasetId = set?.datasetId ?? (params.datasetId as number);
  if (set && params.datasetId !== undefined && params.datasetId !== set.datasetId)
    throw new ApiError(
      'bad_request',
      `compressed set ${set.setId} belongs to dataset ${set.datasetId}, not ${params.datasetId}`,
    );
  const dataset = getReadyDataset(ctx.db, datasetId);
  const names = classNames(ctx.db, datasetId);
  const cache = openDatasetCache(ctx.db, ctx.paths, datasetId);
  const test = splitImages(ctx.db, cache, datasetId, 'test');
  if (test.count === 0)
    throw new ApiError('bad_request', `dataset ${datasetId} has no test split to evaluate on`);
  const fullCount = samplesOf(ctx.db, datasetId, 'train').length;
  const needFull = !set || params.labels === 'soft';
  const full: LabelledImages | null = needFull ? splitImages(ctx.db, cache, datasetId, 'train') : null;
  const train: LabelledImages = set
    ? { images: set.images, labels: set.labels, count: set.count }
    : (full as LabelledImages);
  const shape: [number, number, number] = set?.shape ?? [dataset.height, dataset.width, dataset.channels];
  const testShape: [number, number, number] = [dataset.height, dataset.width, dataset.channels];
  if (shape.join() !== testShape.join())
    throw new ApiError(
      'unsupported',
      `the set's images are ${shape.join('×')} but the test images ${testShape.join('×')}; combine at the dataset's resolution`,
    );
  const grid = set?.grid ?? 1;
  const fullSteps = params.referenceEpochs * Math.ceil(fullCount / Math.min(params.batchSize, fullCount));
  const epochs = params.epochs ?? epochsForComparableSteps(train.count, params.batchSize, fullSteps);
  const augment: AugmentPolicy | null =
    params.augment === 'none' && !params.flip
      ? null
      : {
          kind: params.augment,
          k: grid,
          scale: params.cropScale,
          ratio: params.cropRatio,
          flip: params.flip,
        };

  const backend = await initTensorBackend();
  const seeds = Array.from({ length: params.seeds }, (_, r) => params.seed + r);
  const plan = new PhasePlan([
    ...(params.labels === 'soft' ? ([['teacher', (fullCount * params.teacherEpochs) / 2]] as const) : []),
    ...seeds.map((s) => [`seed ${s}`, train.count * epochs] as const),
  ]);
  const report = (phase: string, done: number, total: number, metrics?: Record<string, number>) =>
    ctx.progress(phase, done, total, plan.fraction(phase, done, total), metrics);

  let teacher: TrainJobResultDto['teacher'] = null;
  let teacherSpec = null;
  if (params.labels === 'soft') {
    const t0 = performance.now();
    const t = await ensureTeacher({
      datasetId,
      datasetSha: dataset.sourceSha256,
      modelsDir: join(ctx.paths.dir, 'models'),
      train: full as LabelledImages,
      shape,
      classes: names.length,
      params,
      shouldStop: () => ctx.shouldStop(),
      onProgress: (d, total) => report('teacher', d, total),
    });
    teacherSpec = t.spec;
    teacher = { reused: t.reused, seconds: (performance.now() - t0) / 1000 };
  }

  // Threads do not change the result (replicas are bit-identical), so a run resumes on any count.
  const { threads: _threads, ...keyParams } = params;
  const key = createHash('sha256')
    .update(JSON.stringify({ datasetId, setId: set?.setId ?? null, params: { ...keyParams, epochs } }))
    .digest('hex');
  const files = new CheckpointFiles(join(ctx.paths.dir, 'runs', key.slice(0, 24)));
  const runs: SeedRunDto[] = [];
  const confusions: number[][][] = [];
  for (const seed of seeds) {
    const name = `seed-${seed}`;
    const done = files.finished<SeedRunDto & { confusion: number[][] }>(name);
    if (done) {
      runs.push({ ...done, resumedAfterEpoch: epochs });
      confusions.push(done.confusion);
      continue;
    }
    // Stored but not marked (stopped between the two): rebuild the marker instead of training again.
    const recorded = recordedRun(ctx.db, key, seed);
    if (recorded && modelSaved(join(ctx.paths.dir, 'models', `run-${recorded.id}`))) {
      const summary = summaryOfRecordedRun(ctx.db, recorded, seed, epochs, train.count, names.length);
      files.finish(name, summary);
      runs.push(summary);
      confusions.push(summary.confusion);
      continue;
    }
    const checkpoint = files.read(name);
    const phase = `seed ${seed}`;
    const total = train.count * epochs;
    let correct = 0;
    let seen = 0;
    // Per-epoch training accuracy, kept beside the checkpoint so a resumed run's history is whole.
    const accuracies = (files.readValue<number[]>(`${name}.acc`) ?? []).slice(0, checkpoint?.epochsDone ?? 0);
    const trained = await trainClassifier({
      images: train.images,
      labels: train.labels,
      shape,
      classes: names.length,
      width: params.width,
      depth: params.depth,
      norm: params.norm,
      model:
        params.model === 'resnet18'
          ? { kind: 'resnet18', width: params.width, norm: params.norm }
          : { kind: 'convnet' },
      optimizer:
        params.optimizer === 'sgd'
          ? { kind: 'sgd', weightDecay: params.weightDecay }
          : { kind: 'adamw', weightDecay: params.weightDecay },
      epochs,
      batchSize: params.batchSize,
      lr: params.lr,
      seed,
      augment,
      threads: params.threads ?? 'auto',
      soft: teacherSpec ? { teacher: teacherSpec, cutmix: true } : null,
      shouldStop: () => ctx.shouldStop(),
      ...(checkpoint ? { resume: checkpoint } : {}),
      onProgress: (p) => report(phase, p.images, total),
      // Training accuracy of the epoch's views, from the forward passes training already makes.
      onBatchProbabilities: ({ rows, probabilities }) => {
        const c = names.length;
        rows.forEach((row, j) => {
          let best = 0;
          for (let k = 1; k < c; k++)
            if ((probabilities[j * c + k] as number) > (probabilities[j * c + best] as number)) best = k;
          if (best === train.labels[row]) correct++;
          seen++;
        });
      },
      onEpochEnd: (c) => {
        accuracies.push(seen ? correct / seen : 0);
        report(phase, c.epochsDone * train.count, total, {
          epoch: c.epochsDone,
          loss: c.losses.at(-1) as number,
          trainAccuracy: accuracies.at(-1) as number,
        });
        correct = 0;
        seen = 0;
        if (c.epochsDone % params.checkpointEvery === 0 || c.epochsDone === epochs) {
          files.writeValue(`${name}.acc`, accuracies);
          files.write(name, c);
        }
      },
    });
    try {
      const result = evaluate(trained.model, test.images, test.labels, testShape, names.length);
      // A row stored by an attempt that stopped before saving the model is kept (training is
      // deterministic, so this attempt's model is that run's); otherwise the run is stored now.
      const runId =
        recorded?.id ??
        insertRun(ctx.db, {
          jobId: ctx.jobId,
          datasetId,
          selectionId: set?.selectionId ?? null,
          model:
            params.model === 'resnet18'
              ? `resnet18-w${params.width}`
              : `convnet-w${params.width}-d${params.depth}`,
          params: {
            ...params,
            epochs,
            setId: set?.setId ?? null,
            grid,
            schedule: 'cosine',
            threads: trained.threads,
            trainKey: key,
          },
          backend: backend.name,
          seed,
          trainImages: train.count,
          epochs,
          steps: trained.steps,
          seconds: trained.seconds,
          metrics: {
            loss: trained.losses,
            train_accuracy: accuracies,
            test_accuracy: [result.accuracy],
            class_accuracy: result.perClassAccuracy,
            confusion: result.confusion.flat(),
          },
        });
      const run: SeedRunDto = {
        seed,
        runId,
        accuracy: result.accuracy,
        perClassAccuracy: result.perClassAccuracy,
        epochs,
        seconds: trained.seconds,
        imagesPerSecond: trained.imagesPerSecond,
        resumedAfterEpoch: checkpoint?.epochsDone ?? 0,
      };
      // The trained model, in the TensorFlow.js layout, for later evaluation or export.
      saveClassifier(trained.model, join(ctx.paths.dir, 'models', `run-${runId}`));
      files.finish(name, { ...run, confusion: result.confusion });
      runs.push(run);
      confusions.push(result.confusion);
    } finally {
      trained.model.dispose();
    }
  }
  return {
    datasetId,
    setId: set?.setId ?? null,
    selectionId: set?.selectionId ?? null,
    model: params.model,
    width: params.width,
    labels: params.labels,
    augment: augment ? params.augment : 'none',
    grid,
    trainImages: train.count,
    testImages: test.count,
    epochs,
    batchSize: params.batchSize,
    ...summarizeRuns(runs, confusions),
    classNames: names,
    teacher,
    backend: backend.name,
    seconds: (performance.now() - started) / 1000,
  };
}
