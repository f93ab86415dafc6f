import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../src/main/ml/augment/augment-batch.ts';
import { initTensorBackend } from '../../../src/main/ml/backend.ts';
import { softLabelLoss, Teacher, type TeacherSpec } from '../../../src/main/ml/soft-labels.ts';
import { trainClassifier, type TrainCheckpoint, type TrainOptions } from '../../../src/main/ml/train.ts';
import { createRng } from '../../../src/shared/random.ts';

/** 8×8 mosaics of four 4×4 cells; the class is the bright cell. */
function mosaics(count: number): Pick<TrainOptions, 'images' | 'labels'> {
  const rng = createRng(4);
  const images = new Uint8Array(count * 64);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 4;
    for (let p = 0; p < 64; p++) {
      const cell = (p >= 32 ? 2 : 0) + (p % 8 >= 4 ? 1 : 0);
      images[i * 64 + p] = Math.round((cell === i % 4 ? 160 : 40) + rng() * 60);
    }
  }
  return { images, labels };
}

const flat = (w: Float32Array[]) => Array.from(w.flatMap((a) => Array.from(a)));

describe('soft-label loss', () => {
  beforeAll(async () => {
    await initTensorBackend({ prefer: 'wasm' });
  });

  it('is KL(teacher ‖ student) at temperature T, batch mean, no T² factor (hand-checked)', () => {
    // Sample 1: student logits [0, 0], T = 1 → q = [.5, .5]; teacher p = [.75, .25]:
    //   KL = .75·ln(.75/.5) + .25·ln(.25/.5) = .75·0.4054651 − .25·0.6931472 = 0.1308120
    // Sample 2: student logits [2, 0] at T = 2 → s/T = [1, 0] → q = [0.7310586, 0.2689414];
    //   teacher p = [.5, .5]: KL = .5·ln(.5/.7310586) + .5·ln(.5/.2689414)
    //   = .5·(−0.3798854) + .5·0.6201145 = 0.1201145
    const one = tf.tidy(() =>
      softLabelLoss(tf.tensor2d([[0, 0]]), tf.log(tf.tensor2d([[0.75, 0.25]])) as tf.Tensor2D, 1).dataSync(),
    );
    expect(one[0]).toBeCloseTo(0.130812, 5);
    const two = tf.tidy(() =>
      softLabelLoss(tf.tensor2d([[2, 0]]), tf.log(tf.tensor2d([[0.5, 0.5]])) as tf.Tensor2D, 2).dataSync(),
    );
    expect(two[0]).toBeCloseTo(0.1201145, 5);
    // Batch mean of the two (both at T = 2 for the student: sample 1 unchanged since [0,0]/2 = [0,0]).
    const both = tf.tidy(() =>
      softLabelLoss(
        tf.tensor2d([
          [0, 0],
          [2, 0],
        ]),
        tf.log(
          tf.tensor2d([
            [0.75, 0.25],
            [0.5, 0.5],
          ]),
        ) as tf.Tensor2D,
        2,
      ).dataSync(),
    );
    expect(both[0]).toBeCloseTo((0.130812 + 0.1201145) / 2, 5);
  });
});

describe('training with constrained views, a teacher and CutMix', () => {
  let teacher: TeacherSpec;
  beforeAll(async () => {
    await initTensorBackend({ prefer: 'wasm' });
    const t = await trainClassifier({
      ...mosaics(32),
      shape: [8, 8, 1],
      classes: 4,
      width: 8,
      depth: 2,
      epochs: 3,
      batchSize: 16,
      seed: 9,
      threads: 1,
    });
    teacher = {
      model: t.model.spec,
      weights: t.model.getWeights(),
      inputNorm: t.model.inputNorm,
      temperature: 4,
    };
    t.model.dispose();
  });

  const base = (): TrainOptions => ({
    ...mosaics(24),
    shape: [8, 8, 1],
    classes: 4,
    width: 8,
    depth: 2,
    epochs: 4,
    batchSize: 8,
    seed: 2,
    augment: defaultPolicy('constrained', 2),
    soft: { teacher, cutmix: true },
  });

  it('gives the same run on 1 and 2 threads (views are drawn for the whole batch)', async () => {
    const one = await trainClassifier({ ...base(), threads: 1 });
    const two = await trainClassifier({ ...base(), threads: 2 });
    expect(two.threads).toBe(2);
    one.losses.forEach((l, i) => expect(two.losses[i]).toBeCloseTo(l, 4));
    const a = flat(one.model.getWeights());
    const b = flat(two.model.getWeights());
    a.forEach((v, i) => expect(Math.abs(v - (b[i] as number))).toBeLessThan(1e-3));
    one.model.dispose();
    two.model.dispose();
  }, 60_000);

  it('resumes from an epoch checkpoint bit-identically, and holds no tensors between epochs', async () => {
    const checkpoints: TrainCheckpoint[] = [];
    const tensorsAtEpochEnd: number[] = [];
    const straight = await trainClassifier({
      ...base(),
      threads: 1,
      onEpochEnd: (c) => {
        checkpoints.push(c);
        tensorsAtEpochEnd.push(tf.memory().numTensors);
      },
    });
    // Flat across epochs: every batch's views, teacher labels and gradients are freed.
    expect(new Set(tensorsAtEpochEnd).size).toBe(1);
    const resumed = await trainClassifier({ ...base(), threads: 1, resume: checkpoints[1] });
    expect(resumed.losses).toEqual(straight.losses);
    expect(flat(resumed.model.getWeights())).toEqual(flat(straight.model.getWeights()));
    // Hard labels without views is a different run: the plan really changes training.
    const plain = await trainClassifier({ ...base(), threads: 1, augment: null, soft: null });
    expect(plain.losses).not.toEqual(straight.losses);
    for (const m of [straight.model, resumed.model, plain.model]) m.dispose();
  }, 60_000);

  it('the teacher sees the student batch in its own input normalisation', () => {
    const t = new Teacher({ ...teacher, inputNorm: { mean: [0.6], std: [0.3] } });
    const studentNorm = { mean: [0.2], std: [0.5] };
    const pixels = Float32Array.from({ length: 2 * 64 }, (_, i) => ((i * 37) % 256) / 255);
    const viaStudent = tf.tidy(() => {
      const xs = tf.div(tf.sub(tf.tensor4d(pixels, [2, 8, 8, 1]), 0.2), 0.5) as tf.Tensor4D;
      return Array.from(t.logProbs(xs, studentNorm).dataSync());
    });
    const direct = tf.tidy(() => {
      const xt = tf.div(tf.sub(tf.tensor4d(pixels, [2, 8, 8, 1]), 0.6), 0.3) as tf.Tensor4D;
      return Array.from(tf.logSoftmax(tf.div(t.model.forward(xt, false), 4)).dataSync());
    });
    viaStudent.forEach((v, i) => expect(v).toBeCloseTo(direct[i] as number, 4));
    t.dispose();
  });
});
