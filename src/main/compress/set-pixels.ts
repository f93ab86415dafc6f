/**
 * The stored images of a compressed set as training data: a combined set's own pixel file, or
 * for a set of whole kept images (grid 1 at the dataset's size) their pixels in the dataset cache.
 */
import { join } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import { gatherPixels, readPixelRows } from '../datasets/pixel-cache';
import type { Db } from '../store/database';
import { getDatasetRow } from '../store/datasets-repo';
import { getCompressedSet, tileSamples } from '../store/compressed-sets-repo';
import type { ProjectPaths } from '../store/project-store';
import { compressedImages, getSelection } from '../store/selections-repo';
import { storedSizeOf } from './combine/mosaic-params';
import { readMosaicSetPixels } from './combine/mosaic-set-store';

export interface SetPixels {
  setId: number;
  datasetId: number;
  selectionId: number;
  /** k of the k×k mosaics (1: whole images). */
  grid: number;
  shape: [number, number, number];
  images: Uint8Array;
  labels: Int32Array;
  count: number;
}

export function readSetPixels(db: Db, paths: ProjectPaths, setId: number): SetPixels {
  const set = getCompressedSet(db, setId);
  const selection = getSelection(db, set.selectionId);
  const dataset = getDatasetRow(db, selection.datasetId);
  const stored = compressedImages(db, setId);
  if (stored.length === 0) throw new ApiError('invalid_data', `compressed set ${setId} has no stored images`);
  const labels = Int32Array.from(stored, (s) => s.classIndex);
  const c = dataset.channels;
  if (set.cacheFile !== null) {
    const size = storedSizeOf(set.id, set.params);
    const file = readMosaicSetPixels(
      paths,
      { id: set.id, cacheFile: set.cacheFile },
      { ...size, channels: c, count: stored.length },
    );
    return {
      setId,
      datasetId: dataset.id,
      selectionId: selection.id,
      grid: set.grid,
      shape: [size.height, size.width, c],
      images: gatherPixels(
        file,
        stored.map((s) => s.position),
      ),
      labels,
      count: stored.length,
    };
  }
  if (set.grid !== 1)
    throw new ApiError(
      'unsupported',
      `compressed set ${setId} is a ${set.grid}×${set.grid} set without a pixel file; combine its selection again`,
    );
  const tiles = tileSamples(db, setId);
  const indices = stored.map((s) => {
    const tile = tiles.get(s.tileSampleIds[0] as number);
    if (!tile)
      throw new ApiError('invalid_data', `compressed set ${setId} refers to a sample not in the project`);
    return tile.cacheIndex;
  });
  // Only the set's samples are read, not the whole dataset cache.
  const images = readPixelRows(
    join(paths.cacheDir, dataset.cacheFile),
    { height: dataset.height, width: dataset.width, channels: c, count: dataset.sampleCount },
    indices,
  );
  return {
    setId,
    datasetId: dataset.id,
    selectionId: selection.id,
    grid: 1,
    shape: [dataset.height, dataset.width, c],
    images,
    labels,
    count: stored.length,
  };
}
