import type { CombineResultDto, MosaicPreviewDto } from '../../../shared/api/dto';
import { ApiError } from '../../../shared/rpc/errors';
import { encodePng } from '../../images/encode-png';
import { listCompressedSets } from '../../store/compressed-sets-repo';
import type { Db } from '../../store/database';
import type { ProjectPaths } from '../../store/project-store';
import {
  type CombinePlan,
  type CombineRequest,
  planCombine,
  planWarnings,
  renderClassMosaics,
} from './combine-plan';
import { cellBounds } from './mosaic';
import { MOSAIC_KIND, mosaicParams } from './mosaic-params';
import { storeMosaicSet } from './mosaic-set-store';

/**
 * The Combine step (METHODS.md, "C — Combine"): a stored selection's kept images, class by class
 * in rank order, become k×k mosaics of one class each, stored as a new compressed set with its
 * own pixel file. Mosaics are the dataset's size by default, so n mosaics cost n images of
 * storage while drawing on up to n·k² kept images.
 */

export const MAX_PREVIEW_MOSAICS = 8;

export async function combineSelection(
  db: Db,
  paths: ProjectPaths,
  req: CombineRequest,
): Promise<CombineResultDto> {
  const started = performance.now();
  const plan = planCombine(db, req);
  const pixels: Uint8Array[] = [];
  const images: { classIndex: number; tileSampleIds: number[] }[] = [];
  for (const cls of plan.classes) {
    pixels.push(...(await renderClassMosaics(paths, plan, cls)));
    for (const ids of cls.mosaics) images.push({ classIndex: cls.classIndex, tileSampleIds: ids });
  }
  const keptImages = plan.classes.reduce((sum, c) => sum + c.kept.length, 0);
  const repeatedTiles = plan.classes.reduce((sum, c) => sum + c.repeatedTiles, 0);
  const params = mosaicParams({
    k: plan.k,
    grouping: plan.grouping,
    height: plan.out.height,
    width: plan.out.width,
    rows: cellBounds(plan.out.height, plan.k),
    cols: cellBounds(plan.out.width, plan.k),
    keptImages,
    repeatedTiles,
  });
  const setId = storeMosaicSet(
    db,
    paths,
    {
      selectionId: plan.selection.id,
      kind: MOSAIC_KIND,
      grid: plan.k,
      resolution: plan.out.height,
      params: { ...params, warnings: planWarnings(plan) },
      images,
    },
    pixels,
  );
  return combineResult(db, plan, setId, (performance.now() - started) / 1000);
}

function combineResult(db: Db, plan: CombinePlan, setId: number, seconds: number): CombineResultDto {
  const set = listCompressedSets(db).find((s) => s.id === setId);
  if (!set) throw new ApiError('internal', `compressed set ${setId} vanished right after it was stored`);
  const storedImages = plan.classes.reduce((sum, c) => sum + c.mosaics.length, 0);
  const { height, width } = plan.out;
  return {
    ...set,
    grouping: plan.grouping,
    height,
    width,
    channels: plan.tile.channels,
    storedImages,
    keptImages: plan.classes.reduce((sum, c) => sum + c.kept.length, 0),
    bytes: storedImages * height * width * plan.tile.channels,
    perClass: plan.classes.map((c) => ({
      index: c.classIndex,
      name: c.name,
      storedImages: c.mosaics.length,
      keptImages: c.kept.length,
      repeatedTiles: c.repeatedTiles,
    })),
    warnings: planWarnings(plan),
    seconds,
  };
}

/** The first `count` mosaics of one class as PNG data URLs; nothing is written anywhere. */
export async function previewMosaics(
  db: Db,
  paths: ProjectPaths,
  req: CombineRequest & { classIndex: number; count: number },
): Promise<MosaicPreviewDto> {
  if (!Number.isInteger(req.count) || req.count < 1 || req.count > MAX_PREVIEW_MOSAICS)
    throw new ApiError('bad_request', `count must be from 1 to ${MAX_PREVIEW_MOSAICS}, got ${req.count}`);
  const plan = planCombine(db, req);
  const cls = plan.classes.find((c) => c.classIndex === req.classIndex);
  if (!cls)
    throw new ApiError(
      'bad_request',
      `selection ${plan.selection.id} keeps no images of class ${req.classIndex}; it keeps classes ${plan.classes.map((c) => c.classIndex).join(', ')}`,
    );
  const pixels = await renderClassMosaics(paths, plan, cls, req.count);
  const { height, width } = plan.out;
  const pngs = await Promise.all(pixels.map((p) => encodePng(p, width, height, plan.tile.channels, 6)));
  return {
    selectionId: plan.selection.id,
    classIndex: cls.classIndex,
    className: cls.name,
    grid: plan.k,
    grouping: plan.grouping,
    height,
    width,
    totalMosaics: cls.mosaics.length,
    mosaics: pngs.map((png, i) => ({
      tileSampleIds: cls.mosaics[i] as number[],
      dataUrl: `data:image/png;base64,${png.toString('base64')}`,
    })),
    // The set's warnings and this class's: the preview shows one class.
    warnings: [...plan.warnings, ...cls.warnings],
  };
}
