/**
 * One augmented view per sample of a batch (METHODS.md "A — Augment"), as tensor ops: one
 * cropAndResize call for the whole batch does crop, resize and flip. All randomness comes from
 * the caller's seeded generator, drawn in a fixed order (strip orders, boxes, flips), so a
 * seed reproduces every view.
 *
 * The flip is folded into the box: [y1, x2, y2, x1] samples the same points as [y1, x1, y2, x2]
 * right to left (to float rounding, ~1e-6 relative; bit-exact for whole-pixel boxes such as the
 * identity). A separate tf.where over tf.reverse costs 10–25 ms per 128×28×28 batch on wasm
 * (stock Reverse, and the Tile that broadcasts the mask, loop per element); this is free.
 *
 * Policies:
 * - constrained: a cell chosen uniformly, a random-resized crop inside it only, resized to R×R;
 * - whole: the unconstrained comparison, a random-resized crop over the whole mosaic;
 * - shuffle: RDED's pipeline — patch shuffle, then a random-resized crop over the whole image
 *   (RDED uses scale (1/k, 1), which defaultPolicy sets);
 * - none: no crop (only the flip, if on).
 *
 * Crop and flip commute with the per-channel normalisation (bilinear weights sum to 1), so the
 * batch may be raw pixels or normalised floats.
 */
import * as tf from '@tensorflow/tfjs';
import { checkPolicy, drawAugment, mirrorFlagged } from './draws.ts';
import { shuffleStrips, type StripOrders } from './patch-shuffle.ts';
import { DEFAULT_RATIO, DEFAULT_SCALE, type Range } from './ranges.ts';

// The draws are plain JS (draws.ts, also used by the API process's preview); re-exported here
// for the training code that reads them beside the tensor side.
export { drawAugment };

export type AugmentKind = 'constrained' | 'whole' | 'shuffle' | 'none';

export interface AugmentPolicy {
  kind: AugmentKind;
  /** Grid of the stored mosaics (k×k cells); used by 'constrained' and 'shuffle'. */
  k: number;
  scale: Range;
  ratio: Range;
  flip: boolean;
}

export interface AugmentedBatch {
  images: tf.Tensor4D;
  /** The cropAndResize boxes (n×4; x1 > x2 where flipped), or null when the policy does not crop. */
  boxes: Float32Array | null;
  /** Cell of every view under 'constrained', else null. */
  cells: Int32Array | null;
  /** Strip orders under 'shuffle', else null. */
  strips: StripOrders | null;
  /** 1 where the view was flipped. */
  flips: Uint8Array;
}

/** METHODS.md's defaults for a policy; 'shuffle' takes RDED's scale (1/k, 1). */
export function defaultPolicy(kind: AugmentKind, k: number): AugmentPolicy {
  const scale: Range = kind === 'shuffle' ? [1 / k, 1] : DEFAULT_SCALE;
  return { kind, k, scale, ratio: DEFAULT_RATIO, flip: true };
}

function checkInput(images: tf.Tensor4D, policy: AugmentPolicy): number {
  const [, R, width] = images.shape;
  if (images.dtype !== 'float32')
    throw new TypeError(`augmentation needs float32 images, got ${images.dtype}`);
  checkPolicy(policy, R, width);
  return R;
}

/** Whole-image boxes: identity, or mirrored where flagged (exact: every sample is a pixel centre). */
function identityBoxes(flags: Uint8Array): Float32Array {
  const boxes = new Float32Array(flags.length * 4);
  for (let i = 0; i < flags.length; i++) boxes.set([0, 0, 1, 1], i * 4);
  return mirrorFlagged(boxes, flags);
}

function cropBatch(images: tf.Tensor4D, boxes: Float32Array): tf.Tensor4D {
  const [n, h, w] = images.shape;
  return tf.tidy(() =>
    tf.image.cropAndResize(
      images,
      tf.tensor2d(boxes, [n, 4]),
      tf.range(0, n, 1, 'int32') as tf.Tensor1D,
      [h, w],
      'bilinear',
    ),
  );
}

/** Mirrors left-right exactly the samples whose flag is 1; a new tensor either way. */
export function flipBatch(images: tf.Tensor4D, flags: Uint8Array): tf.Tensor4D {
  const n = images.shape[0];
  if (flags.length !== n) throw new RangeError(`${flags.length} flip flags for a batch of ${n}`);
  if (n === 0 || flags.every((f) => !f)) return images.clone();
  return cropBatch(images, identityBoxes(flags));
}

/**
 * Everything random about one batch's views, drawn in JS before any tensor work: training draws
 * these for the whole batch in the trainer, so each data-parallel replica can apply its shard's
 * part and the result does not depend on how the batch was split. `boxes` already hold the flip.
 */
export interface AugmentDraws {
  boxes: Float32Array | null;
  cells: Int32Array | null;
  strips: StripOrders | null;
  flips: Uint8Array;
}

/** The draws of some of the batch's samples (positions within the batch), in that order. */
export function pickDraws(draws: AugmentDraws, positions: ArrayLike<number>): AugmentDraws {
  const n = positions.length;
  const pick = <T extends Int32Array | Uint8Array | Float32Array>(
    from: T,
    width: number,
    make: (len: number) => T,
  ): T => {
    const out = make(n * width);
    for (let i = 0; i < n; i++) {
      const p = positions[i] as number;
      out.set(from.subarray(p * width, (p + 1) * width), i * width);
    }
    return out;
  };
  const strips = draws.strips;
  return {
    boxes: draws.boxes ? pick(draws.boxes, 4, (l) => new Float32Array(l)) : null,
    cells: draws.cells ? pick(draws.cells, 1, (l) => new Int32Array(l)) : null,
    strips: strips
      ? {
          k: strips.k,
          rows: pick(strips.rows, strips.k, (l) => new Int32Array(l)),
          cols: pick(strips.cols, strips.k, (l) => new Int32Array(l)),
        }
      : null,
    flips: pick(draws.flips, 1, (l) => new Uint8Array(l)),
  };
}

/** Applies drawn views to a batch (raw or normalised floats); the caller disposes both. */
export function applyAugment(images: tf.Tensor4D, draws: AugmentDraws): tf.Tensor4D {
  const n = images.shape[0];
  if (draws.flips.length !== n)
    throw new RangeError(`draws for ${draws.flips.length} samples, batch of ${n}`);
  return tf.tidy(() => {
    const shuffled = draws.strips ? shuffleStrips(images, draws.strips) : images;
    if (!draws.boxes || n === 0) return flipBatch(shuffled, draws.flips);
    return cropBatch(shuffled, draws.boxes);
  });
}

/** Augments every sample once and reports what was drawn (the preview and tests use it). */
export function augmentBatchWithInfo(
  images: tf.Tensor4D,
  policy: AugmentPolicy,
  rng: () => number,
): AugmentedBatch {
  const R = checkInput(images, policy);
  const draws = drawAugment(policy, images.shape[0], R, rng);
  return { images: applyAugment(images, draws), ...draws };
}

/** One augmented view per sample; the input is left as it is (the caller disposes both). */
export function augmentBatch(images: tf.Tensor4D, policy: AugmentPolicy, rng: () => number): tf.Tensor4D {
  return augmentBatchWithInfo(images, policy, rng).images;
}
