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
  /** True in the desktop app: `app.showPath` shows a file in the system's file manager or opens a report. */
  canShowPaths: boolean;
}

export interface ProjectDto {
  name: string;
  path: string;
  createdAt: string;
  datasets: number;
  jobs: number;
  /** Compressed sets stored in the project. */
  sets: number;
  /** Benchmarks (each has an HTML report) in the project. */
  benchmarks: number;
  /** When the project was last opened in the UI (ISO time), for "recent projects"; null if never. */
  lastOpenedAt: string | null;
  /** Set when the project cannot be opened (e.g. made by a newer app); the counts are then 0. */
  problem?: string;
}

/** One page of a dataset's samples as thumbnails, for a virtualised grid. */
export interface SamplePageDto {
  /** Samples matching the filter (split and class), so the grid knows its full height. */
  total: number;
  offset: number;
  items: SampleThumbnail[];
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

export * from './prune-dto';
export * from './train-dto';
