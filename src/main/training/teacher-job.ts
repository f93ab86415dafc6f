/**
 * Job kind `teacher`: the soft-label teacher alone (trained once per dataset and setting, or
 * reused) and its test accuracy, the full-data reference of a benchmark. Soft-label runs and
 * RDED sets with the same setting then find it ready.
 */
import { join } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import type { JobContext } from '../jobs/job-context';
import { openDatasetCache, splitImages } from '../jobs/kinds/training-data';
import { initTensorBackend } from '../ml/backend';
import { evaluate } from '../ml/evaluate';
import { createModel } from '../ml/models/create-model';
import { classNames, getReadyDataset } from '../store/datasets-repo';
import { ensureTeacher } from './teacher-store';
import { parseTrainParams } from './train-job';

export interface TeacherJobResult {
  datasetId: number;
  reused: boolean;
  dir: string;
  testAccuracy: number;
  seconds: number;
}

export async function runTeacherJob(ctx: JobContext): Promise<TeacherJobResult> {
  const started = performance.now();
  const params = parseTrainParams(ctx.params);
  if (params.datasetId === undefined) throw new ApiError('bad_request', 'the teacher needs a datasetId');
  const dataset = getReadyDataset(ctx.db, params.datasetId);
  const names = classNames(ctx.db, dataset.id);
  const cache = openDatasetCache(ctx.db, ctx.paths, dataset.id);
  const train = splitImages(ctx.db, cache, dataset.id, 'train');
  const test = splitImages(ctx.db, cache, dataset.id, 'test');
  if (test.count === 0) throw new ApiError('bad_request', `dataset ${dataset.id} has no test split`);
  await initTensorBackend();
  const shape: [number, number, number] = [dataset.height, dataset.width, dataset.channels];
  const t = await ensureTeacher({
    datasetId: dataset.id,
    datasetSha: dataset.sourceSha256,
    modelsDir: join(ctx.paths.dir, 'models'),
    train,
    shape,
    classes: names.length,
    params,
    shouldStop: () => ctx.shouldStop(),
    onProgress: (done, total) => ctx.progress('teacher', done, total, total ? done / total : 0),
  });
  ctx.checkCancelled();
  const model = createModel(t.spec.model);
  try {
    model.setWeights(t.spec.weights);
    model.inputNorm = t.spec.inputNorm;
    const result = evaluate(model, test.images, test.labels, shape, names.length);
    return {
      datasetId: dataset.id,
      reused: t.reused,
      dir: t.dir,
      testAccuracy: result.accuracy,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    model.dispose();
  }
}
