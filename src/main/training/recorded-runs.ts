import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedRunDto } from '../../shared/api/train-dto';
import { MODEL_JSON } from '../ml/model-files';
import type { Db } from '../store/database';
import { runMetric } from '../store/runs-repo';

/**
 * A seed's run is finished when its `runs` row is committed; the marker file beside the
 * checkpoints is written just after (once the model is saved). A job stopped in between (a
 * cancel that had to kill, a crash) must not train that seed again and store a second row: the
 * row carries the training key, so the next attempt finds it here and rebuilds the marker.
 */
export function recordedRun(db: Db, trainKey: string, seed: number): { id: number; seconds: number } | null {
  const row = db
    .prepare(
      `SELECT id, seconds FROM runs WHERE seed = ? AND json_extract(params, '$.trainKey') = ?
       ORDER BY id LIMIT 1`,
    )
    .get(seed, trainKey) as { id: number; seconds: number } | undefined;
  return row ?? null;
}

/** The finished marker's content rebuilt from a stored run: what a finished seed reports. */
export function summaryOfRecordedRun(
  db: Db,
  run: { id: number; seconds: number },
  seed: number,
  epochs: number,
  trainImages: number,
  classes: number,
): SeedRunDto & { confusion: number[][] } {
  const flat = runMetric(db, run.id, 'confusion');
  const confusion = Array.from({ length: classes }, (_, r) => flat.slice(r * classes, (r + 1) * classes));
  return {
    seed,
    runId: run.id,
    accuracy: runMetric(db, run.id, 'test_accuracy')[0] ?? 0,
    perClassAccuracy: runMetric(db, run.id, 'class_accuracy'),
    epochs,
    seconds: run.seconds,
    imagesPerSecond: run.seconds > 0 ? (trainImages * epochs) / run.seconds : 0,
    resumedAfterEpoch: epochs,
    confusion,
  };
}

/** Whether a run's saved model is complete (saveClassifier writes model.json last). */
export function modelSaved(dir: string): boolean {
  return existsSync(join(dir, MODEL_JSON));
}
