/**
 * synthesiseDm on tiny hand-made data (8×8, one channel, two classes), wasm backend: the loss
 * falls, lr 0 changes nothing, a class's images never depend on another class's real images, a
 * seed gives one result, a resumed run equals an uninterrupted one, and no tensor is leaked.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  denormalisePixels,
  embedderSeed,
  normalisePixels,
  realBatchIndices,
  synthesiseDm,
  type DmClass,
  type DmState,
  type DmSynthOptions,
} from '../../../../src/main/compress/dm/dm-synth';
import { initTensorBackend } from '../../../../src/main/ml/backend';
import { ConvNet } from '../../../../src/main/ml/models/convnet';
import { normLookup, pixelBatch } from '../../../../src/main/ml/pixel-batch';
import { createRng } from '../../../../src/shared/random';

beforeAll(async () => {
  await initTensorBackend();
});

const S = 8;
const SHAPE: [number, number, number] = [S, S, 1];
const SIZE = S * S;
const NORM = { mean: [0.5], std: [0.25] };

/** Class 0: bright top half; class 1: bright left half; plus seeded noise. */
function realImages(kind: number, count: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(count * SIZE);
  for (let n = 0; n < count; n++)
    for (let y = 0; y < S; y++)
      for (let x = 0; x < S; x++) {
        const on = kind === 0 ? y < S / 2 : x < S / 2;
        out[n * SIZE + y * S + x] = Math.round((on ? 180 : 60) + (rng() - 0.5) * 80);
      }
  return out;
}

/** Starting images: uniform noise, normalised (2 per class). */
function noiseInit(images: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return normalisePixels(
    Uint8Array.from({ length: images * SIZE }, () => Math.floor(rng() * 256)),
    NORM,
  );
}

function options(over: Partial<DmSynthOptions> = {}): DmSynthOptions {
  const classes: DmClass[] = [
    { id: 0, real: realImages(0, 12, 1), realCount: 12, synCount: 2 },
    { id: 1, real: realImages(1, 12, 2), realCount: 12, synCount: 2 },
  ];
  return {
    shape: SHAPE,
    classes,
    norm: NORM,
    init: noiseInit(4, 3),
    iterations: 6,
    lr: 1,
    momentum: 0.5,
    realBatch: 8,
    width: 8,
    depth: 2,
    seed: 7,
    ...over,
  };
}

describe('synthesiseDm', () => {
  it('lowers the loss over iterations', () => {
    const losses: number[] = [];
    synthesiseDm(options({ iterations: 40, lr: 0.5, onIteration: (_, loss) => losses.push(loss) }));
    expect(losses).toHaveLength(40);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const first = mean(losses.slice(0, 5));
    const last = mean(losses.slice(-5));
    expect(last).toBeLessThan(first * 0.5);
  });

  it("takes the gradient of Σ_c ‖mean(embed(real_c)) − mean(embed(syn_c))‖² under iteration 0's embedder", () => {
    const o = options({ iterations: 1, lr: 1 });
    let loss = 0;
    const r = synthesiseDm({ ...o, onIteration: (_, l) => (loss = l) });
    // The same loss written directly, differentiated in one piece.
    const net = new ConvNet({ inputShape: SHAPE, classes: 1, width: 8, depth: 2, seed: embedderSeed(7, 0) });
    const luts = normLookup(NORM);
    const [expected, grad] = tf.tidy(() => {
      const targets = o.classes.map((cls) =>
        tf.mean(
          net.features(pixelBatch(cls.real, realBatchIndices(7, 0, cls.id, cls.realCount, 8), SHAPE, luts)),
          0,
        ),
      );
      const f = (x: tf.Tensor) => {
        const e = net.features(x as tf.Tensor4D);
        return tf.addN(
          targets.map((t, c) => tf.sum(tf.square(tf.sub(tf.mean(tf.slice(e, [2 * c, 0], [2, -1]), 0), t)))),
        );
      };
      const x = tf.tensor4d(o.init, [4, S, S, 1]);
      return [f(x).dataSync()[0] as number, tf.grad(f)(x).dataSync() as Float32Array];
    });
    net.dispose();
    expect(loss).toBeCloseTo(expected, 5);
    const step = o.init.map((v, i) => v - r.pixels[i]!);
    const scale = Math.max(...grad.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    for (let i = 0; i < grad.length; i++) expect(Math.abs(step[i]! - grad[i]!)).toBeLessThan(1e-4 * scale);
  });

  it('gives the same images (to rounding) whatever the chunk size', () => {
    const whole = synthesiseDm(options());
    const chunked = synthesiseDm(options({ chunk: 3 }));
    for (let i = 0; i < whole.pixels.length; i++)
      expect(chunked.pixels[i]).toBeCloseTo(whole.pixels[i] as number, 4);
  });

  it('leaves the pixels unchanged with lr 0 (and still measures a loss)', () => {
    const o = options({ lr: 0 });
    const losses: number[] = [];
    const r = synthesiseDm({ ...o, onIteration: (_, loss) => losses.push(loss) });
    expect(r.iteration).toBe(6);
    expect(r.stopped).toBe(false);
    expect(Buffer.from(r.pixels.buffer).equals(Buffer.from(o.init.buffer))).toBe(true);
    expect(losses.every((l) => l > 0)).toBe(true);
  });

  it("gives a class's images independently of another class's real images", () => {
    const a = synthesiseDm(options());
    const o = options();
    const changed = { ...(o.classes[1] as DmClass), real: realImages(0, 12, 99) };
    const b = synthesiseDm({ ...o, classes: [o.classes[0] as DmClass, changed] });
    const classA = (p: Float32Array) => Buffer.from(p.slice(0, 2 * SIZE).buffer);
    expect(classA(a.pixels).equals(classA(b.pixels))).toBe(true);
    const classB = (p: Float32Array) => Buffer.from(p.slice(2 * SIZE).buffer);
    expect(classB(a.pixels).equals(classB(b.pixels))).toBe(false);
    // And the images moved at all.
    expect(classA(a.pixels).equals(Buffer.from(o.init.slice(0, 2 * SIZE).buffer))).toBe(false);
  });

  it('is deterministic for a seed, different for another, and resumes exactly', () => {
    const a = synthesiseDm(options());
    const b = synthesiseDm(options());
    expect(Buffer.from(a.pixels.buffer).equals(Buffer.from(b.pixels.buffer))).toBe(true);
    const other = synthesiseDm(options({ seed: 8 }));
    expect(Buffer.from(a.pixels.buffer).equals(Buffer.from(other.pixels.buffer))).toBe(false);

    let saved: DmState | null = null;
    const stopped = synthesiseDm(
      options({
        onIteration: (i, _, state) => {
          if (i === 3) saved = state();
        },
        shouldStop: () => saved !== null,
      }),
    );
    expect(stopped).toMatchObject({ stopped: true, iteration: 3 });
    const resumed = synthesiseDm(options({ resume: saved }));
    expect(resumed.iteration).toBe(6);
    expect(Buffer.from(resumed.pixels.buffer).equals(Buffer.from(a.pixels.buffer))).toBe(true);
    expect(Buffer.from(resumed.momentum.buffer).equals(Buffer.from(a.momentum.buffer))).toBe(true);
  });

  it('leaks no tensors, per iteration or in all', () => {
    const before = tf.memory().numTensors;
    const during: number[] = [];
    synthesiseDm(options({ iterations: 5, onIteration: () => during.push(tf.memory().numTensors) }));
    expect(new Set(during).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('samples real batches without replacement, seeded per (seed, iteration, class)', () => {
    const a = realBatchIndices(1, 2, 3, 50, 10);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect([...realBatchIndices(1, 2, 3, 50, 10)]).toEqual([...a]);
    expect([...realBatchIndices(1, 3, 3, 50, 10)]).not.toEqual([...a]);
    expect([...realBatchIndices(1, 2, 3, 5, 10)]).toEqual([0, 1, 2, 3, 4]);
  });

  it('round-trips uint8 pixels through the normalisation', () => {
    const pixels = Uint8Array.from({ length: 256 * 3 }, (_, i) => i % 256);
    const norm = { mean: [0.1, 0.5, 0.9], std: [0.2, 0.3, 0.05] };
    expect([...denormalisePixels(normalisePixels(pixels, norm), norm)]).toEqual([...pixels]);
    expect([...denormalisePixels(Float32Array.from([-100, 100]), NORM)]).toEqual([0, 255]);
  });
});
