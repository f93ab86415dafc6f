/**
 * The random part of a batch's views (strip orders, boxes, flips), drawn in JS with no
 * TensorFlow.js import, so the API process (the Augment step's preview) draws exactly what
 * training draws without loading tfjs; augment-batch.ts and patch-shuffle.ts (the tensor side)
 * use these same functions.
 */
import { shuffleInPlace } from '../../../shared/random.ts';
import type { AugmentDraws, AugmentPolicy } from './augment-batch.ts';
import { constrainedBoxes, flipFlags, wholeBoxes } from './boxes.ts';
import type { StripOrders } from './patch-shuffle.ts';
import { validateCropRanges } from './ranges.ts';

/** Per sample: the column order, then the row order (RDED's order), each a Fisher–Yates shuffle. */
export function stripOrders(rng: () => number, n: number, k: number): StripOrders {
  const rows = new Int32Array(n * k);
  const cols = new Int32Array(n * k);
  const identity = Array.from({ length: k }, (_, i) => i);
  for (let s = 0; s < n; s++) {
    cols.set(shuffleInPlace(identity.slice(), rng), s * k);
    rows.set(shuffleInPlace(identity.slice(), rng), s * k);
  }
  return { k, rows, cols };
}

/** Swaps x1 and x2 of every flagged box: the crop then reads right to left. */
export function mirrorFlagged(boxes: Float32Array, flags: Uint8Array): Float32Array {
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i]) continue;
    const x1 = boxes[i * 4 + 1] as number;
    boxes[i * 4 + 1] = boxes[i * 4 + 3] as number;
    boxes[i * 4 + 3] = x1;
  }
  return boxes;
}

/** What augmentBatchWithInfo refuses before drawing: non-square images, a bad k, bad ranges. */
export function checkPolicy(policy: AugmentPolicy, height: number, width: number): void {
  if (height !== width) throw new RangeError(`augmentation needs square images, got ${height}×${width}`);
  const usesGrid = policy.kind === 'constrained' || policy.kind === 'shuffle';
  if (usesGrid && !(Number.isInteger(policy.k) && policy.k >= 1 && policy.k <= height)) {
    throw new RangeError(`grid k must be an integer in 1…${height}, got ${policy.k}`);
  }
  validateCropRanges(policy);
}

/** Draws one batch's views (strip orders, boxes, flips, in that order); boxes hold the flip. */
export function drawAugment(policy: AugmentPolicy, n: number, R: number, rng: () => number): AugmentDraws {
  const crop = { scale: policy.scale, ratio: policy.ratio };
  const strips = policy.kind === 'shuffle' ? stripOrders(rng, n, policy.k) : null;
  let boxes: Float32Array | null = null;
  let cells: Int32Array | null = null;
  if (policy.kind === 'constrained') ({ boxes, cells } = constrainedBoxes(rng, n, policy.k, R, crop));
  else if (policy.kind !== 'none') boxes = wholeBoxes(rng, n, R, crop);
  const flips = flipFlags(rng, n, policy.flip);
  return { boxes: boxes ? mirrorFlagged(boxes, flips) : null, cells, strips, flips };
}
