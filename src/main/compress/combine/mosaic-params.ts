import { z } from 'zod';
import { ApiError } from '../../../shared/rpc/errors';
import { GROUPINGS, type Grouping } from './grouping';
import { MOSAIC_KERNEL } from './mosaic';

/**
 * The `params` JSON of a combined set's row: everything needed to say how its mosaics were made,
 * and the stored size an export needs. Written by the combine service, read back by export.
 */

export const MOSAIC_KIND = 'mosaic';

const size = z.number().int().positive();

const mosaicParamsSchema = z.object({
  k: z.number().int().min(1),
  grouping: z.enum(GROUPINGS),
  resolution: z.object({ height: size, width: size }),
  resampling: z.object({ kernel: z.string(), fit: z.literal('fill') }),
});

export type MosaicParams = z.infer<typeof mosaicParamsSchema> & {
  /** Cell bounds along each axis (see mosaic.ts) and the tile order, for readers of the manifest. */
  cells: { rows: number[]; cols: number[]; order: 'row-major' };
  keptImages: number;
  repeatedTiles: number;
};

export function mosaicParams(p: {
  k: number;
  grouping: Grouping;
  height: number;
  width: number;
  rows: number[];
  cols: number[];
  keptImages: number;
  repeatedTiles: number;
}): MosaicParams {
  return {
    k: p.k,
    grouping: p.grouping,
    resolution: { height: p.height, width: p.width },
    resampling: { kernel: MOSAIC_KERNEL, fit: 'fill' },
    cells: { rows: p.rows, cols: p.cols, order: 'row-major' },
    keptImages: p.keptImages,
    repeatedTiles: p.repeatedTiles,
  };
}

/** The stored size of a combined set, from its row's params (refused if they were tampered with). */
export function storedSizeOf(
  setId: number,
  params: Record<string, unknown>,
): { height: number; width: number } {
  const parsed = mosaicParamsSchema.safeParse(params);
  if (!parsed.success)
    throw new ApiError(
      'invalid_data',
      `compressed set ${setId} has a pixel file but its parameters do not give its size: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  return parsed.data.resolution;
}
