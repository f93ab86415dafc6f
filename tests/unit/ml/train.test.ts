import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTensorBackend } from '../../../src/main/ml/backend.ts';
import { evaluate, trainClassifier } from '../../../src/main/ml/train.ts';
import { createRng } from '../../../src/shared/random.ts';
import { ApiError } from '../../../src/shared/rpc/errors.ts';

/** Class k = which quadrant of an 8×8 grey image is bright, with noise everywhere. */
function quadrantTask(count: number, seed: number): { images: Uint8Array; labels: Int32Array } {
  const rng = createRng(seed);
  const images = new Uint8Array(count * 64);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % 4;
    labels[i] = k;
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        const inside = (y < 4 ? 0 : 2) + (x < 4 ? 0 : 1) === k;
        images[i * 64 + y * 8 + x] = Math.round((inside ? 150 : 40) + rng() * 80);
      }
    }
  }
  return { images, labels };
}

describe('trainClassifier / evaluate', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initTensorBackend({ prefer: 'wasm' });
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it('learns a small learnable task to >90% on held-out images within seconds (wasm)', async () => {
    const train = quadrantTask(40, 1);
    const test = quadrantTask(40, 2);
    const progress: number[] = [];
    const started = performance.now();
    const result = await trainClassifier({
      ...train,
      shape: [8, 8, 1],
      classes: 4,
      width: 8,
      depth: 2,
      epochs: 30,
      batchSize: 16,
      seed: 3,
      onProgress: (p) => progress.push(p.step),
    });
    expect((performance.now() - started) / 1000).toBeLessThan(10);
    expect(result.epochs).toBe(30);
    expect(result.steps).toBe(30 * 3); // 40 images, batch 16: 16 + 16 + 8
    expect(progress.at(-1)).toBe(90);
    expect(result.losses).toHaveLength(30);
    expect(result.losses.at(-1)).toBeLessThan(result.losses[0] as number);
    expect(result.imagesPerSecond).toBeGreaterThan(0);
    const evalResult = evaluate(result.model, test.images, test.labels, [8, 8, 1], 4);
    expect(evalResult.accuracy).toBeGreaterThan(0.9);
    expect(evalResult.confusion.flat().reduce((a, b) => a + b, 0)).toBe(40);
    expect(evalResult.perClassAccuracy).toHaveLength(4);
    result.model.dispose();
  });

  it('is reproducible for a seed', async () => {
    const data = quadrantTask(12, 4);
    const run = () =>
      trainClassifier({
        ...data,
        shape: [8, 8, 1],
        classes: 4,
        width: 4,
        depth: 2,
        epochs: 2,
        batchSize: 5,
        seed: 9,
      });
    const a = await run();
    const b = await run();
    expect(b.losses).toEqual(a.losses);
    expect(b.model.getWeights()).toEqual(a.model.getWeights());
    a.model.dispose();
    b.model.dispose();
  });

  it('leaks no tensors: only the model variables remain, none after dispose', async () => {
    const data = quadrantTask(10, 5);
    const seen: number[] = [];
    const before = tf.memory().numTensors;
    const result = await trainClassifier({
      ...data,
      shape: [8, 8, 1],
      classes: 4,
      width: 4,
      depth: 2,
      epochs: 2,
      batchSize: 4,
      seed: 1,
      onBatchProbabilities: (p) => seen.push(p.probabilities.length / p.rows.length),
    });
    expect(seen).toEqual([4, 4, 4, 4, 4, 4]); // 10 images in batches 4+4+2, 2 epochs, 4 classes
    expect(tf.memory().numTensors - before).toBe(result.model.trainable.length);
    evaluate(result.model, data.images, data.labels, [8, 8, 1], 4, 3);
    expect(tf.memory().numTensors - before).toBe(result.model.trainable.length);
    result.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between steps when asked, frees everything and throws cancelled', async () => {
    const data = quadrantTask(20, 6);
    const before = tf.memory().numTensors;
    let steps = 0;
    const run = trainClassifier({
      ...data,
      shape: [8, 8, 1],
      classes: 4,
      width: 4,
      depth: 2,
      epochs: 5,
      batchSize: 4,
      seed: 1,
      onProgress: () => (steps += 1),
      shouldStop: () => steps >= 3,
    });
    await expect(run).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 'cancelled');
    expect(steps).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects inconsistent inputs', async () => {
    const data = quadrantTask(4, 7);
    const base = {
      shape: [8, 8, 1] as [number, number, number],
      classes: 4,
      width: 4,
      epochs: 1,
      batchSize: 2,
      seed: 0,
    };
    await expect(
      trainClassifier({ ...base, images: data.images, labels: new Int32Array(3) }),
    ).rejects.toThrow(/labels/);
    await expect(
      trainClassifier({ ...base, images: new Uint8Array(10), labels: data.labels }),
    ).rejects.toThrow(/whole number/);
  });
});
