import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConvNet } from '../../../src/main/ml/models/convnet.ts';
import { AdamW } from '../../../src/main/ml/optim/adamw.ts';
import { createOptimizer, isSgdState } from '../../../src/main/ml/optim/optimizer.ts';
import { Sgd } from '../../../src/main/ml/optim/sgd.ts';

const values = (v: tf.Tensor) => Array.from(v.dataSync());

describe('SGD with momentum (PyTorch semantics)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  /*
   * Worked by hand: lr 0.1, μ 0.9, wd 0.01 (coupled L2: d = g + wd·p on the kernel only).
   * Kernel p = [1, −2], g = [0.5, −1] every step; bias b = [0.5], g = [2] every step.
   * Step 1: d = [0.5 + 0.01, −1 − 0.02] = [0.51, −1.02];  v = d
   *         p = [1 − 0.051, −2 + 0.102] = [0.949, −1.898]
   *         bias: d = v = 2 → b = 0.5 − 0.2 = 0.3
   * Step 2: d = [0.5 + 0.00949, −1 − 0.01898] = [0.50949, −1.01898]
   *         v = 0.9·[0.51, −1.02] + d = [0.96849, −1.93698]
   *         p = [0.949 − 0.096849, −1.898 + 0.193698] = [0.852151, −1.704302]
   *         bias: v = 0.9·2 + 2 = 3.8 → b = 0.3 − 0.38 = −0.08
   */
  it('matches a hand-worked two-step example, decaying only the kernel', () => {
    const p = tf.variable(tf.tensor1d([1, -2]));
    const b = tf.variable(tf.tensor1d([0.5]));
    const opt = new Sgd([p], [b], { momentum: 0.9, weightDecay: 0.01 });
    const grads = [tf.tensor1d([0.5, -1]), tf.tensor1d([2])];
    opt.step(grads, 0.1);
    expect(values(p)).toEqual([expect.closeTo(0.949, 6), expect.closeTo(-1.898, 6)]);
    expect(b.dataSync()[0]).toBeCloseTo(0.3, 6);
    opt.step(grads, 0.1);
    expect(values(p)).toEqual([expect.closeTo(0.852151, 6), expect.closeTo(-1.704302, 6)]);
    expect(b.dataSync()[0]).toBeCloseTo(-0.08, 6);
    expect(opt.steps).toBe(2);
    opt.dispose();
    tf.dispose([p, b, ...grads]);
  });

  /*
   * Nesterov, same numbers: the step is d + μ·v.
   * Step 1: v = d = [0.51, −1.02]; step = 1.9·d = [0.969, −1.938] → p = [0.9031, −1.8062]
   *         bias: v = 2, step = 3.8 → b = 0.5 − 0.38 = 0.12
   * Step 2: d = [0.5 + 0.009031, −1 − 0.018062] = [0.509031, −1.018062]
   *         v = 0.9·[0.51, −1.02] + d = [0.968031, −1.936062]
   *         step = d + 0.9·v = [1.3802589, −2.7605178] → p = [0.76507411, −1.53014822]
   *         bias: v = 3.8, step = 2 + 3.42 = 5.42 → b = 0.12 − 0.542 = −0.422
   */
  it('matches a hand-worked two-step example with Nesterov momentum', () => {
    const p = tf.variable(tf.tensor1d([1, -2]));
    const b = tf.variable(tf.tensor1d([0.5]));
    const opt = new Sgd([p], [b], { momentum: 0.9, weightDecay: 0.01, nesterov: true });
    const grads = [tf.tensor1d([0.5, -1]), tf.tensor1d([2])];
    opt.step(grads, 0.1);
    expect(values(p)).toEqual([expect.closeTo(0.9031, 6), expect.closeTo(-1.8062, 6)]);
    expect(b.dataSync()[0]).toBeCloseTo(0.12, 6);
    opt.step(grads, 0.1);
    expect(values(p)).toEqual([expect.closeTo(0.76507411, 5), expect.closeTo(-1.53014822, 5)]);
    expect(b.dataSync()[0]).toBeCloseTo(-0.422, 6);
    opt.dispose();
    tf.dispose([p, b, ...grads]);
  });

  it('resumes from getState exactly as if it had not stopped, and leaks nothing', () => {
    const make = () => [tf.variable(tf.tensor1d([1, -2, 3])), tf.variable(tf.tensor1d([0.25]))] as const;
    const [p1, b1] = make();
    const [p2, b2] = make();
    const g = [tf.tensor1d([0.3, 0.1, -0.2]), tf.tensor1d([1])];
    const g2 = [tf.tensor1d([-0.1, 0.4, 0.2]), tf.tensor1d([-0.5])];
    const a = new Sgd([p1], [b1]);
    a.step(g, 0.05);
    const state = a.getState();
    expect(state.steps).toBe(1);
    expect(isSgdState(state)).toBe(true);
    // A fresh optimiser on parameters copied from the first one, given its state.
    p2.assign(p1);
    b2.assign(b1);
    const b = new Sgd([p2], [b2]);
    b.setState(state);
    const before = tf.memory().numTensors;
    a.step(g2, 0.05);
    b.step(g2, 0.05);
    expect(tf.memory().numTensors).toBe(before);
    expect(values(p2)).toEqual(values(p1));
    expect(values(b2)).toEqual(values(b1));
    expect(b.steps).toBe(2);
    expect(() => b.setState({ steps: 1, momentum: [new Float32Array(3)] })).toThrow(/slots/);
    expect(() => b.setState({ steps: 1, momentum: [new Float32Array(2), new Float32Array(1)] })).toThrow(
      /expected 3/,
    );
    expect(() => b.step({}, 0.1)).toThrow(/no gradient/);
    [a, b].forEach((o) => o.dispose());
    tf.dispose([p1, b1, p2, b2, ...g, ...g2]);
  });
});

describe('createOptimizer', () => {
  it('builds AdamW or SGD with the documented defaults behind one interface', () => {
    const p = tf.variable(tf.tensor1d([1, 2]));
    const b = tf.variable(tf.tensor1d([3]));
    const adamw = createOptimizer({ kind: 'adamw' }, [p], [b]);
    expect(adamw).toBeInstanceOf(AdamW);
    expect((adamw as AdamW).weightDecay).toBe(0.01);
    expect(adamw.params).toEqual([p, b]);
    expect(isSgdState(adamw.getState())).toBe(false);
    const sgd = createOptimizer({ kind: 'sgd' }, [p], [b]);
    expect(sgd).toBeInstanceOf(Sgd);
    expect([(sgd as Sgd).momentum, (sgd as Sgd).weightDecay, (sgd as Sgd).nesterov]).toEqual([
      0.9,
      5e-4,
      false,
    ]);
    const nesterov = createOptimizer({ kind: 'sgd', momentum: 0.5, weightDecay: 0, nesterov: true }, [p], []);
    expect([(nesterov as Sgd).momentum, (nesterov as Sgd).weightDecay]).toEqual([0.5, 0]);
    // A checkpoint of the wrong kind is refused in words, not with a TypeError.
    expect(() => sgd.setState(adamw.getState())).toThrow(/no momentum/);
    [adamw, sgd, nesterov].forEach((o) => o.dispose());
    tf.dispose([p, b]);
  });
});

describe('AdamW on a real ConvNet', () => {
  /*
   * With all-zero gradients m = v = 0, so the Adam step m/(√v/√bc2 + ε) is exactly 0 and the only
   * change is the decoupled decay p ← p·(1 − lr·wd): kernels shrink by that factor (one float32
   * rounding of the product), biases and norm scales/shifts stay bit-identical.
   */
  it.each(['instance', 'batch', 'none'] as const)('decays kernels only (%s norm)', async (norm) => {
    await tf.setBackend('cpu');
    const net = new ConvNet({ inputShape: [8, 8, 2], classes: 3, width: 4, depth: 2, norm, seed: 1 });
    const opt = new AdamW(net.kernels, net.others, { weightDecay: 0.01 });
    const lr = 0.5;
    const factor = Math.fround(1 - lr * 0.01);
    const before = net.getWeights();
    const zeros = opt.params.map((v) => tf.zerosLike(v));
    opt.step(zeros, lr);
    const after = net.getWeights();
    const nk = net.kernels.length;
    // Kernels: the 2 convs and the dense layer; others: biases (norm 'none') or γ/β, dense bias.
    expect(nk).toBe(3);
    expect(net.others.length).toBe(norm === 'none' ? 3 : 5);
    for (let i = 0; i < nk; i++) {
      const shrunk = Array.from(before[i] as Float32Array, (w) => Math.fround(w * factor));
      expect(Array.from(after[i] as Float32Array)).toEqual(shrunk);
      expect(shrunk.some((w, j) => w !== (before[i] as Float32Array)[j])).toBe(true);
    }
    for (let i = nk; i < before.length; i++) expect(after[i]).toEqual(before[i]);
    tf.dispose(zeros);
    opt.dispose();
    net.dispose();
  });
});
