/** Data shapes that cross the API. Plain JSON: no classes, no Dates (ISO strings), no typed arrays. */

export interface BackendInfo {
  name: 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
  /** Why this one: which better backends were tried and why each was not used. */
  reason: string;
  tried: { name: string; ok: boolean; error?: string }[];
}

export interface AppInfo {
  version: string;
  workspace: string;
  schemaVersion: number;
  /** True in the desktop app: `app.pickFolder` opens the system's folder picker. */
  canPickFolders: boolean;
}

export interface ProjectDto {
  name: string;
  path: string;
  createdAt: string;
  datasets: number;
  jobs: number;
}

export interface ClassCount {
  index: number;
  name: string;
  train: number;
  test: number;
}

export interface DatasetDto {
  id: number;
  name: string;
  format: string;
  sourcePath: string;
  height: number;
  width: number;
  channels: number;
  sampleCount: number;
  sourceSha256: string;
  classes: ClassCount[];
  createdAt: string;
}

export interface SampleThumbnail {
  id: number;
  classIndex: number;
  split: 'train' | 'test';
  /** PNG as a data: URL, small enough for a grid. */
  dataUrl: string;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface JobProgress {
  jobId: number;
  phase: string;
  done: number;
  total: number;
  /** Items per second in the current phase (images, steps…; the phase names the unit). */
  rate: number;
  /** Seconds left in the current phase, null until a rate is known. */
  etaSeconds: number | null;
  /** Overall fraction 0..1 across phases. */
  fraction: number;
  /** The latest numbers a phase reports besides its count (training: loss, accuracy of the last epoch). */
  metrics?: Record<string, number>;
}

export interface JobDto {
  id: number;
  kind: string;
  status: JobStatus;
  params: unknown;
  progress: JobProgress | null;
  result: unknown;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface TrainResultDto {
  runId: number;
  trainImages: number;
  epochs: number;
  steps: number;
  accuracy: number;
  perClassAccuracy: number[];
  seconds: number;
  imagesPerSecond: number;
}

export interface DemoResultDto {
  datasetId: number;
  selectionId: number;
  backend: BackendInfo;
  ipc: number;
  compressed: TrainResultDto;
  full: TrainResultDto | null;
  export: { dir: string; images: number; bytes: number; fullDatasetBytes: number };
  seconds: number;
}

export interface ImportReportDto {
  datasetId: number;
  name: string;
  format: string;
  source: string;
  reused: boolean;
  resumed: boolean;
  geometry: {
    height: number;
    width: number;
    channels: number;
    resize: 'crop' | 'pad';
    background: { r: number; g: number; b: number };
  };
  splitSource: 'folders' | 'manifest' | 'hold-out' | 'file';
  imported: { train: number; test: number };
  perClass: ClassCount[];
  skipped: {
    total: number;
    byReason: Record<string, number>;
    examples: { path: string; reason: string; detail?: string }[];
  };
  duplicates: { groups: number; extraCopies: number; policy: 'keep' | 'drop'; examples: string[][] };
  warnings: string[];
  seconds: number;
  /** Peak resident memory of the import process, MiB. */
  peakRssMb: number;
}

/** A stored compressed set: what `datapress sets` lists and an export starts from. */
export interface CompressedSetDto {
  id: number;
  datasetId: number;
  datasetName: string;
  selectionId: number;
  /** 'subset' (whole kept images) or a combined set. */
  kind: string;
  /** k of the k×k mosaic (1: one kept image per stored image). */
  grid: number;
  resolution: number;
  method: string;
  rule: string;
  ipc: number;
  seed: number;
  /** Stored images and the classes they cover. */
  images: number;
  classes: number;
  params: Record<string, unknown>;
  selectionParams: Record<string, unknown>;
  /** How many times it was exported. */
  exports: number;
  createdAt: string;
}

/** How kept images are grouped into mosaics: neighbours in rank, or ranks spread as RDED does. */
export type MosaicGrouping = 'consecutive' | 'interleaved';

/** What combining a selection into k×k mosaics stored (`sets.combine`). */
export interface CombineResultDto extends CompressedSetDto {
  grouping: MosaicGrouping;
  /** Size of every stored image (the mosaics), pixels. */
  height: number;
  width: number;
  channels: number;
  /** Stored images (mosaics); the same as `images`. */
  storedImages: number;
  /** Distinct kept images the mosaics are made of. */
  keptImages: number;
  /** Raw bytes of the stored pixels: storedImages × height × width × channels. */
  bytes: number;
  perClass: {
    index: number;
    name: string;
    storedImages: number;
    keptImages: number;
    /** Mosaic cells that repeat an earlier image of the class (the class had fewer than n·k²). */
    repeatedTiles: number;
  }[];
  warnings: string[];
  seconds: number;
}

/** Mosaics of one class made on the fly for the UI's preview; nothing is stored. */
export interface MosaicPreviewDto {
  selectionId: number;
  classIndex: number;
  className: string;
  grid: number;
  grouping: MosaicGrouping;
  height: number;
  width: number;
  /** How many mosaics the class would store; `mosaics` holds the first few. */
  totalMosaics: number;
  mosaics: { tileSampleIds: number[]; dataUrl: string }[];
  warnings: string[];
}

export type ExportFormatName = 'png' | 'jpeg' | 'npz';

/** What an export wrote. */
export interface ExportResultDto {
  exportId: number;
  setId: number;
  dir: string;
  format: ExportFormatName;
  /** JPEG quality; null for png and npz. */
  quality: number | null;
  images: number;
  /** Bytes of every file written, manifest.json included. */
  bytes: number;
  /** Bytes of the stored images as exported (image files, or the npz's x array). */
  storedImageBytes: number;
  files: { path: string; bytes: number; sha256: string }[];
  perClass: { index: number; name: string; folder: string | null; images: number }[];
  manifestSha256: string;
  /** True when an earlier export at dir was replaced. */
  replaced: boolean;
  warnings: string[];
}

/** A stored set of pruning scores: one number per training image and score, and what made them. */
export interface ScoreSetDto {
  id: number;
  datasetId: number;
  jobId: number | null;
  model: string;
  width: number;
  depth: number;
  norm: string;
  epochs: number;
  /** Seed of each proxy run whose scores were averaged. */
  seeds: number[];
  batchSize: number;
  lr: number;
  backend: string;
  /** Proxy training time summed over runs (including sessions before a resume). */
  trainSeconds: number;
  /** Whole job, training and the final passes. */
  seconds: number;
  imagesPerSecond: number;
  samples: number;
  classes: number;
  /** Dimensions of the stored features (PCA of the penultimate layer) and the variance they keep. */
  featureDims: number;
  featureExplained: number;
  /** Training-split accuracy of the final proxy (mean over runs). */
  finalTrainAccuracy: number;
  /** Bytes of the stored per-sample trajectories and features beside the database. */
  fileBytes: number;
  createdAt: string;
}

export interface ScoreResultDto {
  scoreSet: ScoreSetDto;
  /** An identical score set already existed and was returned without training. */
  reused: boolean;
  /** Per proxy run, the epoch it resumed after (0 = started fresh). */
  resumedAfterEpoch: number[];
}

export interface ScoreEstimateDto {
  trainImages: number;
  /** Images × epochs × runs. */
  imagePasses: number;
  imagesPerSecond: number;
  seconds: number;
  /** Where the rate comes from, in words. */
  basis: string;
}

export interface SelectionClassDto {
  classIndex: number;
  name: string;
  kept: number;
  available: number;
}

export interface SelectionDto {
  id: number;
  datasetId: number;
  method: string;
  rule: string;
  ipc: number;
  seed: number;
  scoreSetId: number | null;
  params: Record<string, unknown>;
  warnings: string[];
  perClass: SelectionClassDto[];
  kept: number;
  /** Raw pixel bytes of the kept images (height × width × channels each). */
  storedBytes: number;
  createdAt: string;
}

export interface SelectionCreatedDto extends SelectionDto {
  /** Time to select from the stored scores, and to store the selection. */
  seconds: number;
}

export interface SelectionComparisonDto {
  a: number;
  b: number;
  perClass: {
    classIndex: number;
    name: string;
    countA: number;
    countB: number;
    overlap: number;
    jaccard: number;
  }[];
  countA: number;
  countB: number;
  overlap: number;
  jaccard: number;
}

export interface ScoredThumbnail {
  sampleId: number;
  score: number;
  /** 0 = easiest of its class. */
  easyRank: number;
  kept: boolean;
  dataUrl: string;
}

/** One class under one score: its histogram with a selection's kept images marked, and image grids. */
export interface ClassScoreViewDto {
  scoreSetId: number;
  classIndex: number;
  name: string;
  score: string;
  /** Which end of the score is easy. */
  easyEnd: 'low' | 'high';
  histogram: { edges: number[]; counts: number[]; keptCounts: number[] };
  selectionId: number | null;
  available: number;
  kept: number;
  easiest: ScoredThumbnail[];
  hardest: ScoredThumbnail[];
  /** Kept images, in the selection's rank order, one page. */
  keptPage: ScoredThumbnail[];
  keptPageOffset: number;
}

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
