/** Data shapes of training, evaluation and augmentation previews that cross the API. */

export interface SeedRunDto {
  seed: number;
  runId: number;
  accuracy: number;
  perClassAccuracy: number[];
  epochs: number;
  seconds: number;
  imagesPerSecond: number;
  /** The epoch this run continued after (0 = started fresh; = epochs when it was already done). */
  resumedAfterEpoch: number;
}

/** What a training job gives: every seed's run and their mean ± std on the test split. */
export interface TrainJobResultDto {
  datasetId: number;
  setId: number | null;
  selectionId: number | null;
  model: string;
  width: number;
  labels: 'hard' | 'soft';
  augment: string;
  grid: number;
  trainImages: number;
  testImages: number;
  epochs: number;
  batchSize: number;
  runs: SeedRunDto[];
  meanAccuracy: number;
  /** Sample standard deviation over seeds (0 for one seed). */
  stdAccuracy: number;
  perClassMean: number[];
  /** confusion[true][predicted], summed over seeds. */
  confusion: number[][];
  classNames: string[];
  teacher: { reused: boolean; seconds: number } | null;
  backend: string;
  seconds: number;
}

/** One stored training run with its evaluation. */
export interface RunDto {
  id: number;
  jobId: number | null;
  datasetId: number;
  selectionId: number | null;
  model: string;
  params: Record<string, unknown>;
  backend: string;
  seed: number;
  trainImages: number;
  epochs: number;
  steps: number;
  seconds: number;
  accuracy: number | null;
  perClassAccuracy: number[];
  /** confusion[true][predicted]; empty when the run did not record it. */
  confusion: number[][];
  losses: number[];
  /** Accuracy of each epoch's training views (empty for runs that did not record it). */
  trainAccuracy: number[];
  classNames: string[];
  createdAt: string;
}

/** Augmented views of one stored image under a policy: what training would see. */
export interface AugmentPreviewDto {
  setId: number;
  position: number;
  classIndex: number;
  grid: number;
  original: string;
  views: { dataUrl: string; cell: number | null; flipped: boolean }[];
}
