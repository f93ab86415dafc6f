/**
 * scoreCrops on the wasm backend against a crop cut out by hand: each loss must be the teacher's
 * cross-entropy of exactly that crop's pixels resized to the full image (align-corners bilinear),
 * so a box off by one pixel (reading a neighbour of the crop) would show.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreCrops } from '../../../../src/main/compress/rded/crop-scorer';
import { sampleCropPositions } from '../../../../src/main/compress/rded/rded-crops';
import { initTensorBackend } from '../../../../src/main/ml/backend';
import { ConvNet } from '../../../../src/main/ml/models/convnet';
import { normLookup, pixelBatch } from '../../../../src/main/ml/pixel-batch';
import { Teacher } from '../../../../src/main/ml/soft-labels';
import { createRng } from '../../../../src/shared/random';

beforeAll(async () => {
  await initTensorBackend();
});

describe('scoreCrops', () => {
  it("gives the teacher's cross-entropy of each exact crop resized to the image size", async () => {
    const R = 12;
    const shape: [number, number, number] = [R, R, 1];
    const net = new ConvNet({ inputShape: shape, classes: 3, width: 4, depth: 2, seed: 5 });
    const norm = { mean: [0.4], std: [0.3] };
    const teacher = new Teacher({
      model: net.spec,
      weights: net.getWeights(),
      inputNorm: norm,
      temperature: 1,
    });
    net.dispose();
    const rng = createRng(11);
    const n = 5;
    const m = 3;
    const images = Uint8Array.from({ length: n * R * R }, () => Math.floor(rng() * 256));
    const crop = { height: 6, width: 6 };
    const positions = sampleCropPositions(rng, n * m, R, R, crop);
    const progress: number[] = [];
    const losses = await scoreCrops({
      teacher,
      norm,
      images,
      shape,
      label: 2,
      positions,
      crop,
      cropsPerImage: m,
      shouldStop: () => false,
      onProgress: (done) => progress.push(done),
    });
    expect(progress.at(-1)).toBe(n * m);
    const luts = normLookup(norm);
    const lossOf = (image: number, top: number, left: number) =>
      tf.tidy(() => {
        const x = pixelBatch(images, [image], shape, luts);
        const cut = tf.slice(x, [0, top, left, 0], [1, crop.height, crop.width, 1]);
        const resized = tf.image.resizeBilinear(cut as tf.Tensor4D, [R, R], true);
        return -(teacher.logProbs(resized, norm).arraySync()[0]?.[2] as number);
      });
    let shiftedApart = 0;
    for (let c = 0; c < n * m; c++) {
      const image = Math.floor(c / m);
      const [top, left] = [positions[c * 2] as number, positions[c * 2 + 1] as number];
      // The 1/1000-px edge margin moves samples by at most ~0.003 normalised units on this noise.
      const diff = Math.abs((losses[c] as number) - lossOf(image, top, left));
      expect(diff).toBeLessThan(2e-3);
      // The same crop one pixel down or up (what an off-by-one box would read) is far off.
      const shifted = Math.abs(
        (losses[c] as number) - lossOf(image, top < R - crop.height ? top + 1 : top - 1, left),
      );
      if (shifted > 10 * diff + 2e-3) shiftedApart++;
    }
    expect(shiftedApart).toBeGreaterThanOrEqual(n * m - 1);
    teacher.dispose();
  });
});
