/**
 * The teacher's cross-entropy on the true class of every crop of one class's candidates, as RDED
 * scores its patches: each crop resized to the full image size (bilinear cropAndResize, so the
 * teacher sees the input size it was trained on), one batched forward pass per group of images.
 */
import * as tf from '@tensorflow/tfjs';
import { ApiError } from '../../../shared/rpc/errors';
import { pixelBatch, normLookup, type ImageShape } from '../../ml/pixel-batch';
import type { Teacher } from '../../ml/soft-labels';
import type { InputNorm } from '../../ml/models/convnet';
import { cropBoxes, type CropSize } from './rded-crops';

/**
 * Crop pixels per forward pass (128 views of 32×32): the activations of a width-128 first layer
 * stay near 70 MB whatever the image size, and a batch is still large enough for the kernels.
 */
const PIXELS_PER_BATCH = 128 * 32 * 32;

export interface CropScoreRequest {
  /** A temperature-1 teacher. */
  teacher: Teacher;
  /** The teacher's own input normalisation (pixels are normalised with it, so no re-mapping). */
  norm: InputNorm;
  /** The candidates' pixels, N×H×W×C uint8. */
  images: Uint8Array;
  shape: ImageShape;
  label: number;
  /** cropsPerImage [top, left] pairs per candidate, candidate-major. */
  positions: Int32Array;
  crop: CropSize;
  cropsPerImage: number;
  shouldStop: () => boolean;
  onProgress: (done: number, total: number) => void;
}

/** Losses image-major: candidate i, crop j at i·cropsPerImage + j. */
export async function scoreCrops(req: CropScoreRequest): Promise<Float32Array> {
  const [height, width] = req.shape;
  const m = req.cropsPerImage;
  const n = req.positions.length / 2 / m;
  const total = n * m;
  const luts = normLookup(req.norm);
  const losses = new Float32Array(total);
  const cropsPerBatch = Math.max(m, Math.floor(PIXELS_PER_BATCH / (height * width)));
  const perBatch = Math.max(1, Math.floor(cropsPerBatch / m));
  for (let start = 0; start < n; start += perBatch) {
    const end = Math.min(n, start + perBatch);
    const boxes = cropBoxes(req.positions.subarray(start * m * 2, end * m * 2), req.crop, height, width);
    const boxInd = Int32Array.from({ length: (end - start) * m }, (_, c) => Math.floor(c / m));
    const rows = Array.from({ length: end - start }, (_, i) => start + i);
    const loss = tf.tidy(() => {
      const x = pixelBatch(req.images, rows, req.shape, luts);
      const views = tf.image.cropAndResize(
        x,
        tf.tensor2d(boxes, [boxInd.length, 4]),
        tf.tensor1d(boxInd, 'int32'),
        [height, width],
        'bilinear',
      );
      const logProbs = req.teacher.logProbs(views, req.norm);
      return tf.neg(tf.slice(logProbs, [0, req.label], [boxInd.length, 1]));
    });
    losses.set(loss.dataSync() as Float32Array, start * m);
    loss.dispose();
    req.onProgress(end * m, total);
    // Yield so a cancel request (IPC) can flip shouldStop between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (req.shouldStop()) throw new ApiError('cancelled', 'cancelled');
  }
  return losses;
}
