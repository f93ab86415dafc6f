import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorBackend } from '../../../src/main/ml/backend.ts';
import { ConvNet } from '../../../src/main/ml/models/convnet.ts';
import { batchNorm } from '../../../src/main/ml/models/norm.ts';
import { extractFeatures, predictProbabilities } from '../../../src/main/ml/inference.ts';

describe('ConvNet-3', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has the METHODS.md shape: logits, penultimate features, kernel/other split', () => {
    const net = new ConvNet({ inputShape: [28, 28, 1], classes: 10, width: 8, seed: 1 });
    expect(net.featureSize).toBe(3 * 3 * 8); // 28 → 14 → 7 → 3
    expect(net.kernels.map((v) => v.shape)).toEqual([
      [3, 3, 1, 8],
      [3, 3, 8, 8],
      [3, 3, 8, 8],
      [72, 10],
    ]);
    // instance norm: γ, β per block (conv bias cancels under the norm), dense bias
    expect(net.others.map((v) => v.shape)).toEqual([[8], [8], [8], [8], [8], [8], [10]]);
    const x = tf.randomNormal([2, 28, 28, 1]) as tf.Tensor4D;
    const logits = net.forward(x, true);
    const feats = net.features(x);
    expect(logits.shape).toEqual([2, 10]);
    expect(feats.shape).toEqual([2, 72]);
    tf.dispose([x, logits, feats]);
    net.dispose();
  });

  it('initialises like PyTorch: U(−1/√fan_in, 1/√fan_in), seeded', () => {
    const a = new ConvNet({ inputShape: [8, 8, 3], classes: 4, width: 16, depth: 2, seed: 7 });
    const b = new ConvNet({ inputShape: [8, 8, 3], classes: 4, width: 16, depth: 2, seed: 7 });
    const c = new ConvNet({ inputShape: [8, 8, 3], classes: 4, width: 16, depth: 2, seed: 8 });
    const first = a.kernels[0]?.dataSync() ?? new Float32Array();
    const bound = 1 / Math.sqrt(3 * 9);
    expect(Math.max(...first.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...first.map(Math.abs))).toBeGreaterThan(bound * 0.9);
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(a.getWeights()[0]).not.toEqual(c.getWeights()[0]);
    [a, b, c].forEach((n) => n.dispose());
  });

  it('round-trips weights and frees every variable on dispose', () => {
    const before = tf.memory().numTensors;
    const net = new ConvNet({
      inputShape: [8, 8, 1],
      classes: 3,
      width: 4,
      depth: 2,
      norm: 'batch',
      seed: 2,
    });
    const other = new ConvNet({
      inputShape: [8, 8, 1],
      classes: 3,
      width: 4,
      depth: 2,
      norm: 'batch',
      seed: 3,
    });
    other.setWeights(net.getWeights());
    const x = tf.randomNormal([3, 8, 8, 1]) as tf.Tensor4D;
    const y1 = net.forward(x, false);
    const y2 = other.forward(x, false);
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y1.dataSync()));
    expect(() => other.setWeights([])).toThrow(/expected/);
    tf.dispose([x, y1, y2]);
    net.dispose();
    other.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => net.getWeights()).toThrow(/dispose/);
  });

  // Runs on wasm too: every kernel ConvNet-3 training needs (per norm) must exist there.
  it.each([
    ['instance', 'cpu'],
    ['batch', 'cpu'],
    ['none', 'cpu'],
    ['instance', 'wasm'],
    ['batch', 'wasm'],
    ['none', 'wasm'],
  ] as const)('trains with norm %s on %s (gradients reach every parameter)', async (norm, backend) => {
    if (backend === 'wasm') await initTensorBackend({ prefer: 'wasm' });
    else await tf.setBackend('cpu');
    const net = new ConvNet({ inputShape: [8, 8, 2], classes: 3, width: 4, depth: 2, norm, seed: 4 });
    const x = tf.randomNormal([4, 8, 8, 2]) as tf.Tensor4D;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.square(net.forward(x, true))) as tf.Scalar,
      net.trainable,
    );
    expect(Object.keys(grads)).toHaveLength(net.trainable.length);
    for (const v of net.trainable) expect(grads[v.name]?.shape).toEqual(v.shape);
    tf.dispose([x, value, grads]);
    net.dispose();
    await tf.setBackend('cpu');
  });

  it('instance norm gradient matches autograd through moments', () => {
    const net = new ConvNet({ inputShape: [6, 6, 1], classes: 2, width: 3, depth: 1, seed: 5 });
    const x = tf.randomNormal([2, 6, 6, 1], 0, 1, 'float32', 9) as tf.Tensor4D;
    const ours = tf.variableGrads(() => tf.sum(tf.square(net.forward(x, true))) as tf.Scalar, net.trainable);
    // Reference: the same network with instance norm written with tf.moments and autograd.
    const [k0, k1] = net.kernels as [tf.Variable, tf.Variable];
    const [g, b, db] = net.others as [tf.Variable, tf.Variable, tf.Variable];
    const reference = tf.variableGrads(() => {
      let y = tf.conv2d(x, k0 as tf.Tensor4D, 1, 'same');
      const { mean, variance } = tf.moments(y, [1, 2], true);
      y = tf.add(tf.mul(tf.div(tf.sub(y, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b) as tf.Tensor4D;
      y = tf.avgPool(tf.relu(y), 2, 2, 'valid');
      const logits = tf.add(tf.matMul(tf.reshape(y, [2, 27]), k1), db);
      return tf.sum(tf.square(logits)) as tf.Scalar;
    }, net.trainable);
    for (const v of net.trainable) {
      const a = ours.grads[v.name]?.dataSync() ?? new Float32Array();
      const r = reference.grads[v.name]?.dataSync() ?? new Float32Array();
      a.forEach((val, i) => expect(val).toBeCloseTo(r[i] as number, 3));
    }
    tf.dispose([x, ours.value, ours.grads, reference.value, reference.grads]);
    net.dispose();
  });
});

describe('batch norm', () => {
  it('normalises with whole-batch statistics and tracks running averages like PyTorch', async () => {
    await tf.setBackend('cpu');
    const x = tf.randomNormal([4, 5, 6, 3], 2, 3, 'float32', 11) as tf.Tensor4D;
    const gamma = tf.tensor1d([1, 2, 0.5]);
    const beta = tf.tensor1d([0, -1, 1]);
    const state = {
      runningMean: tf.variable(tf.zeros([3]), false),
      runningVar: tf.variable(tf.ones([3]), false),
    };
    const y = batchNorm(x, gamma, beta, state, true);
    const { mean, variance } = tf.moments(x, [0, 1, 2]);
    const ref = tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
    const a = y.dataSync();
    ref.dataSync().forEach((v, i) => expect(a[i]).toBeCloseTo(v, 4));
    const count = 4 * 5 * 6;
    const m = mean.dataSync();
    const v = variance.dataSync();
    state.runningMean.dataSync().forEach((r, c) => expect(r).toBeCloseTo(0.1 * (m[c] as number), 5));
    state.runningVar
      .dataSync()
      .forEach((r, c) => expect(r).toBeCloseTo(0.9 + 0.1 * (v[c] as number) * (count / (count - 1)), 4));
    tf.dispose([x, gamma, beta, y, mean, variance, ref, state.runningMean, state.runningVar]);
  });
});

describe('batched inference helpers', () => {
  it('returns features and probabilities for every image, independent of the batch size', async () => {
    await tf.setBackend('cpu');
    const net = new ConvNet({ inputShape: [8, 8, 1], classes: 3, width: 4, depth: 2, seed: 6 });
    const images = Uint8Array.from({ length: 5 * 64 }, (_, i) => (i * 37) % 256);
    const before = tf.memory().numTensors;
    const f = extractFeatures(net, images, [8, 8, 1], 2);
    const f5 = extractFeatures(net, images, [8, 8, 1], 5);
    const p = predictProbabilities(net, images, [8, 8, 1], 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(f.length).toBe(5 * net.featureSize);
    f.forEach((v, i) => expect(v).toBeCloseTo(f5[i] as number, 5));
    expect(p.length).toBe(15);
    for (let r = 0; r < 5; r++) expect(p[r * 3]! + p[r * 3 + 1]! + p[r * 3 + 2]!).toBeCloseTo(1, 5);
    net.dispose();
  });
});
