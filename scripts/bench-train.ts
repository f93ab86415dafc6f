/**
 * Training and inference throughput of ConvNet-3 on the chosen tfjs backend, beside the PyTorch
 * peer (../shared/peers/torch_convnet.py throughput) measured in the same run on the same machine.
 *
 *   node bin/run-ts.mjs scripts/bench-train.ts [--runs 3] [--seconds 6] [--backend wasm]
 *                                              [--widths 128,32] [--threads auto] [--no-peer]
 *                                              [--max-load 1.5]
 *
 * A training step is forward + backward + AdamW update on a fixed batch of 128 28×28×1 images,
 * 10 classes. Each run measures for about --seconds after warm-up; we report the median of the
 * runs. "train" is one thread (the wasm backend's own limit); "parallel" is the trainer's
 * data-parallel path with one replica per thread (--threads, default: one per core, at most 4),
 * which is what trainClassifier uses for long runs and the fair match for the 2-thread peer. Ours and the peer's runs are interleaved so that load from other processes on this
 * machine hits both alike. Prints one JSON object on its last line and writes it to
 * bench-results/train.json.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initTensorBackend, isBackendPreference } from '../src/main/ml/backend.ts';
import { ConvNet } from '../src/main/ml/models/convnet.ts';
import { AdamW } from '../src/main/ml/optim/adamw.ts';
import {
  defaultTrainingThreads,
  startDataParallel,
  type BatchStepper,
} from '../src/main/ml/parallel/data-parallel.ts';
import { ReplicaCore } from '../src/main/ml/parallel/replica-core.ts';
import { trainStep } from '../src/main/ml/train.ts';
import { createRng } from '../src/shared/random.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '6' },
    backend: { type: 'string', default: 'auto' },
    widths: { type: 'string', default: '128,32' },
    threads: { type: 'string', default: 'auto' },
    'max-load': { type: 'string', default: '0' },
    'no-peer': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));
const seconds = Math.max(0.5, Number(values.seconds));
const widths = values.widths.split(',').map(Number);
if (!isBackendPreference(values.backend)) throw new Error(`unknown --backend ${values.backend}`);
const BATCH = 128;
const SHAPE: [number, number, number] = [28, 28, 1];
const CLASSES = 10;
const root = resolve(import.meta.dirname, '..');
const peerScript = resolve(root, '..', 'shared', 'peers', 'torch_convnet.py');
const python = '/usr/bin/python3';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const round1 = (x: number): number => Math.round(x * 10) / 10;
const ratio = (ours: number, peer: number): number => Math.round((ours / peer) * 1000) / 1000;

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

interface Ours {
  train: number[];
  trainParallel: number[];
  infer: number[];
}

/** Data-parallel training (the trainer's multi-core path) on one fixed batch of random pixels. */
async function parallelRunner(
  width: number,
  threads: number,
): Promise<{ run: () => Promise<number>; dispose: () => Promise<void> }> {
  const rng = createRng(3);
  const images = Uint8Array.from({ length: BATCH * SHAPE[0] * SHAPE[1] * SHAPE[2] }, () =>
    Math.floor(rng() * 256),
  );
  const labels = Int32Array.from({ length: BATCH }, (_, i) => i % CLASSES);
  const model = new ConvNet({ inputShape: SHAPE, classes: CLASSES, width, seed: 0 });
  const optimizer = new AdamW(model.kernels, model.others);
  const data = { images, labels, shape: SHAPE, classes: CLASSES };
  const sharedImages = new SharedArrayBuffer(images.byteLength);
  new Uint8Array(sharedImages).set(images);
  const sharedLabels = new SharedArrayBuffer(labels.byteLength);
  new Int32Array(sharedLabels).set(labels);
  const backendName = tf.getBackend() === 'wasm' ? 'wasm' : 'cpu';
  const stepper: BatchStepper = await startDataParallel(
    new ReplicaCore(model, optimizer, data),
    {
      backend: backendName,
      model: model.config,
      weightDecay: 0.01,
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

function oursRunner(width: number): {
  run: () => Promise<{ train: number; infer: number }>;
  dispose: () => void;
} {
  const model = new ConvNet({ inputShape: SHAPE, classes: CLASSES, width, seed: 0 });
  const optimizer = new AdamW(model.kernels, model.others);
  const x = tf.randomNormal([BATCH, ...SHAPE], 0, 1, 'float32', 1) as tf.Tensor4D;
  const y = tf.tidy(() =>
    tf.oneHot(tf.randomUniformInt([BATCH], 0, CLASSES, 2), CLASSES).toFloat(),
  ) as tf.Tensor2D;
  const train = () => void trainStep(model, optimizer, x, y, 1e-3);
  // dataSync makes asynchronous backends (tfjs-node, GPU) finish the work being timed.
  const infer = () => void tf.tidy(() => model.forward(x, false).dataSync());
  for (let i = 0; i < 2; i++) train(); // warm-up: kernel setup, XNNPACK operators, memory growth
  infer();
  return {
    run: async () => ({ train: await measure(train, seconds), infer: await measure(infer, seconds / 2) }),
    dispose: () => {
      model.dispose();
      optimizer.dispose();
      tf.dispose([x, y]);
    },
  };
}

interface PeerRun {
  train_images_per_s: number;
  infer_images_per_s: number;
  version?: string;
  threads?: number;
}

function peerAvailable(): string | null {
  if (values['no-peer']) return 'skipped (--no-peer)';
  if (!existsSync(peerScript)) return `skipped: peer script not found at ${peerScript}`;
  if (!existsSync(python)) return `skipped: ${python} not found`;
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'skipped: python3-torch is not installed (apt-get install -y python3-torch)';
  return null;
}

function peerRun(width: number): PeerRun {
  const args = [
    peerScript,
    'throughput',
    '--shape',
    SHAPE.join('x'),
    '--width',
    String(width),
    '--batch',
    String(BATCH),
    '--seconds',
    String(seconds),
  ];
  const out = spawnSync(python, args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`peer failed: ${out.stderr.slice(-500)}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? 'null') as PeerRun;
}

/**
 * Other processes on a shared machine hurt the 2-thread peer far more than our 1-thread runs.
 * With --max-load L, each run waits (up to 3 minutes) until the 1-minute load average is ≤ L.
 */
async function waitForQuiet(): Promise<void> {
  const maxLoad = Number(values['max-load']);
  if (!(maxLoad > 0)) return;
  const deadline = Date.now() + 180_000;
  while ((loadavg()[0] ?? 0) > maxLoad && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

const backend = await initTensorBackend({ prefer: values.backend });
const singleThreadedBackend = backend.name === 'wasm' || backend.name === 'cpu';
const threads =
  values.threads === 'auto'
    ? singleThreadedBackend
      ? defaultTrainingThreads()
      : 1
    : Math.max(1, Number(values.threads));
const peerNote = peerAvailable();
const loadBefore = loadavg()[0];
console.error(`backend ${backend.name}: ${backend.reason}; peer: ${peerNote ?? 'pytorch'}`);

const perWidth: Record<string, unknown> = {};
for (const width of widths) {
  const ours: Ours = { train: [], trainParallel: [], infer: [] };
  const peer: PeerRun[] = [];
  const runner = oursRunner(width);
  const parallel = threads > 1 ? await parallelRunner(width, threads) : null;
  const loads: number[] = [];
  for (let r = 0; r < runs; r++) {
    await waitForQuiet();
    loads.push(Math.round((loadavg()[0] ?? 0) * 100) / 100);
    const o = await runner.run();
    ours.train.push(round1(o.train));
    ours.infer.push(round1(o.infer));
    const par = parallel ? await parallel.run() : null;
    if (par !== null) ours.trainParallel.push(round1(par));
    if (!peerNote) peer.push(peerRun(width));
    const p = peer.at(-1);
    console.error(
      `width ${width} run ${r + 1}/${runs}: ours train ${o.train.toFixed(1)} img/s` +
        (par !== null ? ` (${threads} threads ${par.toFixed(1)})` : '') +
        `, infer ${o.infer.toFixed(1)}` +
        (p ? `; pytorch train ${p.train_images_per_s}, infer ${p.infer_images_per_s}` : ''),
    );
  }
  runner.dispose();
  await parallel?.dispose();
  const oursTrain = median(ours.train);
  const runLoads = loads;
  const oursTrainParallel = ours.trainParallel.length ? median(ours.trainParallel) : null;
  const oursInfer = median(ours.infer);
  const peerTrain = peer.length ? median(peer.map((p) => p.train_images_per_s)) : null;
  const peerInfer = peer.length ? median(peer.map((p) => p.infer_images_per_s)) : null;
  perWidth[String(width)] = {
    loadAverageAtRunStart: runLoads,
    ours: {
      trainImagesPerSecond: round1(oursTrain),
      inferImagesPerSecond: round1(oursInfer),
      trainRuns: ours.train,
      inferRuns: ours.infer,
      parallel:
        oursTrainParallel === null
          ? null
          : { threads, trainImagesPerSecond: round1(oursTrainParallel), trainRuns: ours.trainParallel },
    },
    peer:
      peerTrain === null || peerInfer === null
        ? { skipped: peerNote }
        : {
            name: 'pytorch',
            version: peer[0]?.version,
            threads: peer[0]?.threads,
            trainImagesPerSecond: peerTrain,
            inferImagesPerSecond: peerInfer,
            trainRuns: peer.map((p) => p.train_images_per_s),
            inferRuns: peer.map((p) => p.infer_images_per_s),
          },
    ratio:
      peerTrain && peerInfer
        ? {
            train: ratio(oursTrain, peerTrain),
            trainParallel: oursTrainParallel === null ? null : ratio(oursTrainParallel, peerTrain),
            infer: ratio(oursInfer, peerInfer),
          }
        : null,
  };
}

const result = {
  bench: 'train-throughput',
  backend,
  model: { name: 'ConvNet-3', depth: 3, norm: 'instance', shape: SHAPE, classes: CLASSES },
  batch: BATCH,
  runs,
  seconds,
  threads,
  machine: { cpus: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0] },
  widths: perWidth,
  date: new Date().toISOString(),
};
const dir = join(root, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'train.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result));
