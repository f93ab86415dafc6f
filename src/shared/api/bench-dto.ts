import type { BenchDefinition, BenchMethod, LabelMode } from './bench-params';

/** One (method, IPC) compressed set of a benchmark and its storage accounting. */
export interface BenchSetDto {
  method: BenchMethod;
  ipc: number;
  setId: number | null;
  /** Stored images (IPC × classes, or fewer for a short class). */
  images: number;
  /** Source images the stored images draw on (IPC·k² for PCA). */
  sourceImages: number;
  /** Bytes of the stored images as exported (lossless PNG). */
  pngBytes: number;
  /** The epochs a run of this set trains, by the protocol. */
  epochs: number;
  /** Soft labels stored the usual way: epochs × stored images × classes × 2 bytes (float16). */
  softLabelBytes: number;
  /** PNG bytes over the full training split's PNG bytes. */
  ratioToFull: number;
}

/** One cell: a (method, IPC, label mode) over its seeds. */
export interface BenchCellDto {
  method: BenchMethod;
  ipc: number;
  labels: LabelMode;
  /** Seeds finished so far, with their accuracy (0..1) and training seconds. */
  runs: { seed: number; accuracy: number; seconds: number; runId: number }[];
  /** Over the finished seeds; null until one has finished. */
  mean: number | null;
  std: number | null;
  /** Mean minus the random baseline's mean at the same IPC and label mode (null when absent). */
  vsRandom: number | null;
  /** Stored bytes this cell needs: PNG images, plus the soft labels in soft mode. */
  storageBytes: number;
}

export interface BenchTimingDto {
  /** Wall seconds of the whole job, of the wide steps (scores, teacher, full-split bytes), and of the task pool's active span. */
  wallSeconds: number;
  prepareSeconds: number;
  cellsWallSeconds: number;
  /** Σ of the training runs' own seconds (trainClassifier, without evaluation) and with evaluation. */
  trainSeconds: number;
  runSeconds: number;
  /** Training processes used at once. */
  parallel: number;
  /** parallel × cellsWall / Σ run seconds − 1: time the runner adds around the runs. */
  overhead: number | null;
  /** CPU seconds of the worker processes over (cellsWall × cores). */
  cpuUtilisation: number | null;
}

export interface BenchResultDto {
  id: number;
  name: string;
  datasetId: number;
  datasetName: string;
  classNames: string[];
  status: 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
  definition: BenchDefinition;
  /** The training protocol as run, with the backend and the app version. */
  protocol: Record<string, unknown>;
  fullTrainImages: number;
  fullPngBytes: number;
  testImages: number;
  /** Full-split reference: the teacher's test accuracy when soft labels were run (null otherwise). */
  teacherAccuracy: number | null;
  sets: BenchSetDto[];
  cells: BenchCellDto[];
  timing: BenchTimingDto | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface BenchSummaryDto {
  id: number;
  name: string;
  datasetId: number;
  /** The job that ran it last (a resumed benchmark names the resuming job). */
  jobId: number | null;
  status: BenchResultDto['status'];
  /** Training runs planned (cells × seeds) and finished. */
  cells: number;
  cellsDone: number;
  createdAt: string;
  reportPath: string | null;
}

export interface BenchEstimateDto {
  sets: number;
  cells: number;
  trainingRuns: number;
  /** Image-passes of every training run (epochs × stored images), summed. */
  imagePasses: number;
  seconds: number;
  /** Per step (scoring, teacher, DM, RDED, training), seconds; what is already done costs 0. */
  parts: { name: string; seconds: number; reused: boolean }[];
  basis: string;
  warnings: string[];
}

/** What a benchmark job returns: the results and where the report was written. */
export interface BenchJobResultDto {
  benchmark: BenchResultDto;
  reportDir: string;
  reportHtml: string;
  /** Runs that failed (the others finished; running the same definition again retries them). */
  failures: { run: string; message: string }[];
}
