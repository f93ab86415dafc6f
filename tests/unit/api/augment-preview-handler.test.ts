/**
 * sets.previewViews' handler (plain JS since it stopped running TensorFlow.js in the API
 * process) answers as before: the same fields, and views that decode to the tensor preview's
 * views (the wasm backend's, training's) within 1/255, with the same cells and flips.
 */
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { augmentHandlers } from '../../../src/main/api/augment-handlers.ts';
import type { ProjectRegistry } from '../../../src/main/api/project-registry.ts';
import type { SetPixels } from '../../../src/main/compress/set-pixels.ts';
import { previewViews } from '../../helpers/tensor-preview.ts';
import { initTensorBackend } from '../../../src/main/ml/backend.ts';
import { methods } from '../../../src/shared/api/contract.ts';
import { createRng } from '../../../src/shared/random.ts';

const sets = new Map<number, SetPixels>();
vi.mock('../../../src/main/compress/set-pixels.ts', () => ({
  readSetPixels: (_db: unknown, _paths: unknown, setId: number) => sets.get(setId),
}));

function storedSet(setId: number, grid: number, shape: [number, number, number], count: number): SetPixels {
  const rng = createRng(setId);
  const images = Uint8Array.from({ length: count * shape[0] * shape[1] * shape[2] }, () =>
    Math.floor(rng() * 256),
  );
  const labels = Int32Array.from({ length: count }, (_, i) => i % 10);
  return { setId, datasetId: 1, selectionId: 1, grid, shape, images, labels, count };
}

async function decode(dataUrl: string, channels: number): Promise<Uint8Array> {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  // Grayscale PNGs decode as sRGB unless asked for one channel.
  const image = channels === 1 ? sharp(png).toColourspace('b-w') : sharp(png);
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(channels);
  return new Uint8Array(data);
}

const registry = { get: () => ({ db: null, paths: null }) } as unknown as ProjectRegistry;
const handler = augmentHandlers(registry)['sets.previewViews'];

describe('sets.previewViews handler', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initTensorBackend({ prefer: 'wasm' });
    sets.set(1, storedSet(1, 1, [28, 28, 1], 4));
    sets.set(2, storedSet(2, 2, [64, 64, 3], 3));
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  for (const [setId, augment] of [
    [1, 'whole'],
    [1, 'none'],
    [2, 'constrained'],
    [2, 'shuffle'],
  ] as const) {
    it(`set ${setId}, ${augment}: the answer's fields, and the tensor preview's views`, async () => {
      const params = methods['sets.previewViews'].params.parse({
        project: 'p',
        setId,
        position: 2,
        augment,
        seed: 5,
      });
      const answer = await handler(params);
      const set = sets.get(setId) as SetPixels;
      const [h, w, c] = set.shape;
      expect(Object.keys(answer).sort()).toEqual([
        'classIndex',
        'grid',
        'original',
        'position',
        'setId',
        'views',
      ]);
      expect(answer).toMatchObject({ setId, position: 2, classIndex: 2, grid: set.grid });
      const image = set.images.subarray(2 * h * w * c, 3 * h * w * c);
      expect(await decode(answer.original, c)).toEqual(image);
      const policy = {
        kind: augment,
        k: set.grid,
        scale: params.cropScale,
        ratio: params.cropRatio,
        flip: params.flip,
      };
      const ref = previewViews(image, set.shape, policy, params.seed, params.count);
      expect(answer.views).toHaveLength(8);
      for (const [i, view] of answer.views.entries()) {
        expect(Object.keys(view).sort()).toEqual(['cell', 'dataUrl', 'flipped']);
        expect(view.cell).toBe(ref.cells ? ref.cells[i] : null);
        expect(view.flipped).toBe(ref.flips[i] === 1);
        const pixels = await decode(view.dataUrl, c);
        const expected = ref.views[i] as Uint8Array;
        expect(pixels.length).toBe(expected.length);
        expect(pixels.every((v, p) => Math.abs(v - (expected[p] as number)) <= 1)).toBe(true);
      }
    });
  }

  it('still refuses a position past the end', async () => {
    const params = methods['sets.previewViews'].params.parse({ project: 'p', setId: 2, position: 3 });
    await expect(handler(params)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
