/**
 * The soft-label teacher: the same architecture trained on the full training split, trained once
 * per dataset and setting and reused by every soft-label run (and resumable like any training).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainParams } from '../../shared/api/train-params';
import { trainClassifier } from '../ml/train';
import type { TeacherSpec } from '../ml/soft-labels';
import type { InputNorm, ModelSpec } from '../ml/models/classifier';
import type { LabelledImages } from '../jobs/kinds/training-data';
import { CheckpointFiles } from './checkpoint-files';

interface StoredTeacher {
  model: ModelSpec;
  weights: Float32Array[];
  inputNorm: InputNorm;
  trainSeconds: number;
}

export interface TeacherRequest {
  datasetId: number;
  datasetSha: string;
  modelsDir: string;
  train: LabelledImages;
  shape: [number, number, number];
  classes: number;
  params: TrainParams;
  shouldStop: () => boolean;
  onProgress: (done: number, total: number) => void;
}

const TEACHER_SEED = 0;

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

/** True when the teacher of this setting is trained and stored. */
export function teacherReady(files: CheckpointFiles): boolean {
  return existsSync(join(files.dir, 'teacher.bin'));
}

export async function ensureTeacher(
  req: TeacherRequest,
): Promise<{ spec: TeacherSpec; reused: boolean; dir: string }> {
  const { params } = req;
  const files = teacherFiles(req.modelsDir, { id: req.datasetId, sha: req.datasetSha }, params);
  const stored = files.readValue<StoredTeacher>('teacher.bin');
  const asSpec = (t: StoredTeacher): TeacherSpec => ({
    model: t.model,
    weights: t.weights,
    inputNorm: t.inputNorm,
    temperature: params.temperature,
  });
  if (stored) return { spec: asSpec(stored), reused: true, dir: files.dir };
  const checkpoint = files.read('teacher');
  const total = req.train.count * params.teacherEpochs;
  const trained = await trainClassifier({
    images: req.train.images,
    labels: req.train.labels,
    shape: req.shape,
    classes: req.classes,
    width: params.width,
    depth: params.depth,
    norm: params.norm,
    epochs: params.teacherEpochs,
    batchSize: params.batchSize,
    lr: params.lr,
    weightDecay: params.weightDecay,
    seed: TEACHER_SEED,
    shouldStop: req.shouldStop,
    ...(checkpoint ? { resume: checkpoint } : {}),
    onProgress: (p) => req.onProgress(p.images, total),
    onEpochEnd: (c) => files.write('teacher', c),
  });
  try {
    const teacher: StoredTeacher = {
      model: trained.model.spec,
      weights: trained.model.getWeights(),
      inputNorm: trained.model.inputNorm,
      trainSeconds: trained.seconds,
    };
    files.writeValue('teacher.bin', teacher);
    files.finish('teacher', { trainSeconds: trained.seconds, losses: trained.losses });
    return { spec: asSpec(teacher), reused: false, dir: files.dir };
  } finally {
    trained.model.dispose();
  }
}
