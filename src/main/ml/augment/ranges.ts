/** Scale and aspect ranges of a random-resized crop, with torchvision's defaults. */
export type Range = readonly [number, number];

/** Fraction of the region's area (METHODS.md: (0.08, 1) of the cell, our choice). */
export const DEFAULT_SCALE: Range = [0.08, 1];
/** Width / height, sampled log-uniformly. */
export const DEFAULT_RATIO: Range = [3 / 4, 4 / 3];

export interface CropRanges {
  scale?: Range;
  ratio?: Range;
}

/** Refuses ranges torchvision would only warn about: a reversed range is a caller's mistake here. */
export function validateCropRanges(options: CropRanges): { scale: Range; ratio: Range } {
  const scale = options.scale ?? DEFAULT_SCALE;
  const ratio = options.ratio ?? DEFAULT_RATIO;
  if (!(scale[0] > 0 && scale[0] <= scale[1] && scale[1] <= 1)) {
    throw new RangeError(`crop scale must satisfy 0 < min ≤ max ≤ 1, got [${scale.join(', ')}]`);
  }
  if (!(ratio[0] > 0 && ratio[0] <= ratio[1] && Number.isFinite(ratio[1]))) {
    throw new RangeError(`crop ratio must satisfy 0 < min ≤ max, got [${ratio.join(', ')}]`);
  }
  return { scale, ratio };
}
