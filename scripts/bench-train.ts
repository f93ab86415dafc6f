/**
 * Training and inference throughput of ConvNet-3 on the chosen tfjs backend, beside the PyTorch
 * peer (../shared/peers/torch_convnet.py throughput) measured in the same run on the same machine
 * (issue 5): every (shape × width) case, ours on one thread, ours data-parallel, and the peer.
 *
 *   node bin/run-ts.mjs scripts/bench-train.ts [--runs 3] [--seconds 6] [--backend auto]
 *        [--shapes 28x28x1,32x32x3] [--widths 128,32] [--threads auto] [--no-peer] [--max-load 0]
 *
 * A training step is forward + backward + AdamW update on a fixed batch of 128 images of the
 * case's shape (HxWxC), 10 classes. Each run measures for about --seconds after warm-up (inference
 * for half that); we report the median of --runs runs. "train" is one thread (the wasm backend's
 * own limit); "parallel" is the trainer's data-parallel path with one replica per thread
 * (--threads, default: one per core, at most 4), which is what trainClassifier uses for long runs
 * and the fair match for the peer, which uses every core. Within a case, ours and the peer's runs
 * are interleaved so that load from other processes on this machine hits both alike; with
 * --max-load L each run first waits (up to 3 minutes) for the 1-minute load average to be ≤ L.
 * Ratios are ours / peer (above 1: we are faster).
 *
 * Prints one JSON line per case as it finishes (with its individual runs) and a summary line last
 * ("table": every case's medians and ratios); bench-results/train.json holds the summary and the
 * case objects ("cases").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initTensorBackend, isBackendPreference } from '../src/main/ml/backend.ts';
import { defaultTrainingThreads } from '../src/main/ml/parallel/data-parallel.ts';
import type { ImageShape } from '../src/main/ml/pixel-batch.ts';
import {
  BATCH,
  CLASSES,
  median,
  oursRunner,
  parallelRunner,
  parseShape,
  peerRun,
  peerUnavailable,
  ratio,
  round1,
  waitForQuiet,
  type PeerRun,
} from './bench-train-cases.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '6' },
    backend: { type: 'string', default: 'auto' },
    shapes: { type: 'string', default: '28x28x1,32x32x3' },
    widths: { type: 'string', default: '128,32' },
    threads: { type: 'string', default: 'auto' },
    'max-load': { type: 'string', default: '0' },
    'no-peer': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(values.runs));
const seconds = Math.max(0.5, Number(values.seconds));
const shapes = values.shapes.split(',').map(parseShape);
const widths = values.widths.split(',').map(Number);
const maxLoad = Number(values['max-load']);
if (!isBackendPreference(values.backend)) throw new Error(`unknown --backend ${values.backend}`);
const root = resolve(import.meta.dirname, '..');
const peerScript = resolve(root, '..', 'shared', 'peers', 'torch_convnet.py');

const backend = await initTensorBackend({ prefer: values.backend });
const singleThreadedBackend = backend.name === 'wasm' || backend.name === 'cpu';
const threads =
  values.threads === 'auto'
    ? singleThreadedBackend
      ? defaultTrainingThreads()
      : 1
    : Math.max(1, Number(values.threads));
const peerNote = peerUnavailable(peerScript, values['no-peer']);
const loadBefore = loadavg()[0];
console.error(`backend ${backend.name}: ${backend.reason}; peer: ${peerNote ?? 'pytorch'}`);

/** Interleaved runs of one case: ours (1 thread, then parallel), then the peer, --runs times. */
async function measureCase(shape: ImageShape, width: number) {
  const name = `${shape.join('x')} w${width}`;
  const ours = { train: [] as number[], trainParallel: [] as number[], infer: [] as number[] };
  const peer: PeerRun[] = [];
  const loads: number[] = [];
  const single = oursRunner(shape, width, seconds);
  const parallel = threads > 1 ? await parallelRunner(shape, width, threads, seconds) : null;
  for (let r = 0; r < runs; r++) {
    loads.push(await waitForQuiet(maxLoad));
    const o = await single.run();
    ours.train.push(round1(o.train));
    ours.infer.push(round1(o.infer));
    const par = parallel ? await parallel.run() : null;
    if (par !== null) ours.trainParallel.push(round1(par));
    const p = peerNote ? null : peerRun(peerScript, shape, width, seconds);
    if (p) peer.push(p);
    console.error(
      `${name} run ${r + 1}/${runs} (load ${loads.at(-1)}): ours train ${o.train.toFixed(1)} img/s` +
        (par !== null ? ` (${threads} threads ${par.toFixed(1)})` : '') +
        `, infer ${o.infer.toFixed(1)}` +
        (p ? `; pytorch train ${p.train_images_per_s}, infer ${p.infer_images_per_s}` : ''),
    );
  }
  await single.dispose();
  await parallel?.dispose();

  const oursTrain = median(ours.train);
  const oursParallel = ours.trainParallel.length ? median(ours.trainParallel) : null;
  const oursInfer = median(ours.infer);
  const peerTrain = peer.length ? median(peer.map((p) => p.train_images_per_s)) : null;
  const peerInfer = peer.length ? median(peer.map((p) => p.infer_images_per_s)) : null;
  const ratios =
    peerTrain && peerInfer
      ? {
          train: ratio(oursTrain, peerTrain),
          trainParallel: oursParallel === null ? null : ratio(oursParallel, peerTrain),
          infer: ratio(oursInfer, peerInfer),
        }
      : null;
  const detail = {
    case: name,
    shape,
    width,
    loadAverageAtRunStart: loads,
    ours: {
      trainImagesPerSecond: round1(oursTrain),
      inferImagesPerSecond: round1(oursInfer),
      trainRuns: ours.train,
      inferRuns: ours.infer,
      parallel:
        oursParallel === null
          ? null
          : { threads, trainImagesPerSecond: round1(oursParallel), trainRuns: ours.trainParallel },
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
    ratio: ratios,
  };
  /** The case in one row of the summary table (medians only). */
  const row = {
    case: name,
    shape: shape.join('x'),
    width,
    train: round1(oursTrain),
    trainParallel: oursParallel === null ? null : round1(oursParallel),
    peerTrain,
    infer: round1(oursInfer),
    peerInfer,
    ratio: ratios,
    loadAverage: median(loads),
  };
  return { detail, row };
}

const cases = [];
for (const shape of shapes) {
  for (const width of widths) {
    const c = await measureCase(shape, width);
    console.log(JSON.stringify(c.detail));
    cases.push(c);
  }
}

const summary = {
  bench: 'train-throughput',
  backend: { name: backend.name, reason: backend.reason },
  model: { name: 'ConvNet-3', depth: 3, norm: 'instance', classes: CLASSES },
  batch: BATCH,
  runs,
  seconds,
  threads,
  peer: peerNote ?? 'pytorch',
  machine: { cpus: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0] },
  units: 'images/s (median of runs); ratio = ours / peer',
  table: cases.map((c) => c.row),
  date: new Date().toISOString(),
};
const dir = join(root, 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'train.json'),
  JSON.stringify({ ...summary, backend, cases: cases.map((c) => c.detail) }, null, 2) + '\n',
);
console.log(JSON.stringify(summary));
