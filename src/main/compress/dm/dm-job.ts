/**
 * The DM distilled set (job kind `dm`; METHODS.md, "Distillation baseline: DM"): per class, IPC
 * synthetic images initialised from seeded random real images of the class, optimised so their
 * mean embedding matches real batches' under a fresh random ConvNet each iteration
 * (dm-synth.ts), then stored as a compressed set of whole images (dm-store.ts).
 *
 * Checkpoints (pixels and momentum as float32, the iteration, the loss record) go every
 * `checkpointEvery` iterations and on cancel to `<project>/sets-work/dm-<key prefix>/`; the same
 * parameters again continue from there and end with the uninterrupted run's pixels (the real
 * batches and embedders are seeded by (seed, iteration)). A set already stored with the same key
 * is returned as it is.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DmResultDto } from '../../../shared/api/dm-params';
import { ApiError } from '../../../shared/rpc/errors';
import { gatherPixels } from '../../datasets/pixel-cache';
import { type JobContext, PhasePlan } from '../../jobs/job-context';
import { labelledImages, openDatasetCache } from '../../jobs/kinds/training-data';
import { initTensorBackend } from '../../ml/backend';
import type { InputNorm } from '../../ml/models/classifier';
import { computeInputNorm } from '../../ml/pixel-batch';
import { getCompressedSet } from '../../store/compressed-sets-repo';
import { CheckpointFiles } from '../../training/checkpoint-files';
import {
  checkDmRequest,
  dmKey,
  findDmSet,
  parseDmParams,
  planClasses,
  planWarnings,
  type DmClassPlan,
} from './dm-plan';
import { dmResult, storeDmSet } from './dm-store';
import { denormalisePixels, normalisePixels, synthesiseDm, type DmClass, type DmState } from './dm-synth';

const CHECKPOINT = 'checkpoint.bin';

/** What a checkpoint holds: the optimisation state and the loss record so far. */
interface DmCheckpoint {
  key: string;
  state: DmState;
  /** Mean loss of every finished checkpoint interval. */
  losses: number[];
  /** Sum of the losses of the current (unfinished) interval. */
  intervalSum: number;
  lastLoss: number;
}

/** The directory of a request's checkpoint, by key. */
export function dmWorkDir(projectDir: string, key: string): string {
  return join(projectDir, 'sets-work', `dm-${key.slice(0, 16)}`);
}

/** Real images grouped by class (class order) with per-class views, and the normalised start. */
function loadImages(
  ctx: JobContext,
  datasetId: number,
  classes: readonly DmClassPlan[],
  shape: [number, number, number],
): { real: DmClass[]; init: Float32Array; norm: InputNorm } {
  const cache = openDatasetCache(ctx.db, ctx.paths, datasetId);
  const all = labelledImages(
    cache,
    classes.flatMap((c) => c.samples),
  ).images;
  // The classifier's input normalisation, from the whole training split.
  const norm = computeInputNorm(all, shape);
  const size = shape[0] * shape[1] * shape[2];
  let offset = 0;
  const real = classes.map((c): DmClass => {
    const view = all.subarray(offset * size, (offset + c.samples.length) * size);
    offset += c.samples.length;
    return { id: c.classIndex, real: view, realCount: c.samples.length, synCount: c.initial.length };
  });
  const start = gatherPixels(
    cache,
    classes.flatMap((c) => c.initial.map((s) => s.cacheIndex)),
  );
  return { real, init: normalisePixels(start, norm), norm };
}

function readCheckpoint(files: CheckpointFiles, key: string, values: number): DmCheckpoint | null {
  const saved = files.readValue<DmCheckpoint>(CHECKPOINT);
  if (!saved || saved.key !== key) return null;
  const { state } = saved;
  return state.pixels instanceof Float32Array &&
    state.momentum instanceof Float32Array &&
    state.pixels.length === values &&
    state.momentum.length === values
    ? saved
    : null;
}

export async function runDmJob(ctx: JobContext): Promise<DmResultDto> {
  const started = performance.now();
  const params = parseDmParams(ctx.params);
  const req = checkDmRequest(ctx.db, params);
  const { dataset } = req;
  const shape = { height: dataset.height, width: dataset.width, channels: dataset.channels };
  const tensorShape: [number, number, number] = [shape.height, shape.width, shape.channels];
  const key = dmKey(dataset.id, dataset.sourceSha256, req.samples, params);
  const seconds = () => (performance.now() - started) / 1000;
  const existing = findDmSet(ctx.db, key);
  if (existing)
    return dmResult(existing, {
      datasetId: dataset.id,
      params,
      shape,
      reused: true,
      resumedAfterIteration: null,
      seconds: seconds(),
    });

  const classes = planClasses(req, params);
  const warnings = planWarnings(req, classes, params.ipc);
  const { iterations, checkpointEvery: every } = params;
  const plan = new PhasePlan([
    ['loading', Math.max(1, iterations / 100)],
    ['optimising', iterations],
    ['store', Math.max(1, iterations / 100)],
  ]);
  const report = (phase: string, done: number, total: number, metrics?: Record<string, number>) =>
    ctx.progress(phase, done, total, plan.fraction(phase, done, total), metrics);

  report('loading', 0, 1);
  const backend = await initTensorBackend();
  ctx.log(`DM on ${backend.name}: ${backend.reason}`);
  const { real, init, norm } = loadImages(ctx, dataset.id, classes, tensorShape);
  const values = init.length;

  const files = new CheckpointFiles(dmWorkDir(ctx.paths.dir, key));
  const saved = readCheckpoint(files, key, values);
  const resumedAfterIteration = saved ? saved.state.iteration : null;
  if (saved) ctx.log(`resuming after iteration ${saved.state.iteration} of ${iterations}`);
  const losses = saved ? [...saved.losses] : [];
  let intervalSum = saved?.intervalSum ?? 0;
  let lastLoss = saved?.lastLoss ?? Number.NaN;
  const save = (state: DmState) =>
    files.writeValue(CHECKPOINT, { key, state, losses, intervalSum, lastLoss } satisfies DmCheckpoint);
  report('loading', 1, 1);

  report('optimising', saved?.state.iteration ?? 0, iterations);
  const result = synthesiseDm({
    shape: tensorShape,
    classes: real,
    norm,
    init,
    iterations,
    lr: params.lr,
    momentum: params.momentum,
    realBatch: params.realBatch,
    width: params.width,
    depth: params.depth,
    seed: params.seed,
    resume: saved?.state ?? null,
    shouldStop: () => ctx.shouldStop(),
    onIteration: (i, loss, state) => {
      lastLoss = loss;
      intervalSum += loss;
      if (i % every === 0) {
        losses.push(intervalSum / every);
        intervalSum = 0;
      }
      report('optimising', i, iterations, { loss });
      if (i % every === 0 && i < iterations) save(state());
    },
  });
  if (result.stopped) {
    save({ iteration: result.iteration, pixels: result.pixels, momentum: result.momentum });
    ctx.checkCancelled();
    throw new ApiError('cancelled', 'the job was cancelled');
  }
  if (iterations % every !== 0) losses.push(intervalSum / (iterations % every));

  report('store', 0, 1);
  ctx.checkCancelled();
  const { setId } = storeDmSet(ctx.db, ctx.paths, {
    datasetId: dataset.id,
    key,
    params,
    shape,
    classes,
    norm,
    pixels: denormalisePixels(result.pixels, norm),
    summary: {
      finalLoss: lastLoss,
      losses,
      warnings,
      backend: backend.name,
      perClass: classes.map((c) => ({
        index: c.classIndex,
        name: c.name,
        images: c.initial.length,
        realImages: c.samples.length,
      })),
    },
  });
  rmSync(files.dir, { recursive: true, force: true });
  report('store', 1, 1);
  return dmResult(getCompressedSet(ctx.db, setId), {
    datasetId: dataset.id,
    params,
    shape,
    reused: false,
    resumedAfterIteration,
    seconds: seconds(),
  });
}
