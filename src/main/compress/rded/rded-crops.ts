/**
 * The pure part of the RDED-style set (METHODS.md, "C — Combine", RDED variant): where the crops
 * are, which crop of an image the teacher likes best, which images a class keeps, and where a
 * kept crop lands in a mosaic cell. No tensors; seeded generators come from the caller.
 *
 * Crops are whole-pixel rectangles of the source image, exactly one mosaic cell in size, so
 * tiling them copies pixels and never resamples. Cells follow `cellSpan` (the rule the mosaics
 * and the constrained augmentation share); when k does not divide the side the cells differ by
 * one pixel, so crops take the largest cell's size and a smaller cell keeps the crop's centre.
 */
import { cellSpan, EDGE_MARGIN_PX, type PixelCrop } from '../../ml/augment/boxes';

export interface CropSize {
  height: number;
  width: number;
}

/** Height and width of cell j along each axis of a k×k grid on an H×W image. */
export function cellSizes(size: number, k: number): number[] {
  return Array.from({ length: k }, (_, j) => {
    const [a, b] = cellSpan(j, k, size);
    return b - a;
  });
}

/** The crop every candidate is scored with: the largest cell of the k×k grid. */
export function cropSizeFor(height: number, width: number, k: number): CropSize {
  if (!Number.isInteger(k) || k < 1 || k > height || k > width)
    throw new RangeError(`a ${width}×${height} image has no room for a ${k}×${k} grid`);
  return { height: Math.max(...cellSizes(height, k)), width: Math.max(...cellSizes(width, k)) };
}

/**
 * `count` crop positions, uniform over every whole-pixel placement of `crop` inside an
 * height×width image: [top, left] pairs, two draws per crop in that order.
 */
export function sampleCropPositions(
  rng: () => number,
  count: number,
  height: number,
  width: number,
  crop: CropSize,
): Int32Array {
  if (crop.height > height || crop.width > width)
    throw new RangeError(`a ${crop.width}×${crop.height} crop does not fit a ${width}×${height} image`);
  const out = new Int32Array(count * 2);
  for (let i = 0; i < count; i++) {
    out[i * 2] = Math.floor(rng() * (height - crop.height + 1));
    out[i * 2 + 1] = Math.floor(rng() * (width - crop.width + 1));
  }
  return out;
}

/**
 * Normalised [y1, x1, y2, x2] cropAndResize boxes of whole-pixel crops, with the align-corners
 * convention of boxes.ts: the first and last crop pixel centres, pulled inward by EDGE_MARGIN_PX
 * so float rounding never reads a neighbouring pixel (and a whole-image box never takes the wasm
 * kernel's memcpy shortcut).
 */
export function cropBoxes(
  positions: Int32Array,
  crop: CropSize,
  height: number,
  width: number,
): Float32Array {
  const axis = (first: number, count: number, size: number): [number, number] => {
    if (size <= 1) return [0, 0];
    const step = 1 / (size - 1);
    const margin = EDGE_MARGIN_PX * step;
    if (count >= 2) return [first * step + margin, (first + count - 1) * step - margin];
    // One pixel: lean toward a neighbour inside the image so both bilinear taps stay in it.
    const v = first < size - 1 ? first * step + margin : first * step - margin;
    return [v, v];
  };
  const n = positions.length / 2;
  const boxes = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const [y1, y2] = axis(positions[i * 2] as number, crop.height, height);
    const [x1, x2] = axis(positions[i * 2 + 1] as number, crop.width, width);
    boxes.set([y1, x1, y2, x2], i * 4);
  }
  return boxes;
}

/**
 * Each image's lowest-loss crop from a loss table laid out image-major (image i, crop j at
 * i·crops + j). Ties keep the earlier crop; NaN counts as the worst loss.
 */
export function lowestLossCrops(
  losses: ArrayLike<number>,
  images: number,
  crops: number,
): { crop: Int32Array; loss: Float64Array } {
  if (losses.length !== images * crops)
    throw new RangeError(`${losses.length} losses for ${images} images × ${crops} crops`);
  const crop = new Int32Array(images);
  const loss = new Float64Array(images);
  for (let i = 0; i < images; i++) {
    let best = 0;
    let bestLoss = Infinity;
    for (let j = 0; j < crops; j++) {
      const v = losses[i * crops + j] as number;
      if (v < bestLoss) {
        best = j;
        bestLoss = v;
      }
    }
    crop[i] = best;
    loss[i] = bestLoss;
  }
  return { crop, loss };
}

/** The `keep` images with the lowest best-crop loss, lowest first; ties keep the earlier image. */
export function rankByLoss(loss: ArrayLike<number>, keep: number): number[] {
  const order = Array.from({ length: loss.length }, (_, i) => i);
  const key = (i: number) => {
    const v = loss[i] as number;
    return Number.isNaN(v) ? Infinity : v;
  };
  order.sort((a, b) => key(a) - key(b) || a - b);
  return order.slice(0, Math.max(0, keep));
}

/** The part of a scored crop that fills a cell of cellHeight × cellWidth: the crop's centre. */
export function placeInCell(
  top: number,
  left: number,
  crop: CropSize,
  cellHeight: number,
  cellWidth: number,
): PixelCrop {
  return {
    top: top + Math.floor((crop.height - cellHeight) / 2),
    left: left + Math.floor((crop.width - cellWidth) / 2),
    height: cellHeight,
    width: cellWidth,
  };
}
