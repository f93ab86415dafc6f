/** Data shapes of the Prune step (scores, selections and their views) that cross the API. */

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
