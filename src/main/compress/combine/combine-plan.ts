import { join } from 'node:path';
import { ApiError } from '../../../shared/rpc/errors';
import { readPixelRows } from '../../datasets/pixel-cache';
import type { Db } from '../../store/database';
import { classNames, getReadyDataset } from '../../store/datasets-repo';
import type { ProjectPaths } from '../../store/project-store';
import { getSelection, selectionItems, type SelectionRow } from '../../store/selections-repo';
import { type Grouping, groupTiles, repeatedSlots } from './grouping';
import { buildMosaic, cellBounds, type MosaicSize, type TileShape } from './mosaic';

/**
 * What combining a selection would make, before any pixel is touched: checked inputs, the
 * stored size, and per class (selection rank order) the source sample ids of every mosaic.
 * Shared by the combine service (which stores the mosaics) and the preview (which does not).
 */

export const MAX_K = 4;

export interface CombineRequest {
  selectionId: number;
  k: number;
  grouping: Grouping;
  /** Stored height in pixels; the width keeps the dataset's aspect. Default: the dataset's own. */
  resolution?: number;
}

export interface ClassPlan {
  classIndex: number;
  name: string;
  /** Kept samples in rank order. */
  kept: { sampleId: number; cacheIndex: number }[];
  /** Source sample ids of each mosaic, grid order. */
  mosaics: number[][];
  repeatedTiles: number;
  /** This class's warnings (repeated tiles). */
  warnings: string[];
}

export interface CombinePlan {
  selection: SelectionRow;
  datasetId: number;
  /** The dataset's pixel cache, under cache/. */
  cacheFile: string;
  sampleCount: number;
  tile: TileShape;
  out: MosaicSize;
  k: number;
  grouping: Grouping;
  classes: ClassPlan[];
  /** Warnings about the whole set (not one class). */
  warnings: string[];
}

/** Every warning of a plan: the set's, then each class's. */
export function planWarnings(plan: CombinePlan): string[] {
  return [...plan.warnings, ...plan.classes.flatMap((c) => c.warnings)];
}

function checkRequest(req: CombineRequest): void {
  if (!Number.isInteger(req.k) || req.k < 1 || req.k > MAX_K)
    throw new ApiError('bad_request', `k must be an integer from 1 to ${MAX_K}, got ${req.k}`);
  if (req.resolution !== undefined && (!Number.isInteger(req.resolution) || req.resolution < req.k))
    throw new ApiError(
      'bad_request',
      `resolution must be an integer of at least k = ${req.k} pixels, got ${req.resolution}`,
    );
}

export function planCombine(db: Db, req: CombineRequest): CombinePlan {
  checkRequest(req);
  const selection = getSelection(db, req.selectionId);
  const dataset = getReadyDataset(db, selection.datasetId);
  const names = classNames(db, dataset.id);
  const height = req.resolution ?? dataset.height;
  const width =
    req.resolution === undefined ? dataset.width : Math.round((height * dataset.width) / dataset.height);
  if (width < req.k)
    throw new ApiError('bad_request', `a ${width}-pixel-wide mosaic has no room for ${req.k} columns`);
  const byClass = new Map<number, ClassPlan['kept']>();
  for (const item of selectionItems(db, selection.id)) {
    const list = byClass.get(item.classIndex) ?? [];
    list.push({ sampleId: item.sampleId, cacheIndex: item.cacheIndex });
    byClass.set(item.classIndex, list);
  }
  if (byClass.size === 0)
    throw new ApiError('bad_request', `selection ${selection.id} keeps no images; nothing to combine`);
  const warnings: string[] = [];
  const classes = [...byClass.entries()]
    .sort(([a], [b]) => a - b)
    .map(([classIndex, kept]): ClassPlan => {
      const name = names[classIndex] ?? `class ${classIndex}`;
      const mosaics = groupTiles(
        kept.map((s) => s.sampleId),
        req.k,
        req.grouping,
      );
      const repeatedTiles = repeatedSlots(kept.length, req.k);
      const classWarnings =
        repeatedTiles > 0
          ? [
              `${name}: ${kept.length} kept images fill ${mosaics.length} ${req.k}×${req.k} mosaic(s) of ${req.k * req.k} tiles; ${repeatedTiles} tile(s) repeat the class's images from rank 0 on`,
            ]
          : [];
      return { classIndex, name, kept, mosaics, repeatedTiles, warnings: classWarnings };
    });
  const rows = cellBounds(height, req.k);
  const cols = cellBounds(width, req.k);
  if ((rows[1] as number) > dataset.height || (cols[1] as number) > dataset.width)
    warnings.push(
      `mosaic cells (${cols[1]}×${rows[1]} px) are larger than the source images (${dataset.width}×${dataset.height} px): tiles are enlarged and the set stores no more detail than the originals`,
    );
  return {
    selection,
    datasetId: dataset.id,
    cacheFile: dataset.cacheFile,
    sampleCount: dataset.sampleCount,
    tile: { height: dataset.height, width: dataset.width, channels: dataset.channels },
    out: { height, width },
    k: req.k,
    grouping: req.grouping,
    classes,
    warnings,
  };
}

/** How many mosaics are built at once: each runs k² sharp resizes on libuv's thread pool. */
const MOSAICS_IN_FLIGHT = 8;

/** The pixels of a class's first `limit` mosaics (all by default), reading only its kept tiles. */
export async function renderClassMosaics(
  paths: ProjectPaths,
  plan: CombinePlan,
  cls: ClassPlan,
  limit = cls.mosaics.length,
): Promise<Uint8Array[]> {
  const mosaics = cls.mosaics.slice(0, limit);
  const needed = [...new Set(mosaics.flat())];
  const cacheIndexOf = new Map(cls.kept.map((s) => [s.sampleId, s.cacheIndex]));
  const pixels = readPixelRows(
    join(paths.cacheDir, plan.cacheFile),
    { ...plan.tile, count: plan.sampleCount },
    needed.map((id) => cacheIndexOf.get(id) as number),
  );
  const size = plan.tile.height * plan.tile.width * plan.tile.channels;
  const tileOf = new Map(needed.map((id, i) => [id, pixels.subarray(i * size, (i + 1) * size)]));
  const out: Uint8Array[] = [];
  for (let start = 0; start < mosaics.length; start += MOSAICS_IN_FLIGHT) {
    const batch = mosaics.slice(start, start + MOSAICS_IN_FLIGHT);
    out.push(
      ...(await Promise.all(
        batch.map((ids) =>
          buildMosaic(
            ids.map((id) => tileOf.get(id) as Uint8Array),
            plan.tile,
            plan.k,
            plan.out,
          ),
        ),
      )),
    );
  }
  return out;
}
