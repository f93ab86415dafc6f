/**
 * The scoring job (METHODS.md, "P — Prune"): proxy runs on the full training split, their
 * trajectories and final predictions on disk, every image's scores averaged over runs in
 * SQLite, and the first proxy's penultimate features (PCA-reduced) for herding and k-center.
 * Running it again with the same dataset and parameters resumes an interrupted run from its
 * last finished epoch, or returns the finished score set without training.
 */
import { join } from 'node:path';
import type { ScoreResultDto } from '../../../shared/api/dto';
import { initTensorBackend } from '../../ml/backend';
import { extractFeatures } from '../../ml/inference';
import { classNames, getReadyDataset, samplesOf } from '../../store/datasets-repo';
import { checkScorable, parseScoreParams, scoreKey } from './score-checks';
import { findScoreSetByKey, getScoreSet, insertScoreSet, scoreSetDto } from '../../store/score-sets-repo';
import { type JobContext, PhasePlan } from '../../jobs/job-context';
import { labelledImages, openDatasetCache } from '../../jobs/kinds/training-data';
import { pcaProject } from '../select/pca';
import { averageScores, scoresOfRun } from './compute-scores';
import { loadProxy, runProxy, type ProxyData } from './proxy-run';
import { ScoreFiles } from './score-files';

export async function runScoreJob(ctx: JobContext): Promise<ScoreResultDto> {
  const started = performance.now();
  const params = parseScoreParams(ctx.params);
  const dataset = getReadyDataset(ctx.db, params.datasetId);
  const names = classNames(ctx.db, dataset.id);
  const samples = samplesOf(ctx.db, dataset.id, 'train');
  checkScorable(samples, names, dataset.id);
  const key = scoreKey(dataset.id, dataset.sourceSha256, samples, params);
  const existing = findScoreSetByKey(ctx.db, key);
  if (existing) return { scoreSet: scoreSetDto(existing), reused: true, resumedAfterEpoch: [] };

  const backend = await initTensorBackend();
  ctx.log(`scoring on ${backend.name}: ${backend.reason}`);
  const n = samples.length;
  const seeds = Array.from({ length: params.seeds }, (_, r) => params.seed + r);
  const dirName = key.slice(0, 24);
  const files = new ScoreFiles(join(ctx.paths.scoresDir, dirName), n, names.length, params.epochs);
  const pixels = labelledImages(openDatasetCache(ctx.db, ctx.paths, dataset.id), samples);
  const data: ProxyData = {
    images: pixels.images,
    labels: pixels.labels,
    shape: [dataset.height, dataset.width, dataset.channels],
    classes: names.length,
  };
  const runPhase = (r: number) => `proxy run ${r + 1} of ${seeds.length} (images)`;
  // Weights: image passes; the features pass and scoring cost about one epoch together.
  const plan = new PhasePlan([
    ...seeds.map((_, r) => [runPhase(r), params.epochs] as const),
    ['features', 0.6],
    ['scores', 0.4],
  ]);
  const report = (phase: string, done: number, total: number) =>
    ctx.progress(phase, done, total, plan.fraction(phase, done, total));

  const summaries = [];
  const resumedAfterEpoch: number[] = [];
  for (const [r, seed] of seeds.entries()) {
    const total = n * params.epochs;
    const { summary, resumedAfter } = await runProxy({
      files,
      seed,
      data,
      params,
      shouldStop: () => ctx.shouldStop(),
      onProgress: (p) => report(runPhase(r), p.images, total),
    });
    if (resumedAfter > 0 && resumedAfter < params.epochs)
      ctx.log(`proxy run ${r + 1} resumed after epoch ${resumedAfter}`);
    summaries.push(summary);
    resumedAfterEpoch.push(resumedAfter);
    report(runPhase(r), total, total);
  }

  report('features', 0, n);
  ctx.checkCancelled();
  const first = seeds[0] as number;
  const proxy = loadProxy(files, first, data, params);
  let pca;
  try {
    const raw = extractFeatures(proxy, data.images, data.shape);
    pca = pcaProject(raw, n, proxy.featureSize, params.featureDims);
  } finally {
    proxy.dispose();
  }
  files.writeFeatures(pca.projected);
  report('features', n, n);

  report('scores', 0, 1);
  ctx.checkCancelled();
  const scores = averageScores(seeds.map((seed) => scoresOfRun(files, seed, data.labels)));
  const trainSeconds = summaries.reduce((sum, s) => sum + s.trainSeconds, 0);
  const id = insertScoreSet(
    ctx.db,
    {
      datasetId: dataset.id,
      jobId: ctx.jobId,
      key,
      dir: dirName,
      model: params.proxy,
      params: { ...params, threads: summaries.map((s) => s.threads), losses: summaries.map((s) => s.losses) },
      width: params.width,
      depth: params.depth,
      norm: params.norm,
      epochs: params.epochs,
      seeds,
      batchSize: params.batchSize,
      lr: params.lr,
      backend: backend.name,
      trainSeconds,
      seconds: (performance.now() - started) / 1000,
      imagesPerSecond: trainSeconds > 0 ? (n * params.epochs * seeds.length) / trainSeconds : 0,
      samples: n,
      classes: names.length,
      featureDims: pca.components,
      featureExplained: pca.explained,
      finalTrainAccuracy: summaries.reduce((sum, s) => sum + s.finalTrainAccuracy, 0) / summaries.length,
      fileBytes: files.fileBytes(seeds),
    },
    { sampleIds: samples.map((s) => s.id), ...scores },
  );
  report('scores', 1, 1);
  return { scoreSet: scoreSetDto(getScoreSet(ctx.db, id)), reused: false, resumedAfterEpoch };
}
