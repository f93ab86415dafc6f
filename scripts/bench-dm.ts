/**
 * Seconds per DM iteration (src/main/compress/dm/dm-synth.ts) on the chosen tfjs backend.
 *
 *   node bin/run-ts.mjs scripts/bench-dm.ts [--data sample,random] [--ipcs 1,10,50] [--width 32]
 *        [--real-batch 256] [--depth 3] [--iterations 3] [--warmup 1] [--backend auto]
 *
 * Data: "sample" is the embedded Fashion-MNIST sample's training split (resources/, 28×28×1,
 * 10 classes × 300); "random" is uniform noise of the full Fashion-MNIST size (28×28×1, 10 classes
 * × 6000): an iteration's cost depends on the shapes, the width, the real batch and IPC, not on
 * the pixel values. An iteration embeds realBatch real images per class (forward only) and the
 * IPC·classes synthetic images (one forward for the means, then forward + backward), under a
 * fresh embedder. After --warmup iterations, --iterations are timed one by one; the median wall
 * time is reported, and the median CPU time of this process (the wasm backend runs on one thread,
 * so on an idle core the two agree; under other load the CPU time is the steadier number).
 * Prints one JSON object per case and a summary line last.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { normalisePixels, synthesiseDm, type DmClass } from '../src/main/compress/dm/dm-synth.ts';
import { RESOURCES_DIR } from '../src/main/cli/workspace.ts';
import { readIdxFile } from '../src/main/datasets/idx-reader.ts';
import { initTensorBackend, isBackendPreference } from '../src/main/ml/backend.ts';
import { computeInputNorm, type ImageShape } from '../src/main/ml/pixel-batch.ts';
import { createRng } from '../src/shared/random.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: 'sample,random' },
    ipcs: { type: 'string', default: '1,10,50' },
    width: { type: 'string', default: '32' },
    depth: { type: 'string', default: '3' },
    'real-batch': { type: 'string', default: '256' },
    iterations: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'auto' },
  },
});
const width = Number(values.width);
const depth = Number(values.depth);
const realBatch = Number(values['real-batch']);
const timed = Math.max(1, Number(values.iterations));
const warmup = Math.max(0, Number(values.warmup));
const ipcs = values.ipcs.split(',').map(Number);
if (!isBackendPreference(values.backend)) throw new Error(`unknown backend ${values.backend}`);
const backend = await initTensorBackend({ prefer: values.backend });

interface Data {
  name: string;
  shape: ImageShape;
  /** Images grouped by class. */
  perClass: Uint8Array[];
}

function sampleData(): Data {
  const dir = join(RESOURCES_DIR, 'fashion-mnist-sample');
  const images = readIdxFile(join(dir, 'train-images-idx3-ubyte.gz'));
  const labels = readIdxFile(join(dir, 'train-labels-idx1-ubyte.gz')).data;
  const [, h, w] = images.dims as [number, number, number];
  const size = h * w;
  const perClass = Array.from({ length: 10 }, (_, c) => {
    const rows = [...labels.keys()].filter((i) => labels[i] === c);
    const out = new Uint8Array(rows.length * size);
    rows.forEach((r, k) => out.set(images.data.subarray(r * size, (r + 1) * size), k * size));
    return out;
  });
  return { name: 'fashion-mnist-sample (10 × 300, 28×28×1)', shape: [h, w, 1], perClass };
}

function randomData(): Data {
  const rng = createRng(1);
  const size = 28 * 28;
  const perClass = Array.from({ length: 10 }, () =>
    Uint8Array.from({ length: 6000 * size }, () => Math.floor(rng() * 256)),
  );
  return { name: 'random (10 × 6000, 28×28×1)', shape: [28, 28, 1], perClass };
}

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
/** This process's CPU time (user + system), seconds: less sensitive than wall time to other load. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const cases: Record<string, unknown>[] = [];
for (const name of values.data.split(',')) {
  const data = name === 'sample' ? sampleData() : name === 'random' ? randomData() : null;
  if (!data) throw new Error(`unknown --data ${name} (sample or random)`);
  const size = data.shape[0] * data.shape[1] * data.shape[2];
  const all = new Uint8Array(data.perClass.reduce((s, a) => s + a.length, 0));
  let at = 0;
  for (const a of data.perClass) {
    all.set(a, at);
    at += a.length;
  }
  const norm = computeInputNorm(all, data.shape);
  for (const ipc of ipcs) {
    const classes: DmClass[] = data.perClass.map((real, c) => ({
      id: c,
      real,
      realCount: real.length / size,
      synCount: ipc,
    }));
    const init = normalisePixels(
      Uint8Array.from(data.perClass.flatMap((real) => [...real.subarray(0, ipc * size)])),
      norm,
    );
    const stamps: number[] = [performance.now()];
    const cpu: number[] = [cpuSeconds()];
    synthesiseDm({
      shape: data.shape,
      classes,
      norm,
      init,
      iterations: warmup + timed,
      lr: 1,
      momentum: 0.5,
      realBatch,
      width,
      depth,
      seed: 0,
      onIteration: () => {
        stamps.push(performance.now());
        cpu.push(cpuSeconds());
      },
    });
    const per = stamps.slice(1).map((t, i) => (t - (stamps[i] as number)) / 1000);
    const perCpu = cpu.slice(1).map((t, i) => t - (cpu[i] as number));
    const row = {
      data: data.name,
      ipc,
      syntheticImages: ipc * classes.length,
      realImagesPerIteration: classes.reduce((s, c) => s + Math.min(realBatch, c.realCount), 0),
      width,
      depth,
      realBatch,
      backend: backend.name,
      secondsPerIteration: round4(median(per.slice(warmup))),
      cpuSecondsPerIteration: round4(median(perCpu.slice(warmup))),
      timed: per.slice(warmup).map(round4),
      warmup: per.slice(0, warmup).map(round4),
      loadAverage: round4(loadavg()[0] as number),
    };
    cases.push(row);
    console.log(JSON.stringify(row));
  }
}
console.log(
  JSON.stringify({
    summary: cases.map((c) => ({
      data: c['data'],
      ipc: c['ipc'],
      secondsPerIteration: c['secondsPerIteration'],
      cpuSecondsPerIteration: c['cpuSecondsPerIteration'],
    })),
    backend: backend.name,
    reason: backend.reason,
  }),
);
