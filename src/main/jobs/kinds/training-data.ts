import type { Db } from '../../store/database';
import { getDatasetRow, samplesOf } from '../../store/datasets-repo';
import type { ProjectPaths } from '../../store/project-store';
import { gatherPixels, readPixelCache, type PixelCache } from '../../datasets/pixel-cache';
import { join } from 'node:path';

export interface LabelledImages {
  images: Uint8Array;
  labels: Int32Array;
  count: number;
}

export function openDatasetCache(db: Db, paths: ProjectPaths, datasetId: number): PixelCache {
  const row = getDatasetRow(db, datasetId);
  return readPixelCache(
    join(paths.cacheDir, row.cacheFile),
    row.height,
    row.width,
    row.channels,
    row.sampleCount,
  );
}

/** Pixels and labels of the given samples, in the given order. */
export function labelledImages(
  cache: PixelCache,
  samples: readonly { cacheIndex: number; classIndex: number }[],
): LabelledImages {
  return {
    images: gatherPixels(
      cache,
      samples.map((s) => s.cacheIndex),
    ),
    labels: Int32Array.from(samples, (s) => s.classIndex),
    count: samples.length,
  };
}

export function splitImages(
  db: Db,
  cache: PixelCache,
  datasetId: number,
  split: 'train' | 'test',
): LabelledImages {
  return labelledImages(cache, samplesOf(db, datasetId, split));
}

/**
 * Epochs for a small set so that it gets about as many optimizer steps as the reference run
 * (METHODS.md: "default scales with set size so the number of optimizer steps is comparable"),
 * capped at the paper's 300.
 */
export function epochsForComparableSteps(setSize: number, batchSize: number, referenceSteps: number): number {
  const stepsPerEpoch = Math.ceil(setSize / Math.min(batchSize, setSize));
  return Math.max(1, Math.min(300, Math.ceil(referenceSteps / stepsPerEpoch)));
}
