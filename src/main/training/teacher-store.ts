/**
 * The soft-label teacher: the same architecture trained on the full training split, trained once
 * per dataset and setting and reused by every soft-label run (and resumable like any training).
 */
import type { TrainParams } from '../../shared/api/train-params';
import { trainClassifier } from '../ml/train';
import type { TeacherSpec } from '../ml/soft-labels';
import type { InputNorm, ModelSpec } from '../ml/models/classifier';
import type { LabelledImages } from '../jobs/kinds/training-data';
import { TEACHER_FILE, teacherFiles } from './teacher-files';

// Paths and readiness live in teacher-files.ts (no TensorFlow.js, so the API process can read
// them); re-exported for the job-side callers that import them from here.
export { teacherFiles, teacherReady } from './teacher-files';

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

export async function ensureTeacher(
  req: TeacherRequest,
): Promise<{ spec: TeacherSpec; reused: boolean; dir: string }> {
  const { params } = req;
  const files = teacherFiles(req.modelsDir, { id: req.datasetId, sha: req.datasetSha }, params);
  const stored = files.readValue<StoredTeacher>(TEACHER_FILE);
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
    files.writeValue(TEACHER_FILE, teacher);
    files.finish('teacher', { trainSeconds: trained.seconds, losses: trained.losses });
    return { spec: asSpec(teacher), reused: false, dir: files.dir };
  } finally {
    trained.model.dispose();
  }
}
