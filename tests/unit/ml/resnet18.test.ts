import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTensorBackend } from '../../../src/main/ml/backend.ts';
import { crossEntropy } from '../../../src/main/ml/loss.ts';
import { createModel } from '../../../src/main/ml/models/create-model.ts';
import { ResNet18 } from '../../../src/main/ml/models/resnet18.ts';
import { AdamW } from '../../../src/main/ml/optim/adamw.ts';

const oneHot = (labels: number[], classes: number) =>
  tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() as tf.Tensor2D);

describe('ResNet-18 (small-image variant)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    [[28, 28, 1], 'batch'],
    [[32, 32, 3], 'batch'],
    [[28, 28, 1], 'instance'],
    [[32, 32, 3], 'none'],
  ] as const)('maps %j images (%s norm) to logits and 8·width features', (shape, norm) => {
    const net = new ResNet18({ inputShape: [...shape], classes: 7, width: 4, norm, seed: 1 });
    expect(net.featureSize).toBe(32);
    const x = tf.randomNormal([3, ...shape], 0, 1, 'float32', 2) as tf.Tensor4D;
    const [train, evalLogits, feats] = [net.forward(x, true), net.forward(x, false), net.features(x)];
    expect(train.shape).toEqual([3, 7]);
    expect(evalLogits.shape).toEqual([3, 7]);
    expect(feats.shape).toEqual([3, 32]);
    tf.dispose([x, train, evalLogits, feats]);
    net.dispose();
  });

  /*
   * PyTorch's small-image ResNet-18 (3×3 stem, width 64, 3 channels, 10 classes), counted by hand.
   * conv k×k cin→cout: k²·cin·cout (no bias under a norm); BN: 2 per channel (γ, β).
   *   stem   3·3·3·64 + 2·64                                              =     1,856
   *   stage1 2 blocks × (2·(9·64·64) + 2·2·64)                            =   147,968
   *   stage2 9·64·128 + 9·128·128 + 2·2·128 + (64·128 + 2·128)            =   230,144
   *          + 2·(9·128·128) + 2·2·128                                    =   295,424
   *   stage3 9·128·256 + 9·256·256 + 4·256 + (128·256 + 2·256)            =   919,040
   *          + 2·(9·256·256) + 4·256                                      = 1,180,672
   *   stage4 9·256·512 + 9·512·512 + 4·512 + (256·512 + 2·512)            = 3,673,088
   *          + 2·(9·512·512) + 4·512                                      = 4,720,640
   *   linear 512·10 + 10                                                  =     5,130
   *   total                                                               = 11,173,962
   */
  it('has the 11,173,962 parameters of the PyTorch model at width 64', () => {
    const net = new ResNet18({ inputShape: [32, 32, 3], classes: 10 });
    const stages = [
      1856,
      2 * (2 * 9 * 64 * 64 + 4 * 64),
      9 * 64 * 128 + 9 * 128 * 128 + 4 * 128 + 64 * 128 + 2 * 128 + 2 * 9 * 128 * 128 + 4 * 128,
      9 * 128 * 256 + 9 * 256 * 256 + 4 * 256 + 128 * 256 + 2 * 256 + 2 * 9 * 256 * 256 + 4 * 256,
      9 * 256 * 512 + 9 * 512 * 512 + 4 * 512 + 256 * 512 + 2 * 512 + 2 * 9 * 512 * 512 + 4 * 512,
      512 * 10 + 10,
    ];
    const expected = stages.reduce((a, b) => a + b, 0);
    expect(expected).toBe(11_173_962);
    expect(net.trainable.reduce((n, v) => n + v.size, 0)).toBe(expected);
    // Plus the running mean and variance of the 20 batch norms (not trainable).
    const bnChannels = (1856 - 1728) / 2 + 4 * 64 + 5 * 128 + 5 * 256 + 5 * 512;
    expect(net.getWeights().reduce((n, w) => n + w.length, 0)).toBe(expected + 2 * bnChannels);
    net.dispose();
  });

  it.each(['batch', 'instance', 'none'] as const)(
    'decays only conv/dense kernels (%s norm): biases and norm parameters are in others',
    (norm) => {
      const net = new ResNet18({ inputShape: [8, 8, 3], classes: 5, width: 4, norm });
      // 1 stem + 8 blocks × 2 convs + 3 projection shortcuts + the linear layer
      expect(net.kernels).toHaveLength(21);
      expect(net.kernels.slice(0, 20).every((v) => v.rank === 4)).toBe(true);
      expect(net.kernels[20]?.shape).toEqual([32, 5]);
      // Every conv has γ, β under a norm and a bias without one; then the linear bias.
      expect(net.others).toHaveLength(norm === 'none' ? 21 : 41);
      expect(net.others.every((v) => v.rank === 1)).toBe(true);
      expect(net.others.at(-1)?.shape).toEqual([5]);
      const kernelNames = new Set(net.kernels.map((v) => v.name));
      expect(net.others.some((v) => kernelNames.has(v.name))).toBe(false);
      net.dispose();
    },
  );

  it('learns: a few AdamW steps lower the loss on a tiny batch', () => {
    const net = new ResNet18({ inputShape: [8, 8, 3], classes: 3, width: 4, seed: 3 });
    const opt = new AdamW(net.kernels, net.others);
    const x = tf.randomNormal([6, 8, 8, 3], 0, 1, 'float32', 4) as tf.Tensor4D;
    const y = oneHot([0, 1, 2, 0, 1, 2], 3);
    const losses: number[] = [];
    for (let s = 0; s < 5; s++) {
      const { value, grads } = tf.variableGrads(() => crossEntropy(net.forward(x, true), y), opt.params);
      opt.step(grads, 1e-2);
      losses.push(value.dataSync()[0] as number);
      tf.dispose([value, grads]);
    }
    expect(losses[4]).toBeLessThan((losses[0] as number) * 0.8);
    opt.dispose();
    tf.dispose([x, y]);
    net.dispose();
  });

  it('round-trips weights (with batch-norm statistics) and rebuilds from its spec', () => {
    const a = new ResNet18({ inputShape: [8, 8, 1], classes: 3, width: 4, seed: 5 });
    const x = tf.randomNormal([4, 8, 8, 1], 0, 1, 'float32', 6) as tf.Tensor4D;
    tf.dispose(a.forward(x, true)); // moves the running statistics away from 0 / 1
    const b = createModel(JSON.parse(JSON.stringify(a.spec)));
    expect(b.spec).toEqual({
      kind: 'resnet18',
      inputShape: [8, 8, 1],
      classes: 3,
      width: 4,
      norm: 'batch',
      seed: 5,
    });
    // Same seed, same initial trainable weights; the running stats differ until copied.
    expect(b.getWeights().slice(0, b.trainable.length)).toEqual(a.getWeights().slice(0, a.trainable.length));
    b.setWeights(a.getWeights());
    expect(b.getWeights()).toEqual(a.getWeights());
    const [ya, yb] = [a.forward(x, false), b.forward(x, false)];
    expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
    expect(() => b.setWeights(a.getWeights().slice(1))).toThrow(/expected/);
    tf.dispose([x, ya, yb]);
    a.dispose();
    b.dispose();
    expect(() => a.forward(x, false)).toThrow(/dispose/);
  });

  it('evaluation uses running statistics, training the batch ones (and updates them)', () => {
    const net = new ResNet18({ inputShape: [8, 8, 3], classes: 4, width: 4, seed: 7 });
    const x = tf.randomNormal([4, 8, 8, 3], 0, 1, 'float32', 8) as tf.Tensor4D;
    const first = tf.slice(x, [0, 0, 0, 0], [1, 8, 8, 3]) as tf.Tensor4D;
    const row0 = (t: tf.Tensor2D) => Array.from(t.dataSync().slice(0, 4));
    const before = net.getWeights();
    // Eval: image 0's logits do not depend on the rest of the batch, and nothing is updated.
    const [evalAll, evalOne] = [net.forward(x, false), net.forward(first, false)];
    row0(evalOne).forEach((v, i) => expect(v).toBeCloseTo(row0(evalAll)[i] as number, 5));
    expect(net.getWeights()).toEqual(before);
    // Training: batch statistics make them depend on the batch; running stats move.
    const trainAll = net.forward(x, true);
    const trainPair = net.forward(tf.concat([first, first]) as tf.Tensor4D, true);
    expect(row0(trainPair)).not.toEqual(row0(trainAll));
    const after = net.getWeights();
    const buffers = after.slice(net.trainable.length);
    expect(buffers).not.toEqual(before.slice(net.trainable.length));
    expect(after.slice(0, net.trainable.length)).toEqual(before.slice(0, net.trainable.length));
    tf.dispose([x, first, evalAll, evalOne, trainAll, trainPair]);
    net.dispose();
  });

  it.each(['batch', 'instance', 'none'] as const)(
    'leaks no tensors across passes and steps (%s norm)',
    (norm) => {
      const net = new ResNet18({ inputShape: [8, 8, 3], classes: 3, width: 4, norm, seed: 9 });
      const opt = new AdamW(net.kernels, net.others);
      const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
      const y = oneHot([0, 2], 3);
      const start = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        tf.dispose([net.forward(x, true), net.forward(x, false), net.features(x)]);
        const { value, grads } = tf.variableGrads(() => crossEntropy(net.forward(x, true), y), opt.params);
        opt.step(grads, 1e-3);
        tf.dispose([value, grads]);
        expect(tf.memory().numTensors).toBe(start);
      }
      opt.dispose();
      tf.dispose([x, y]);
      net.dispose();
    },
  );

  // The strided 3×3 convs use numeric padding 1 (PyTorch's), which goes through our wasm
  // gradient kernels' explicit-pad path: the gradients must match the cpu backend's.
  it.each(['batch', 'instance', 'none'] as const)(
    'gets the same gradients on wasm as on cpu (%s norm)',
    async (norm) => {
      const grads = async (backend: 'cpu' | 'wasm') => {
        if (backend === 'wasm') await initTensorBackend({ prefer: 'wasm' });
        else await tf.setBackend('cpu');
        const net = new ResNet18({ inputShape: [9, 9, 2], classes: 3, width: 4, norm, seed: 10 });
        const x = tf.tensor4d(
          Array.from({ length: 4 * 9 * 9 * 2 }, (_, i) => Math.sin(i * 0.7)),
          [4, 9, 9, 2],
        );
        const y = oneHot([0, 1, 2, 1], 3);
        const { value, grads: g } = tf.variableGrads(
          () => crossEntropy(net.forward(x, true), y),
          net.trainable,
        );
        const out = net.trainable.map((v) => {
          expect(g[v.name]?.shape).toEqual(v.shape);
          return Array.from(g[v.name]?.dataSync() ?? []);
        });
        tf.dispose([x, y, value, g]);
        net.dispose();
        return out;
      };
      const cpu = await grads('cpu');
      const wasm = await grads('wasm');
      expect(wasm).toHaveLength(cpu.length);
      cpu.forEach((g, i) => {
        const w = wasm[i] as number[];
        const scale = Math.max(1e-3, ...g.map(Math.abs));
        g.forEach((v, j) => expect(Math.abs((w[j] as number) - v) / scale).toBeLessThan(1e-3));
      });
      await tf.setBackend('cpu');
    },
  );
});
