/**
 * How long a benchmark will take, shown before it starts: every part that is not done yet
 * (scores, teacher, distilled sets, training runs) at the reference machine's rate scaled by
 * width and image size, or this project's measured scoring rate. Finished parts cost nothing.
 * Parts are single-thread seconds except scores and the teacher, which use every core.
 */
import { join } from 'node:path';
import type { BenchEstimateDto } from '../../shared/api/bench-dto';
import type { BenchDefinition } from '../../shared/api/bench-params';
import { scoreParamsSchema } from '../../shared/api/score-params';
import { trainParamsSchema } from '../../shared/api/train-params';
import { estimateScoring, referenceRate } from '../compress/scoring/estimate';
import { scoreKey } from '../compress/scoring/score-checks';
import { findBenchmarkByKey, benchRuns, benchSets } from '../store/bench-repo';
import type { Db } from '../store/database';
import { classCounts, classNames, getReadyDataset, samplesOf } from '../store/datasets-repo';
import type { ProjectPaths } from '../store/project-store';
import { findScoreSetByKey } from '../store/score-sets-repo';
import { teacherFiles, teacherReady } from '../training/teacher-files';
import { benchKey, epochsFor, planBenchmark, runId, teacherSetting } from './bench-plan';

/** Independent single-thread runs side by side do a little better than data-parallel replicas. */
const INDEPENDENT_GAIN = 1.1;
/** A soft-label step also runs the teacher forward on every view (and CutMix). */
const SOFT_COST = 1.4;
/** A forward pass (evaluation, a teacher on crops, DM's real batch) against a training pass. */
const FORWARD_COST = 1 / 3;

export function estimateBenchmark(
  db: Db,
  paths: ProjectPaths,
  def: BenchDefinition,
  cores: number,
): BenchEstimateDto {
  const dataset = getReadyDataset(db, def.datasetId);
  const classes = classNames(db, dataset.id).length;
  const train = samplesOf(db, dataset.id, 'train');
  const testImages = samplesOf(db, dataset.id, 'test').length;
  const plan = planBenchmark(def);
  const parallel = Math.min(def.parallel ?? cores, cores);
  // Aggregate images a second with `parallel` runs at once (the reference rate is for 2 cores).
  const rate2 = referenceRate(def.protocol.width, dataset.height, dataset.width);
  const aggregate = ((rate2 * INDEPENDENT_GAIN) / 2) * parallel;
  const existing = findBenchmarkByKey(db, benchKey(def, dataset.sourceSha256));
  const finished = new Set(existing ? benchRuns(db, existing.id).map(runId) : []);
  const builtSets = new Set(existing ? benchSets(db, existing.id).map((s) => `${s.method}/${s.ipc}`) : []);
  const parts: BenchEstimateDto['parts'] = [];
  const warnings: string[] = [];

  if (plan.needsScores) {
    const params = scoreParamsSchema.parse({
      datasetId: dataset.id,
      width: def.scoring.width,
      epochs: def.scoring.epochs,
    });
    const reused = findScoreSetByKey(db, scoreKey(dataset.id, dataset.sourceSha256, train, params)) !== null;
    parts.push({ name: 'scores', seconds: reused ? 0 : estimateScoring(db, params).seconds, reused });
  }
  if (plan.needsTeacher) {
    const p = def.protocol;
    const params = trainParamsSchema.parse({ datasetId: dataset.id, ...teacherSetting(p) });
    const reused = teacherReady(
      teacherFiles(join(paths.dir, 'models'), { id: dataset.id, sha: dataset.sourceSha256 }, params),
    );
    parts.push({ name: 'teacher', seconds: reused ? 0 : (train.length * p.teacherEpochs) / rate2, reused });
  }
  const smallest = Math.min(...classCounts(db, dataset.id).map((c) => c.train));
  for (const set of plan.sets) {
    const kk = set.method === 'pca' ? def.pca.k ** 2 : 1;
    if (set.ipc * kk > smallest)
      warnings.push(
        `${set.method} at IPC ${set.ipc} needs ${set.ipc * kk} images per class but the smallest class has ${smallest}: that class keeps all it has`,
      );
    const done = builtSets.has(`${set.method}/${set.ipc}`);
    // One thread each: DM embeds its real batch and its synthetic images every iteration.
    if (set.method === 'dm')
      parts.push({
        name: `DM IPC ${set.ipc}`,
        seconds: done
          ? 0
          : (def.dm.iterations * classes * (def.dm.realBatch * FORWARD_COST + set.ipc * 2)) /
            (aggregate / parallel),
        reused: done,
      });
    if (set.method === 'rded')
      parts.push({
        name: `RDED IPC ${set.ipc}`,
        seconds: done ? 0 : (classes * 300 * 5 * FORWARD_COST) / (aggregate / parallel),
        reused: done,
      });
  }
  let imagePasses = 0;
  let runSeconds = 0;
  for (const run of plan.runs) {
    if (finished.has(runId(run))) continue;
    const images = Math.min(run.ipc, smallest) * classes;
    const passes = epochsFor(def.protocol, images) * images;
    imagePasses += passes;
    runSeconds +=
      (passes * (run.labels === 'soft' ? SOFT_COST : 1) + testImages * FORWARD_COST) / (aggregate / parallel);
  }
  parts.push({
    name: `training runs (${plan.runs.length - finished.size} to go)`,
    seconds: runSeconds,
    reused: false,
  });
  if (def.protocol.width > 64)
    warnings.push(
      `width ${def.protocol.width} on a CPU is slow; the published small-image protocol uses 128, 32 is 10× faster`,
    );
  // Scores and the teacher use every core; DM, RDED and the runs take one thread each, side by side.
  const wide = parts
    .filter((p) => p.name === 'scores' || p.name === 'teacher')
    .reduce((a, p) => a + p.seconds, 0);
  const narrow = parts
    .filter((p) => p.name !== 'scores' && p.name !== 'teacher')
    .reduce((a, p) => a + p.seconds, 0);
  return {
    sets: plan.sets.length,
    cells: plan.sets.length * def.labels.length,
    trainingRuns: plan.runs.length,
    imagePasses,
    seconds: wide + narrow / parallel,
    parts,
    basis: `reference machine (2 CPU cores, wasm) scaled to width ${def.protocol.width} and ${dataset.height}×${dataset.width} images, ${parallel} runs at once; a GPU is much faster`,
    warnings,
  };
}
