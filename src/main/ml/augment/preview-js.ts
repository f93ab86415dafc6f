/**
 * Views of one stored image under a policy, for the Augment step's live preview, in plain JS:
 * the API process answers it and runs no tensor work. The views are training's: the draws are
 * training's own (draws.ts, one generator seeded by `seed`), the crop equals its crop-and-resize
 * (crop-resize-js.ts), and the patch shuffle is a pure gather, so it is exact. Tests compare it
 * with training's tensor code (tests/helpers/tensor-preview.ts).
 */
import { cellSpan } from '../../../shared/mosaic-cells.ts';
import { createRng } from '../../../shared/random.ts';
import type { AugmentPolicy } from './augment-batch.ts';
import { cropAndResizeJs, toBytes } from './crop-resize-js.ts';
import { checkPolicy, drawAugment } from './draws.ts';
import type { StripOrders } from './patch-shuffle.ts';

type Shape = readonly [number, number, number];

export interface PreviewViews {
  /** `count` views, each R×R×C bytes in the stored image's layout. */
  views: Uint8Array[];
  /** Cell of each view under 'constrained' (to label the preview), else null. */
  cells: Int32Array | null;
  flips: Uint8Array;
}

/** Source pixel index of each output index along an axis: sample s's strips in their order. */
function stripMap(order: Int32Array, s: number, k: number, R: number): Int32Array {
  const map = new Int32Array(R);
  let out = 0;
  for (let p = 0; p < k; p++) {
    const [start, end] = cellSpan(order[s * k + p] as number, k, R);
    for (let v = start; v < end; v++) map[out++] = v;
  }
  return map;
}

/**
 * Sample s's patch shuffle (patch-shuffle.ts's shuffleStrips: rows in the row order, then
 * columns in the column order): out[y][x] = in[rows[y]][cols[x]].
 */
export function shuffleStripsJs(image: Uint8Array, shape: Shape, orders: StripOrders, s: number): Uint8Array {
  const [R, , c] = shape;
  const { k } = orders;
  const rows = stripMap(orders.rows, s, k, R);
  const cols = stripMap(orders.cols, s, k, R);
  const out = new Uint8Array(image.length);
  for (let y = 0; y < R; y++) {
    const from = (rows[y] as number) * R * c;
    for (let x = 0; x < R; x++) {
      const src = from + (cols[x] as number) * c;
      const dst = (y * R + x) * c;
      for (let ch = 0; ch < c; ch++) out[dst + ch] = image[src + ch] as number;
    }
  }
  return out;
}

/** The whole image, mirrored left to right (every sample a pixel centre: exact). */
const MIRROR: readonly number[] = [0, 1, 1, 0];

export function previewViewsJs(
  image: Uint8Array,
  shape: Shape,
  policy: AugmentPolicy,
  seed: number,
  count: number,
): PreviewViews {
  const [h, w, c] = shape;
  const size = h * w * c;
  if (image.length !== size)
    throw new RangeError(`image has ${image.length} bytes, ${shape.join('×')} needs ${size}`);
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`view count must be a whole number, got ${count}`);
  checkPolicy(policy, h, w);
  const { boxes, cells, strips, flips } = drawAugment(policy, count, h, createRng(seed));
  const views = Array.from({ length: count }, (_, i) => {
    const source = strips ? shuffleStripsJs(image, shape, strips, i) : image;
    if (boxes) return toBytes(cropAndResizeJs(source, shape, boxes.subarray(i * 4, i * 4 + 4), [h, w]));
    // No crop: only the flip (augment-batch.ts's flipBatch, an exact mirror), else the image.
    return flips[i] ? toBytes(cropAndResizeJs(source, shape, MIRROR, [h, w])) : source.slice();
  });
  return { views, cells, flips };
}
