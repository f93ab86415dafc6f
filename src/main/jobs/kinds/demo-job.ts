import { join, resolve } from 'node:path';
import { demoParamsSchema } from '../../../shared/api/demo-params';
import type { DemoResultDto, TrainResultDto } from '../../../shared/api/dto';
import { parseOrRefuse } from '../../../shared/rpc/server';
import { groupByClass, selectRandomBalanced } from '../../compress/random-selection';
import { checkExportTarget } from '../../datasets/export-folder';
import { exportStoredSet } from '../../datasets/export-set';
import { importDataset } from '../../datasets/import/import-job';
import { importParamsSchema } from '../../../shared/api/import-params';
import { initTensorBackend } from '../../ml/backend';
import { classNames, getDatasetRow, samplesOf } from '../../store/datasets-repo';
import { insertIdentitySet, insertSelection, selectionItems } from '../../store/selections-repo';
import { type JobContext, PhasePlan } from '../job-context';
import { epochsForComparableSteps, labelledImages, openDatasetCache, splitImages } from './training-data';
import { trainAndEvaluate } from './train-and-evaluate';

export const SAMPLE_DATASET_FOLDER = 'fashion-mnist-sample';

/**
 * The thin slice: import → class-balanced random subset at IPC N → train ConvNet-3 on it →
 * evaluate → (train on the full training split for comparison) → export the compressed set.
 */
export async function runDemoJob(ctx: JobContext): Promise<DemoResultDto> {
  const params = parseOrRefuse(demoParamsSchema, ctx.params, 'demo parameters');
  const started = performance.now();
  const plan = new PhasePlan([
    ['import', 3],
    ['select', 1],
    ['train compressed set', 10],
    ...(params.trainFull ? ([['train full training set', 80]] as const) : []),
    ['export', 3],
  ]);
  const report = (phase: string, done: number, total: number) =>
    ctx.progress(phase, done, total, plan.fraction(phase, done, total));

  const sourceDir =
    params.source.kind === 'sample'
      ? join(ctx.resourcesDir, SAMPLE_DATASET_FOLDER)
      : resolve(params.source.path);
  const exportDir = resolve(params.exportDir ?? join(ctx.paths.exportsDir, `demo-${ctx.jobId}`));
  checkExportTarget(exportDir); // fail before hours of work, not after

  report('import', 0, 1);
  // The same import as `datapress import`: a dataset imported once is reused by later demos.
  const imported = await importDataset(
    {
      ...ctx,
      progress: (_phase, _done, _total, fraction) => report('import', Math.round(fraction * 1000), 1000),
    },
    importParamsSchema.parse({
      path: sourceDir,
      format: 'idx',
      name: params.source.kind === 'sample' ? 'Fashion-MNIST sample' : undefined,
      limitPerClass: params.limitPerClass,
    }),
  );
  const datasetId = imported.datasetId;
  const dataset = getDatasetRow(ctx.db, datasetId);
  const names = classNames(ctx.db, datasetId);
  report('import', 1, 1);
  ctx.checkCancelled();

  report('select', 0, 1);
  const trainSamples = samplesOf(ctx.db, datasetId, 'train');
  const byClass = new Map<number, number[]>(names.map((_, c) => [c, []]));
  for (const [c, ids] of groupByClass(trainSamples)) byClass.set(c, ids);
  const perClass = selectRandomBalanced(byClass, params.ipc, params.seed, names);
  const selectionId = insertSelection(ctx.db, {
    datasetId,
    method: 'random',
    rule: 'uniform',
    ipc: params.ipc,
    seed: params.seed,
    params: { classBalanced: true },
    warnings: [],
    perClass,
  });
  const setId = insertIdentitySet(ctx.db, selectionId, dataset.height);
  report('select', 1, 1);

  const backend = await initTensorBackend();
  ctx.log(`tensor backend: ${backend.name} (${backend.reason})`);
  const cache = openDatasetCache(ctx.db, ctx.paths, datasetId);
  const shape: [number, number, number] = [dataset.height, dataset.width, dataset.channels];
  const test = splitImages(ctx.db, cache, datasetId, 'test');
  const kept = labelledImages(cache, selectionItems(ctx.db, selectionId));
  const fullStepsPerEpoch = Math.ceil(trainSamples.length / Math.min(params.batchSize, trainSamples.length));
  const epochs =
    params.epochs ??
    epochsForComparableSteps(kept.count, params.batchSize, params.fullEpochs * fullStepsPerEpoch);
  const common = {
    test,
    shape,
    classes: names.length,
    width: params.width,
    batchSize: params.batchSize,
    seed: params.seed,
    shouldStop: ctx.shouldStop,
  };
  const record = { jobId: ctx.jobId, datasetId, backend };

  const compressed = await trainAndEvaluate(
    ctx.db,
    { ...common, train: kept, epochs, onProgress: (d, t) => report('train compressed set', d, t) },
    { ...record, selectionId },
  );
  ctx.checkCancelled();

  let full: TrainResultDto | null = null;
  if (params.trainFull) {
    const train = splitImages(ctx.db, cache, datasetId, 'train');
    full = await trainAndEvaluate(
      ctx.db,
      {
        ...common,
        train,
        epochs: params.fullEpochs,
        onProgress: (d, t) => report('train full training set', d, t),
      },
      { ...record, selectionId: null },
    );
    ctx.checkCancelled();
  }

  const pixelsPer = dataset.height * dataset.width * dataset.channels;
  const exported = await exportStoredSet(ctx.db, ctx.paths, {
    setId,
    dir: exportDir,
    jobId: ctx.jobId,
    cache,
    onProgress: (d, t) => report('export', d, t),
  });

  return {
    datasetId,
    selectionId,
    backend,
    ipc: params.ipc,
    compressed,
    full,
    export: {
      dir: exported.dir,
      images: exported.images,
      bytes: exported.storedImageBytes,
      fullDatasetBytes: trainSamples.length * pixelsPer,
    },
    seconds: (performance.now() - started) / 1000,
  };
}
