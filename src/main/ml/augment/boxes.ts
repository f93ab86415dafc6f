/**
 * Crop boxes for the Augment step (METHODS.md "A — Augment (constrained)"): pure and seeded, no
 * tensors. Boxes are [y1, x1, y2, x2] for tf.image.cropAndResize on an R×R image.
 *
 * Coordinates. With crop size R, cropAndResize samples output row y at source row
 * y1·(R−1) + y·(y2−y1)·(R−1)/(R−1): 0 and 1 are the centres of the first and last pixel
 * ("align corners"). A crop of pixel rows top … top+h−1 is therefore y1 = top/(R−1),
 * y2 = (top+h−1)/(R−1): the first and last output rows land on those pixels and every sample lies
 * between them. A region (a mosaic cell of rows [a, b)) is described the same way, by its first
 * and last pixel centres: y0 = a/(R−1), y1 = (b−1)/(R−1), height b−a.
 *
 * Every box is then pulled inward by EDGE_MARGIN_PX. Without it float32 rounding of a/(R−1)
 * can put a sample at a−ε (bilinear then reads row a−1, the next cell) or past R−1 (the kernel
 * writes the extrapolation value), and a box exactly as wide as the image makes the wasm kernel
 * take a memcpy shortcut that skips vertical interpolation (tfjs 4.22). 1/1000 px is far above
 * float32 rounding (~1e-5 px at R ≤ 256) and far below anything visible.
 */
import { DEFAULT_RATIO, DEFAULT_SCALE, validateCropRanges, type CropRanges, type Range } from './ranges.ts';

export { DEFAULT_RATIO, DEFAULT_SCALE, type CropRanges, type Range } from './ranges.ts';
import { cellSpan } from '../../../shared/mosaic-cells.ts';

export { cellSpan };

export const EDGE_MARGIN_PX = 1e-3;

/** A region in cropAndResize coordinates: normalised centres of its first and last pixel. */
export interface Region {
  y0: number;
  x0: number;
  y1: number;
  x1: number;
}

export interface RegionPx {
  height: number;
  width: number;
}

/** A crop in whole pixels of its region, as torchvision's RandomResizedCrop.get_params returns it. */
export interface PixelCrop {
  top: number;
  left: number;
  height: number;
  width: number;
}

export interface ResizedBox {
  box: [number, number, number, number];
  crop: PixelCrop;
}

/** Region of cell `cell` (row-major, 0 … k²−1) of a k×k mosaic of side R. */
export function cellRegion(cell: number, k: number, R: number): { region: Region; regionPx: RegionPx } {
  const [a, b] = cellSpan(Math.floor(cell / k), k, R);
  const [c, d] = cellSpan(cell % k, k, R);
  const region = { y0: a / (R - 1), x0: c / (R - 1), y1: (b - 1) / (R - 1), x1: (d - 1) / (R - 1) };
  return { region, regionPx: { height: b - a, width: d - c } };
}

/** Python's round(): half to even, which torchvision's int(round(...)) uses. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * torchvision RandomResizedCrop.get_params on a height×width image: ten tries of a crop whose
 * area is a uniform fraction of the image and whose aspect (w/h) is log-uniform, then the
 * central crop with the aspect clamped to the ratio range. Four draws per try (area, aspect,
 * top, left; the last two only when the try fits), in that order.
 */
export function randomResizedCrop(
  rng: () => number,
  height: number,
  width: number,
  scale: Range = DEFAULT_SCALE,
  ratio: Range = DEFAULT_RATIO,
): PixelCrop {
  const area = height * width;
  const logLo = Math.log(ratio[0]);
  const logHi = Math.log(ratio[1]);
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * (scale[0] + (scale[1] - scale[0]) * rng());
    const aspect = Math.exp(logLo + (logHi - logLo) * rng());
    const w = roundHalfEven(Math.sqrt(target * aspect));
    const h = roundHalfEven(Math.sqrt(target / aspect));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      const top = Math.floor(rng() * (height - h + 1));
      const left = Math.floor(rng() * (width - w + 1));
      return { top, left, height: h, width: w };
    }
  }
  const inRatio = width / height;
  let w = width;
  let h = height;
  if (inRatio < ratio[0]) h = roundHalfEven(w / ratio[0]);
  else if (inRatio > ratio[1]) w = roundHalfEven(h * ratio[1]);
  return { top: Math.floor((height - h) / 2), left: Math.floor((width - w) / 2), height: h, width: w };
}

/** Normalised [lo, hi] of pixels first … first+count−1 of an axis of `size` pixels from start to end. */
function axisSpan(start: number, end: number, size: number, first: number, count: number): [number, number] {
  if (size <= 1) return [start, start];
  const step = (end - start) / (size - 1);
  const margin = EDGE_MARGIN_PX * step;
  const lo = start + first * step;
  if (count >= 2) return [lo + margin, start + (first + count - 1) * step - margin];
  // One pixel: both bilinear taps must stay in the region, so lean toward a neighbour inside it.
  const v = first < size - 1 ? lo + margin : lo - margin;
  return [v, v];
}

/** torchvision's RandomResizedCrop applied to `region` only; the box never samples outside it. */
export function randomResizedBox(
  rng: () => number,
  region: Region,
  regionPx: RegionPx,
  scale: Range = DEFAULT_SCALE,
  ratio: Range = DEFAULT_RATIO,
): ResizedBox {
  const crop = randomResizedCrop(rng, regionPx.height, regionPx.width, scale, ratio);
  const [y1, y2] = axisSpan(region.y0, region.y1, regionPx.height, crop.top, crop.height);
  const [x1, x2] = axisSpan(region.x0, region.x1, regionPx.width, crop.left, crop.width);
  return { box: [y1, x1, y2, x2], crop };
}

function checkGrid(k: number, R: number): void {
  if (!Number.isInteger(R) || R < 2) throw new RangeError(`image side must be an integer ≥ 2, got ${R}`);
  if (!Number.isInteger(k) || k < 1 || k > R) throw new RangeError(`grid k must be an integer in 1…${R}`);
}

/**
 * One constrained view per sample: a cell chosen uniformly among k² (one draw), then a
 * random-resized box inside that cell only.
 */
export function constrainedBoxes(
  rng: () => number,
  n: number,
  k: number,
  R: number,
  options: CropRanges = {},
): { boxes: Float32Array; cells: Int32Array } {
  checkGrid(k, R);
  const { scale, ratio } = validateCropRanges(options);
  const regions = Array.from({ length: k * k }, (_, cell) => cellRegion(cell, k, R));
  const boxes = new Float32Array(n * 4);
  const cells = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cell = Math.min(k * k - 1, Math.floor(rng() * k * k));
    const { region, regionPx } = regions[cell] as { region: Region; regionPx: RegionPx };
    cells[i] = cell;
    boxes.set(randomResizedBox(rng, region, regionPx, scale, ratio).box, i * 4);
  }
  return { boxes, cells };
}

/** The unconstrained comparison: a random-resized box over the whole mosaic. */
export function wholeBoxes(rng: () => number, n: number, R: number, options: CropRanges = {}): Float32Array {
  checkGrid(1, R);
  const { scale, ratio } = validateCropRanges(options);
  const whole: Region = { y0: 0, x0: 0, y1: 1, x1: 1 };
  const boxes = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    boxes.set(randomResizedBox(rng, whole, { height: R, width: R }, scale, ratio).box, i * 4);
  }
  return boxes;
}

/** 1 = flip horizontally, with probability ½ each (torchvision's default p). Draws nothing when off. */
export function flipFlags(rng: () => number, n: number, enabled: boolean): Uint8Array {
  const flags = new Uint8Array(n);
  if (enabled) for (let i = 0; i < n; i++) flags[i] = rng() < 0.5 ? 1 : 0;
  return flags;
}
