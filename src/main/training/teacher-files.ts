/**
 * Where the soft-label teacher of a dataset and setting is stored, and whether it is there: paths,
 * key and readiness only, no TensorFlow.js. The API process reads these (the benchmark estimate
 * says whether a teacher will be reused); training the teacher (teacher-store.ts) happens in job
 * processes, and importing it here would load the training loop into the main process.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainParams } from '../../shared/api/train-params';
import { CheckpointFiles } from './checkpoint-files';

/** Where the teacher of this dataset and setting lives (the key hashes both). */
export function teacherFiles(
  modelsDir: string,
  dataset: { id: number; sha: string },
  params: TrainParams,
): CheckpointFiles {
  const setting = {
    model: params.model,
    width: params.width,
    depth: params.depth,
    norm: params.norm,
    epochs: params.teacherEpochs,
    batchSize: params.batchSize,
    lr: params.lr,
    weightDecay: params.weightDecay,
  };
  const key = createHash('sha256')
    .update(JSON.stringify({ dataset: dataset.id, sha: dataset.sha, setting }))
    .digest('hex');
  return new CheckpointFiles(join(modelsDir, `teacher-${key.slice(0, 24)}`));
}

/** The stored teacher's file name in its directory. */
export const TEACHER_FILE = 'teacher.bin';

/** True when the teacher of this setting is trained and stored. */
export function teacherReady(files: CheckpointFiles): boolean {
  return existsSync(join(files.dir, TEACHER_FILE));
}
