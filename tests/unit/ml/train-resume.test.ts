import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTensorBackend } from '../../../src/main/ml/backend.ts';
import { trainClassifier, type TrainCheckpoint, type TrainOptions } from '../../../src/main/ml/train.ts';
import { createRng } from '../../../src/shared/random.ts';

/** Noisy 8×8 images whose class is the bright quadrant. */
function task(count: number): Pick<TrainOptions, 'images' | 'labels'> {
  const rng = createRng(11);
  const images = new Uint8Array(count * 64);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 4;
    for (let p = 0; p < 64; p++) {
      const quadrant = (p >= 32 ? 2 : 0) + (p % 8 >= 4 ? 1 : 0);
      images[i * 64 + p] = Math.round((quadrant === i % 4 ? 150 : 40) + rng() * 80);
    }
  }
  return { images, labels };
}

const flat = (weights: Float32Array[]) => Array.from(weights.flatMap((w) => Array.from(w)));

describe('trainClassifier resume from an epoch checkpoint', () => {
  let previous = '';
  beforeAll(async () => {
    previous = tf.getBackend();
    await initTensorBackend({ prefer: 'wasm' });
  });
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  for (const threads of [1, 2]) {
    it(`ends bit-identical to an uninterrupted run (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      const base: TrainOptions = {
        ...task(48),
        shape: [8, 8, 1],
        classes: 4,
        width: 8,
        depth: 2,
        epochs: 4,
        batchSize: 16,
        seed: 5,
        threads,
      };
      const probsStraight: number[] = [];
      const checkpoints: TrainCheckpoint[] = [];
      const straight = await trainClassifier({
        ...base,
        onBatchProbabilities: (p) => {
          if (p.epoch === 3) probsStraight.push(...p.probabilities);
        },
        onEpochEnd: (c) => {
          checkpoints.push(c);
        },
      });
      expect(checkpoints.map((c) => c.epochsDone)).toEqual([1, 2, 3, 4]);
      expect(checkpoints[1]?.optimizer.steps).toBe(2 * 3);

      const probsResumed: number[] = [];
      const resumed = await trainClassifier({
        ...base,
        resume: checkpoints[1],
        onBatchProbabilities: (p) => {
          expect(p.epoch).toBeGreaterThanOrEqual(2);
          if (p.epoch === 3) probsResumed.push(...p.probabilities);
        },
      });
      expect(resumed.steps).toBe(straight.steps);
      expect(resumed.losses).toEqual(straight.losses);
      expect(flat(resumed.model.getWeights())).toEqual(flat(straight.model.getWeights()));
      expect(probsResumed).toEqual(probsStraight);
      straight.model.dispose();
      resumed.model.dispose();
    }, 60_000);
  }

  it('refuses a checkpoint from beyond the run', async () => {
    const base: TrainOptions = {
      ...task(8),
      shape: [8, 8, 1],
      classes: 4,
      width: 4,
      depth: 1,
      epochs: 1,
      batchSize: 8,
      seed: 1,
    };
    let checkpoint: TrainCheckpoint | undefined;
    const first = await trainClassifier({ ...base, epochs: 2, onEpochEnd: (c) => void (checkpoint = c) });
    first.model.dispose();
    await expect(trainClassifier({ ...base, resume: checkpoint })).rejects.toThrow(
      /epoch 2 of a 1-epoch run/,
    );
  });
});
