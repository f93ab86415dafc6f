/**
 * Measuring helpers for scripts/bench-train.ts: our ConvNet-3 training step on one thread and on
 * the trainer's data-parallel path, inference, and one run of the PyTorch peer, for one
 * (shape × width) case. Every measurement uses a fixed batch of BATCH images and CLASSES classes.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { ConvNet } from '../src/main/ml/models/convnet.ts';
import { AdamW } from '../src/main/ml/optim/adamw.ts';
import { startDataParallel, type BatchStepper } from '../src/main/ml/parallel/data-parallel.ts';
import { ReplicaCore } from '../src/main/ml/parallel/replica-core.ts';
import type { ImageShape } from '../src/main/ml/pixel-batch.ts';
import { trainStep } from '../src/main/ml/train.ts';
import { createRng } from '../src/shared/random.ts';

export const BATCH = 128;
export const CLASSES = 10;
export const PYTHON = '/usr/bin/python3';

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const ratio = (ours: number, peer: number): number => Math.round((ours / peer) * 1000) / 1000;

/** "28x28x1" → [28, 28, 1] (height × width × channels). */
export function parseShape(text: string): ImageShape {
  const dims = text
    .trim()
    .split(/[x×]/)
    .map((v) => Number(v));
  if (dims.length !== 3 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`bad shape "${text}": expected HxWxC, e.g. 28x28x1`);
  }
  return dims as ImageShape;
}

/** Runs `step` repeatedly for about `budget` seconds (at least twice); images per second. */
async function measure(step: () => void | Promise<void>, budget: number): Promise<number> {
  let n = 0;
  const t0 = performance.now();
  while (n < 2 || performance.now() - t0 < budget * 1000) {
    await step();
    n += 1;
  }
  return (n * BATCH) / ((performance.now() - t0) / 1000);
}

export interface Runner<T> {
  run: () => Promise<T>;
  dispose: () => Promise<void>;
}

/** One-thread training (forward + backward + AdamW) and inference on a fixed random batch. */
export function oursRunner(
  shape: ImageShape,
  width: number,
  seconds: number,
): Runner<{ train: number; infer: number }> {
  const model = new ConvNet({ inputShape: shape, classes: CLASSES, width, seed: 0 });
  const optimizer = new AdamW(model.kernels, model.others);
  const x = tf.randomNormal([BATCH, ...shape], 0, 1, 'float32', 1) as tf.Tensor4D;
  const y = tf.tidy(() =>
    tf.oneHot(tf.randomUniformInt([BATCH], 0, CLASSES, 2), CLASSES).toFloat(),
  ) as tf.Tensor2D;
  const train = () => void trainStep(model, optimizer, x, y, 1e-3);
  // dataSync makes asynchronous backends (tfjs-node, GPU) finish the work being timed.
  const infer = () => void tf.tidy(() => model.forward(x, false).dataSync());
  for (let i = 0; i < 2; i++) train(); // warm-up: kernel setup, XNNPACK operators, memory growth
  infer();
  return {
    run: async () => ({
      train: await measure(train, seconds),
      infer: await measure(infer, seconds / 2),
    }),
    dispose: async () => {
      model.dispose();
      optimizer.dispose();
      tf.dispose([x, y]);
    },
  };
}

/** Data-parallel training (the trainer's multi-core path) on one fixed batch of random pixels. */
export async function parallelRunner(
  shape: ImageShape,
  width: number,
  threads: number,
  seconds: number,
): Promise<Runner<number>> {
  const rng = createRng(3);
  const images = Uint8Array.from({ length: BATCH * shape[0] * shape[1] * shape[2] }, () =>
    Math.floor(rng() * 256),
  );
  const labels = Int32Array.from({ length: BATCH }, (_, i) => i % CLASSES);
  const model = new ConvNet({ inputShape: shape, classes: CLASSES, width, seed: 0 });
  const optimizer = new AdamW(model.kernels, model.others);
  const data = { images, labels, shape, classes: CLASSES };
  const sharedImages = new SharedArrayBuffer(images.byteLength);
  new Uint8Array(sharedImages).set(images);
  const sharedLabels = new SharedArrayBuffer(labels.byteLength);
  new Int32Array(sharedLabels).set(labels);
  const stepper: BatchStepper = await startDataParallel(
    new ReplicaCore(model, optimizer, data),
    {
      backend: tf.getBackend() === 'wasm' ? 'wasm' : 'cpu',
      model: model.spec,
      optimizer: { kind: 'adamw', weightDecay: 0.01 },
      inputNorm: model.inputNorm,
      ...data,
      images: sharedImages,
      labels: sharedLabels,
    },
    threads - 1,
  );
  const rows = Array.from({ length: BATCH }, (_, i) => i);
  const step = async () => void (await stepper.step(rows, 1e-3, false));
  for (let i = 0; i < 2; i++) await step();
  return {
    run: () => measure(step, seconds),
    dispose: async () => {
      await stepper.dispose();
      model.dispose();
      optimizer.dispose();
    },
  };
}

export interface PeerRun {
  train_images_per_s: number;
  infer_images_per_s: number;
  version?: string;
  threads?: number;
}

/** Null when the peer can run; otherwise why it is skipped. */
export function peerUnavailable(peerScript: string, skip: boolean): string | null {
  if (skip) return 'skipped (--no-peer)';
  if (!existsSync(peerScript)) return `skipped: peer script not found at ${peerScript}`;
  if (!existsSync(PYTHON)) return `skipped: ${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'skipped: python3-torch is not installed (apt-get install -y python3-torch)';
  return null;
}

/** One run of the PyTorch peer (all cores) on the same model, shape and batch. */
export function peerRun(peerScript: string, shape: ImageShape, width: number, seconds: number): PeerRun {
  const args = [
    peerScript,
    'throughput',
    '--shape',
    shape.join('x'),
    '--width',
    String(width),
    '--batch',
    String(BATCH),
    '--seconds',
    String(seconds),
  ];
  const out = spawnSync(PYTHON, args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`peer failed: ${out.stderr.slice(-500)}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? 'null') as PeerRun;
}

/**
 * Other processes on a shared machine hurt the all-core peer far more than our 1-thread runs.
 * With maxLoad > 0, waits (up to 3 minutes) until the 1-minute load average is ≤ maxLoad; then
 * goes on regardless. Returns the load average it starts the run at.
 */
export async function waitForQuiet(maxLoad: number): Promise<number> {
  if (maxLoad > 0) {
    const deadline = Date.now() + 180_000;
    while ((loadavg()[0] ?? 0) > maxLoad && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
