/**
 * The tensor part of DM, distribution matching (Zhao & Bilen, "Dataset Condensation with
 * Distribution Matching"; METHODS.md, "Distillation baseline: DM"): pixels in, pixels out.
 *
 * Every iteration builds a fresh, randomly initialised embedder — ConvNet-depth (conv 3×3 →
 * instance norm → ReLU → 2×2 avg-pool blocks) without its dense layer, i.e. the flattened
 * penultimate features — seeded by (seed, iteration), and for every class samples a batch of its
 * real images seeded by (seed, iteration, class id). The loss is
 *   Σ_c ‖mean(embed(real_c)) − mean(embed(syn_c))‖²
 * and SGD with momentum (PyTorch's rule: buf ← μ·buf + g, x ← x − lr·buf) moves the synthetic
 * pixels only; the embedder is never trained. Pixels are optimised in the classifier's
 * normalised space ((x/255 − mean)/std per channel, pixel-batch.ts).
 *
 * No DSA augmentation (the paper applies differentiable Siamese augmentation to real and
 * synthetic batches alike); it could be added later as a parameter.
 *
 * Memory stays bounded for any IPC: real batches are embedded in chunks, and when the synthetic
 * images do not fit one chunk, each class's mean embedding is a sum over chunks (no gradient),
 * then the gradient is taken chunk by chunk of ⟨embed(chunk), 2·(mean_c − real_c)/n_c⟩, whose
 * gradient with respect to the chunk's pixels equals the loss's. The chunks depend only on the
 * image size and width, and embeddings are per image (instance norm, no batch statistics), so a
 * class's images never depend on another class's data, and a run is a deterministic function
 * of its inputs and seed; resuming from a state gives the uninterrupted run's pixels exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../shared/random';
import type { InputNorm } from '../../ml/models/classifier';
import { ConvNet } from '../../ml/models/convnet';
import { normLookup, pixelBatch, type ImageShape } from '../../ml/pixel-batch';

export interface DmClass {
  /** Stable id of the class (the dataset's class index): it seeds the class's real batches. */
  id: number;
  /** The class's real images, uint8 N×H×W×C. */
  real: Uint8Array;
  realCount: number;
  /** How many of the synthetic images (consecutive, in class order) are this class's. */
  synCount: number;
}

/** Where an optimisation stands after `iteration` completed iterations. */
export interface DmState {
  iteration: number;
  /** The synthetic images, normalised, float32 N×H×W×C, classes in order. */
  pixels: Float32Array;
  /** The SGD momentum buffer, same layout. */
  momentum: Float32Array;
}

export interface DmSynthOptions {
  shape: ImageShape;
  classes: readonly DmClass[];
  norm: InputNorm;
  /** Starting synthetic images, normalised (ignored when `resume` is given). */
  init: Float32Array;
  /** Total iterations (a resumed run continues up to the same total). */
  iterations: number;
  lr: number;
  momentum: number;
  realBatch: number;
  width: number;
  depth: number;
  seed: number;
  resume?: DmState | null;
  /** After each iteration (1-based count of completed ones) with the loss it measured before its update. */
  onIteration?: (iteration: number, loss: number, state: () => DmState) => void;
  /** Checked before every iteration. */
  shouldStop?: () => boolean;
  /** Images per forward/backward chunk; default `chunkRows(shape, width)` (tests set it small). */
  chunk?: number;
}

export interface DmSynthResult extends DmState {
  /** True when `shouldStop` ended the run before `iterations`. */
  stopped: boolean;
}

/** Activation bytes one image may cost in a chunk (first block, float32, with saved tensors). */
const BYTES_PER_ACTIVATION = 4 * 8;
const CHUNK_BYTES = 256 * 1024 * 1024;

/** Images per forward/backward chunk: a function of the image size and width only. */
export function chunkRows(shape: ImageShape, width: number): number {
  return Math.max(1, Math.floor(CHUNK_BYTES / (shape[0] * shape[1] * width * BYTES_PER_ACTIVATION)));
}

function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** The seed of iteration `iteration`'s embedder (0-based). */
export function embedderSeed(seed: number, iteration: number): number {
  return mix(seed, 0xe3bed, iteration);
}

/** The real images a class uses at an iteration: a seeded sample without replacement, or all. */
export function realBatchIndices(
  seed: number,
  iteration: number,
  classId: number,
  count: number,
  batch: number,
): Int32Array {
  const all = Int32Array.from({ length: count }, (_, i) => i);
  if (count <= batch) return all;
  const rng = createRng(mix(seed, 0x7ea1, iteration, classId));
  for (let i = 0; i < batch; i++) {
    const j = i + Math.floor(rng() * (count - i));
    const t = all[i] as number;
    all[i] = all[j] as number;
    all[j] = t;
  }
  return all.slice(0, batch);
}

/** uint8 pixels → normalised float32 (the classifier's input normalisation). */
export function normalisePixels(pixels: Uint8Array, norm: InputNorm): Float32Array {
  const luts = normLookup(norm);
  const c = norm.mean.length;
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++)
    out[i] = (luts[i % c] as Float32Array)[pixels[i] as number] as number;
  return out;
}

/** Normalised float32 → uint8 pixels: de-normalised, ×255, rounded, clamped to [0, 255]. */
export function denormalisePixels(values: Float32Array, norm: InputNorm): Uint8Array {
  const c = norm.mean.length;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = i % c;
    const v = ((values[i] as number) * (norm.std[k] as number) + (norm.mean[k] as number)) * 255;
    out[i] = Math.min(255, Math.max(0, Math.round(v)));
  }
  return out;
}

/** Sum of a class's real-batch embeddings divided by the batch size: the target mean [F]. */
function realMean(
  net: ConvNet,
  cls: DmClass,
  indices: Int32Array,
  shape: ImageShape,
  luts: Float32Array[],
  rows: number,
): tf.Tensor1D {
  let sum: tf.Tensor1D | null = null;
  for (let start = 0; start < indices.length; start += rows) {
    const part = indices.subarray(start, Math.min(indices.length, start + rows));
    const chunk = tf.tidy(() => tf.sum(net.features(pixelBatch(cls.real, part, shape, luts)), 0));
    if (sum) {
      const next: tf.Tensor1D = tf.add(sum, chunk);
      sum.dispose();
      chunk.dispose();
      sum = next;
    } else sum = chunk as tf.Tensor1D;
  }
  const mean = tf.div(sum as tf.Tensor1D, indices.length) as tf.Tensor1D;
  sum?.dispose();
  return mean;
}

/**
 * One DM iteration on the synthetic tensor `syn` (normalised, all classes): the loss and its
 * gradient with respect to `syn`. Caller disposes the gradient. `targets` are the classes' real
 * mean embeddings.
 */
function lossAndGradient(
  net: ConvNet,
  syn: tf.Tensor4D,
  classes: readonly DmClass[],
  targets: readonly tf.Tensor1D[],
  rows: number,
): { loss: number; grad: tf.Tensor4D } {
  const total = syn.shape[0];
  if (total <= rows) {
    // Everything fits one chunk: the loss as written, one forward and one backward pass.
    const { value, grad } = tf.tidy(() =>
      tf.valueAndGrad((x: tf.Tensor) => {
        const e = net.features(x as tf.Tensor4D);
        let offset = 0;
        const terms = classes.map((cls, k) => {
          const mean = tf.mean(tf.slice(e, [offset, 0], [cls.synCount, -1]), 0);
          offset += cls.synCount;
          return tf.sum(tf.square(tf.sub(mean, targets[k] as tf.Tensor1D)));
        });
        return tf.addN(terms);
      })(syn),
    );
    const loss = value.dataSync()[0] as number;
    value.dispose();
    return { loss, grad: grad as tf.Tensor4D };
  }
  return chunkedLossAndGradient(net, syn, classes, targets, rows);
}

/**
 * The same loss and gradient for synthetic sets larger than a chunk: per class the synthetic
 * mean (chunked, no gradient) and the coefficient 2·(mean_syn − mean_real)/n, then per chunk the
 * gradient of ⟨embed(chunk), coefficient of each row's class⟩.
 */
function chunkedLossAndGradient(
  net: ConvNet,
  syn: tf.Tensor4D,
  classes: readonly DmClass[],
  targets: readonly tf.Tensor1D[],
  rows: number,
): { loss: number; grad: tf.Tensor4D } {
  const [total, h, w, c] = syn.shape;
  const coefficients: tf.Tensor1D[] = [];
  const losses: tf.Scalar[] = [];
  let offset = 0;
  try {
    classes.forEach((cls, k) => {
      const n = cls.synCount;
      const [coef, loss] = tf.tidy(() => {
        let sum: tf.Tensor1D | null = null;
        for (let start = 0; start < n; start += rows) {
          const m = Math.min(rows, n - start);
          const part = tf.sum(net.features(tf.slice(syn, [offset + start, 0, 0, 0], [m, h, w, c])), 0);
          sum = sum ? (tf.add(sum, part) as tf.Tensor1D) : (part as tf.Tensor1D);
        }
        const diff = tf.sub(tf.div(sum as tf.Tensor1D, n), targets[k] as tf.Tensor1D);
        return [tf.mul(diff, 2 / n) as tf.Tensor1D, tf.sum(tf.square(diff)) as tf.Scalar];
      });
      coefficients.push(coef);
      losses.push(loss);
      offset += n;
    });
    const loss = tf.tidy(() => tf.addN(losses).dataSync()[0] as number);

    const rowClass: number[] = [];
    classes.forEach((cls, k) => {
      for (let i = 0; i < cls.synCount; i++) rowClass.push(k);
    });
    const perClass = tf.stack(coefficients) as tf.Tensor2D;
    const parts: tf.Tensor4D[] = [];
    try {
      for (let start = 0; start < total; start += rows) {
        const m = Math.min(rows, total - start);
        parts.push(
          tf.tidy(() => {
            const weights = tf.gather(perClass, tf.tensor1d(rowClass.slice(start, start + m), 'int32'));
            const chunk = tf.slice(syn, [start, 0, 0, 0], [m, h, w, c]);
            const g = tf.grad((x) => tf.sum(tf.mul(net.features(x as tf.Tensor4D), weights)));
            return g(chunk) as tf.Tensor4D;
          }),
        );
      }
      const grad = parts.length === 1 ? (parts[0] as tf.Tensor4D) : (tf.concat(parts, 0) as tf.Tensor4D);
      if (parts.length > 1) for (const p of parts) p.dispose();
      parts.length = 0;
      return { loss, grad };
    } catch (error) {
      for (const p of parts) p.dispose();
      throw error;
    } finally {
      perClass.dispose();
    }
  } finally {
    for (const t of coefficients) t.dispose();
    for (const t of losses) t.dispose();
  }
}

/**
 * Runs DM from `init` (or `resume`) up to `iterations`, or until `shouldStop`. Returns the
 * synthetic images and momentum buffer (normalised float32) after the last completed iteration.
 */
export function synthesiseDm(o: DmSynthOptions): DmSynthResult {
  const [h, w, c] = o.shape;
  const size = h * w * c;
  const total = o.classes.reduce((s, cls) => s + cls.synCount, 0);
  const start = o.resume ?? { iteration: 0, pixels: o.init, momentum: new Float32Array(total * size) };
  if (start.pixels.length !== total * size || start.momentum.length !== total * size)
    throw new RangeError(
      `DM state holds ${start.pixels.length} values, expected ${total * size} (${total} images of ${o.shape.join('×')})`,
    );
  if (o.norm.mean.length !== c || o.norm.std.length !== c)
    throw new RangeError(`input normalisation needs ${c} channel(s)`);
  for (const cls of o.classes)
    if (cls.real.length !== cls.realCount * size || cls.realCount < 1)
      throw new RangeError(
        `class ${cls.id}: ${cls.real.length} real pixel values for ${cls.realCount} images`,
      );
  const luts = normLookup(o.norm);
  const rows = o.chunk ?? chunkRows(o.shape, o.width);
  let syn = tf.tensor4d(start.pixels, [total, h, w, c]);
  let buf = tf.tensor4d(start.momentum, [total, h, w, c]);
  let iteration = start.iteration;
  // Copies: a backend may hand out its own buffer.
  const state = (): DmState => ({
    iteration,
    pixels: Float32Array.from(syn.dataSync()),
    momentum: Float32Array.from(buf.dataSync()),
  });
  try {
    while (iteration < o.iterations) {
      if (o.shouldStop?.()) return { ...state(), stopped: true };
      const net = new ConvNet({
        inputShape: o.shape,
        classes: 1,
        width: o.width,
        depth: o.depth,
        norm: 'instance',
        seed: embedderSeed(o.seed, iteration),
      });
      let loss: number;
      try {
        const targets: tf.Tensor1D[] = [];
        let step: { loss: number; grad: tf.Tensor4D };
        try {
          for (const cls of o.classes) {
            const indices = realBatchIndices(o.seed, iteration, cls.id, cls.realCount, o.realBatch);
            targets.push(realMean(net, cls, indices, o.shape, luts, rows));
          }
          step = lossAndGradient(net, syn, o.classes, targets, rows);
        } finally {
          for (const t of targets) t.dispose();
        }
        loss = step.loss;
        const [nextSyn, nextBuf] = tf.tidy(() => {
          const b = tf.add(tf.mul(buf, o.momentum), step.grad);
          return [tf.sub(syn, tf.mul(b, o.lr)), b];
        });
        step.grad.dispose();
        syn.dispose();
        buf.dispose();
        syn = nextSyn as tf.Tensor4D;
        buf = nextBuf as tf.Tensor4D;
      } finally {
        net.dispose();
      }
      iteration++;
      o.onIteration?.(iteration, loss, state);
    }
    return { ...state(), stopped: false };
  } finally {
    syn.dispose();
    buf.dispose();
  }
}
