import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorBackend } from '../../../src/main/ml/backend.ts';
import { splitRows } from '../../../src/main/ml/parallel/data-parallel.ts';
import { trainClassifier, type BatchProbabilities } from '../../../src/main/ml/train.ts';
import { createRng } from '../../../src/shared/random.ts';
import { ApiError } from '../../../src/shared/rpc/errors.ts';

function stripes(count: number, seed: number): { images: Uint8Array; labels: Int32Array } {
  const rng = createRng(seed);
  const images = new Uint8Array(count * 64);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % 2;
    labels[i] = k;
    for (let p = 0; p < 64; p++) {
      const bright = k === 0 ? Math.floor(p / 8) % 2 === 0 : p % 2 === 0;
      images[i * 64 + p] = Math.round((bright ? 160 : 40) + rng() * 60);
    }
  }
  return { images, labels };
}

describe('data-parallel training', () => {
  beforeAll(async () => {
    await initTensorBackend({ prefer: 'wasm' });
  });

  it('splits a batch into contiguous near-equal shards', () => {
    expect(splitRows([1, 2, 3, 4, 5], 2)).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(splitRows([7], 2)).toEqual([[7], []]);
    expect(splitRows([], 3)).toEqual([[], [], []]);
  });

  it('two replicas train the same model as one (up to float rounding) and leak nothing', async () => {
    const data = stripes(24, 1);
    const base = {
      ...data,
      shape: [8, 8, 1] as [number, number, number],
      classes: 2,
      width: 4,
      depth: 2,
      epochs: 3,
      batchSize: 7,
      seed: 5,
    };
    const before = tf.memory().numTensors;
    const probs: Array<Map<number, number[]>> = [new Map(), new Map()];
    const record = (k: number) => (p: BatchProbabilities) =>
      p.rows.forEach((row, i) => probs[k]?.set(row, Array.from(p.probabilities.subarray(i * 2, i * 2 + 2))));
    const one = await trainClassifier({ ...base, threads: 1, onBatchProbabilities: record(0) });
    const two = await trainClassifier({ ...base, threads: 2, onBatchProbabilities: record(1) });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(two.threadsNote).toBeNull();
    expect(two.steps).toBe(one.steps);
    two.losses.forEach((l, i) => expect(l).toBeCloseTo(one.losses[i] as number, 4));
    // The softmax of the last epoch's training passes, per image, agrees between the two.
    expect(probs[1]?.size).toBe(24);
    for (const [row, p] of probs[0] ?? []) {
      expect(p[0]! + p[1]!).toBeCloseTo(1, 5);
      p.forEach((v, c) => expect(v).toBeCloseTo(probs[1]?.get(row)?.[c] as number, 3));
    }
    const w1 = one.model.getWeights();
    const w2 = two.model.getWeights();
    w2.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo((w1[i] as Float32Array)[j] as number, 3)));
    one.model.dispose();
    two.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('falls back to one thread with a note when the worker cannot start', async () => {
    process.env['DATAPRESS_REPLICA_WORKER'] = '/nonexistent/replica-worker.js';
    try {
      const data = stripes(8, 3);
      const result = await trainClassifier({
        ...data,
        shape: [8, 8, 1],
        classes: 2,
        width: 4,
        depth: 2,
        epochs: 1,
        batchSize: 4,
        seed: 1,
        threads: 2,
      });
      expect(result.threads).toBe(1);
      expect(result.threadsNote).toMatch(/could not start training workers/);
      expect(result.steps).toBe(2);
      result.model.dispose();
    } finally {
      delete process.env['DATAPRESS_REPLICA_WORKER'];
    }
  });

  it('keeps batch norm on one thread (whole-batch statistics)', async () => {
    const data = stripes(8, 4);
    const result = await trainClassifier({
      ...data,
      shape: [8, 8, 1],
      classes: 2,
      width: 4,
      depth: 2,
      norm: 'batch',
      epochs: 1,
      batchSize: 4,
      seed: 1,
      threads: 2,
    });
    expect(result.threads).toBe(1);
    expect(result.threadsNote).toMatch(/batch norm/);
    result.model.dispose();
  });

  it('cancels cleanly with a worker running', async () => {
    const data = stripes(16, 2);
    const before = tf.memory().numTensors;
    let steps = 0;
    const run = trainClassifier({
      ...data,
      shape: [8, 8, 1],
      classes: 2,
      width: 4,
      depth: 2,
      epochs: 10,
      batchSize: 4,
      seed: 1,
      threads: 2,
      onProgress: () => (steps += 1),
      shouldStop: () => steps >= 2,
    });
    await expect(run).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.code === 'cancelled');
    expect(tf.memory().numTensors).toBe(before);
  });
});
