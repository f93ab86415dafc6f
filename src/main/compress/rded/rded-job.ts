/**
 * The RDED-style distilled set (job kind `rded`; Sun et al. 2024, adapted as METHODS.md's
 * "C — Combine" RDED variant): the soft-label teacher (trained once, shared with soft-label
 * training), then per class random cell-sized crops of its candidates scored by the teacher's
 * cross-entropy on the true class, each candidate's best crop, the IPC·k² best candidates tiled
 * k×k, stored as a compressed set. The same request again returns the stored set.
 */
import { basename, join } from 'node:path';
import { teacherTrainParams, type RdedResultDto } from '../../../shared/api/rded-params';
import { gatherPixels } from '../../datasets/pixel-cache';
import { type JobContext, PhasePlan } from '../../jobs/job-context';
import { labelledImages, openDatasetCache } from '../../jobs/kinds/training-data';
import { initTensorBackend } from '../../ml/backend';
import { Teacher } from '../../ml/soft-labels';
import { getCompressedSet } from '../../store/compressed-sets-repo';
import { ensureTeacher } from '../../training/teacher-store';
import { buildClass, type ClassBuild } from './rded-build';
import { scoreCrops } from './crop-scorer';
import { checkRdedRequest, findRdedSet, parseRdedParams, planCandidates, rdedKey } from './rded-plan';
import { rdedResult, storeRdedSet } from './rded-store';

/** Relative cost of one teacher training image pass against one crop's forward pass. */
const TRAIN_PASS_COST = 3;

export async function runRdedJob(ctx: JobContext): Promise<RdedResultDto> {
  const started = performance.now();
  const params = parseRdedParams(ctx.params);
  const req = checkRdedRequest(ctx.db, params);
  const { dataset, crop } = req;
  const shape = { height: dataset.height, width: dataset.width, channels: dataset.channels };
  const key = rdedKey(dataset.id, dataset.sourceSha256, req.samples, params);
  const seconds = () => (performance.now() - started) / 1000;
  const existing = findRdedSet(ctx.db, key);
  if (existing)
    return rdedResult(existing, {
      datasetId: dataset.id,
      params,
      shape,
      reusedSet: true,
      seconds: seconds(),
    });

  const classes = planCandidates(req, params);
  const m = params.cropsPerImage;
  const cropsOf = (c: (typeof classes)[number]) => c.candidates.length * m;
  const phaseOf = (name: string) => `scoring crops: ${name}`;
  const totalCrops = classes.reduce((sum, c) => sum + cropsOf(c), 0);
  const plan = new PhasePlan([
    ['teacher', req.samples.length * params.teacherEpochs * TRAIN_PASS_COST],
    ...classes.map((c) => [phaseOf(c.name), cropsOf(c)] as const),
    ['store', Math.max(1, totalCrops / 50)],
  ]);
  const report = (phase: string, done: number, total: number) =>
    ctx.progress(phase, done, total, plan.fraction(phase, done, total));

  const backend = await initTensorBackend();
  ctx.log(`RDED on ${backend.name}: ${backend.reason}`);
  const cache = openDatasetCache(ctx.db, ctx.paths, dataset.id);
  const teacherParams = teacherTrainParams(params);
  const t0 = performance.now();
  const ensured = await ensureTeacher({
    datasetId: dataset.id,
    datasetSha: dataset.sourceSha256,
    modelsDir: join(ctx.paths.dir, 'models'),
    train: labelledImages(cache, req.samples),
    shape: [shape.height, shape.width, shape.channels],
    classes: req.names.length,
    params: teacherParams,
    shouldStop: () => ctx.shouldStop(),
    onProgress: (done, total) => report('teacher', done, total),
  });
  const teacherSeconds = (performance.now() - t0) / 1000;
  ctx.log(`teacher ${ensured.reused ? 'reused' : 'trained'} (${basename(ensured.dir)})`);

  // Temperature 1: RDED ranks crops by the plain cross-entropy, not the distillation softmax.
  const teacher = new Teacher({ ...ensured.spec, temperature: 1 });
  const builds: ClassBuild[] = [];
  try {
    for (const cls of classes) {
      const phase = phaseOf(cls.name);
      report(phase, 0, cropsOf(cls));
      const pixels = gatherPixels(
        cache,
        cls.candidates.map((s) => s.cacheIndex),
      );
      const losses = await scoreCrops({
        teacher,
        norm: ensured.spec.inputNorm,
        images: pixels,
        shape: [shape.height, shape.width, shape.channels],
        label: cls.classIndex,
        positions: cls.positions,
        crop,
        cropsPerImage: m,
        shouldStop: () => ctx.shouldStop(),
        onProgress: (done, total) => report(phase, done, total),
      });
      builds.push(
        buildClass(cls, losses, pixels, { ipc: params.ipc, k: params.k, cropsPerImage: m, crop, shape }),
      );
    }
  } finally {
    teacher.dispose();
  }

  report('store', 0, 1);
  ctx.checkCancelled();
  const missing = req.names.flatMap((name, c) =>
    classes.some((cls) => cls.classIndex === c)
      ? []
      : [`${name}: no training images; the set has none of it`],
  );
  const warnings = [...missing, ...builds.flatMap((b) => b.warnings)];
  const setting = {
    model: teacherParams.model,
    width: teacherParams.width,
    depth: teacherParams.depth,
    norm: teacherParams.norm,
    epochs: teacherParams.teacherEpochs,
    batchSize: teacherParams.batchSize,
    lr: teacherParams.lr,
    weightDecay: teacherParams.weightDecay,
  };
  const { setId } = storeRdedSet(ctx.db, ctx.paths, {
    datasetId: dataset.id,
    key,
    params,
    shape,
    crop,
    builds,
    teacher: { key: basename(ensured.dir), reused: ensured.reused, seconds: teacherSeconds, setting },
    warnings,
  });
  report('store', 1, 1);
  return rdedResult(getCompressedSet(ctx.db, setId), {
    datasetId: dataset.id,
    params,
    shape,
    reusedSet: false,
    seconds: seconds(),
  });
}
