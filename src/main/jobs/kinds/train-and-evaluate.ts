import type { BackendInfo, TrainResultDto } from '../../../shared/api/dto';
import { evaluate, trainClassifier } from '../../ml/train';
import type { Db } from '../../store/database';
import { insertRun } from '../../store/runs-repo';
import type { LabelledImages } from './training-data';

export interface TrainSpec {
  train: LabelledImages;
  test: LabelledImages;
  shape: [number, number, number];
  classes: number;
  width: number;
  epochs: number;
  batchSize: number;
  seed: number;
  shouldStop: () => boolean;
  onProgress: (done: number, total: number) => void;
}

/** Trains ConvNet-3 with hard labels, evaluates on the test split and records the run. */
export async function trainAndEvaluate(
  db: Db,
  spec: TrainSpec,
  record: { jobId: number; datasetId: number; selectionId: number | null; backend: BackendInfo },
): Promise<TrainResultDto> {
  const trained = await trainClassifier({
    images: spec.train.images,
    labels: spec.train.labels,
    shape: spec.shape,
    classes: spec.classes,
    width: spec.width,
    epochs: spec.epochs,
    batchSize: spec.batchSize,
    lr: 1e-3,
    weightDecay: 0.01,
    seed: spec.seed,
    shouldStop: spec.shouldStop,
    onProgress: (p) => spec.onProgress(p.step, p.steps),
  });
  try {
    const result = await evaluate(
      trained.model,
      spec.test.images,
      spec.test.labels,
      spec.shape,
      spec.classes,
    );
    const runId = insertRun(db, {
      jobId: record.jobId,
      datasetId: record.datasetId,
      selectionId: record.selectionId,
      model: 'convnet3',
      params: {
        width: spec.width,
        depth: 3,
        norm: 'instance',
        optimizer: 'adamw',
        lr: 1e-3,
        weightDecay: 0.01,
        schedule: 'cosine',
        batchSize: spec.batchSize,
        labels: 'hard',
      },
      backend: record.backend.name,
      seed: spec.seed,
      trainImages: spec.train.count,
      epochs: trained.epochs,
      steps: trained.steps,
      seconds: trained.seconds,
      metrics: {
        loss: trained.losses,
        test_accuracy: [result.accuracy],
        class_accuracy: result.perClassAccuracy,
      },
    });
    return {
      runId,
      trainImages: spec.train.count,
      epochs: trained.epochs,
      steps: trained.steps,
      accuracy: result.accuracy,
      perClassAccuracy: result.perClassAccuracy,
      seconds: trained.seconds,
      imagesPerSecond: trained.imagesPerSecond,
    };
  } finally {
    trained.model.dispose();
  }
}
