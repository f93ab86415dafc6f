/**
 * The demo's numbers: wall time of `datapress demo` (the README's main job) and its
 * compressed/full accuracies over several seeds, beside the PyTorch peer's hard-label protocol
 * (../shared/peers/torch_convnet.py protocol) on the same sample, same IPC, width and epochs.
 *
 *   node bin/run-ts.mjs scripts/bench-demo.ts [--runs 3] [--ipc 10] [--width 32] [--no-peer]
 *
 * Prints one JSON object on its last line and writes it to bench-results/demo.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    ipc: { type: 'string', default: '10' },
    width: { type: 'string', default: '32' },
    'no-peer': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const root = resolve(import.meta.dirname, '..');
const sample = join(root, 'resources', 'fashion-mnist-sample');
const peer = resolve(root, '..', 'shared', 'peers', 'torch_convnet.py');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const lastJson = (text: string) =>
  JSON.parse(text.trim().split('\n').at(-1) ?? 'null') as Record<string, unknown>;

interface DemoRun {
  seed: number;
  wallSeconds: number;
  compressedAccuracy: number;
  compressedEpochs: number;
  fullAccuracy: number | null;
  backend: string;
}

const ours: DemoRun[] = [];
for (let seed = 0; seed < runs; seed++) {
  const dir = mkdtempSync(join(tmpdir(), 'datapress-bench-'));
  const t0 = performance.now();
  const out = spawnSync(
    process.execPath,
    [
      join(root, 'bin', 'datapress.mjs'),
      'demo',
      '--json',
      '--project',
      join(dir, 'p'),
      '--seed',
      String(seed),
      '--ipc',
      values.ipc,
      '--width',
      values.width,
    ],
    { encoding: 'utf8' },
  );
  const wallSeconds = (performance.now() - t0) / 1000;
  rmSync(dir, { recursive: true, force: true });
  if (out.status !== 0) throw new Error(`demo failed: ${out.stderr}`);
  const r = lastJson(out.stdout) as {
    compressed: { accuracy: number; epochs: number };
    full: { accuracy: number } | null;
    backend: { name: string };
  };
  ours.push({
    seed,
    wallSeconds,
    compressedAccuracy: r.compressed.accuracy,
    compressedEpochs: r.compressed.epochs,
    fullAccuracy: r.full?.accuracy ?? null,
    backend: r.backend.name,
  });
  console.error(
    `seed ${seed}: ${wallSeconds.toFixed(1)} s, compressed ${r.compressed.accuracy}, full ${r.full?.accuracy}`,
  );
}

const peers: { seed: number; accuracy: number; seconds: number }[] = [];
let peerNote: string | null = null;
if (values['no-peer']) peerNote = 'skipped (--no-peer)';
else if (!existsSync(peer)) peerNote = `peer script not found at ${peer}`;
else {
  for (let seed = 0; seed < runs; seed++) {
    const epochs = String(ours[seed]?.compressedEpochs ?? 300);
    const out = spawnSync(
      '/usr/bin/python3',
      [
        peer,
        'protocol',
        '--idx',
        sample,
        '--ipc',
        values.ipc,
        '--width',
        values.width,
        '--epochs',
        epochs,
        '--seed',
        String(seed),
      ],
      { encoding: 'utf8' },
    );
    if (out.status !== 0) {
      peerNote = `peer failed (is python3-torch installed?): ${out.stderr.trim().split('\n').at(-1)}`;
      break;
    }
    const r = lastJson(out.stdout) as { test_accuracy: number; seconds: number };
    peers.push({ seed, accuracy: r.test_accuracy, seconds: r.seconds });
  }
}

const result = {
  benchmark: 'demo',
  dataset: 'embedded Fashion-MNIST sample (3000 train / 1000 test)',
  ipc: Number(values.ipc),
  width: Number(values.width),
  runs: ours,
  median: {
    wallSeconds: median(ours.map((r) => r.wallSeconds)),
    compressedAccuracy: median(ours.map((r) => r.compressedAccuracy)),
    fullAccuracy: median(ours.flatMap((r) => (r.fullAccuracy === null ? [] : [r.fullAccuracy]))),
  },
  peer: peers.length
    ? {
        name: 'pytorch torch_convnet.py protocol',
        runs: peers,
        medianAccuracy: median(peers.map((p) => p.accuracy)),
      }
    : { note: peerNote },
};
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', 'demo.json'), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result));
