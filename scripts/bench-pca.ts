/**
 * Issue 5's accuracy table on the real Fashion-MNIST (Debian's dataset-fashion-mnist): ConvNet-3,
 * hard labels, IPC 10, 3 seeds, the same protocol for every row —
 *   random subset (k = 1) · EL2N easy-first (k = 1) · PCA k = 2 constrained · PCA k = 2 whole-image crop.
 * Every step goes through the real CLI (import, score, select, combine, train). Results to
 * bench-results/pca-accuracy.json; one JSON line per row.
 *
 *   node bin/run-ts.mjs scripts/bench-pca.ts [--project DIR] [--ipc 10] [--width 128] [--seeds 3] [--quick]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    project: { type: 'string' },
    idx: { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
    ipc: { type: 'string', default: '10' },
    width: { type: 'string', default: '128' },
    seeds: { type: 'string', default: '3' },
    epochs: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const root = resolve(import.meta.dirname, '..');
const quick = values.quick;
const project = resolve(values.project ?? mkdtempSync(join(tmpdir(), 'datapress-bench-pca-')));
const source = quick ? join(root, 'resources', 'fashion-mnist-sample') : values.idx;
const ipc = Number(values.ipc);
const width = quick ? '8' : values.width;
const seeds = quick ? '1' : values.seeds;

function cli(args: string[]): Record<string, unknown> {
  const t0 = performance.now();
  const out = spawnSync(
    process.execPath,
    [join(root, 'bin', 'datapress.mjs'), ...args, '--project', project, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  if (out.status !== 0) throw new Error(`datapress ${args.join(' ')} failed: ${out.stderr.slice(-2000)}`);
  const json = JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as Record<string, unknown>;
  process.stderr.write(`datapress ${args[0]} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return json;
}

const started = performance.now();
if (!existsSync(join(project, 'project.sqlite'))) cli(['import', source as string]);
const score = cli(['score', ...(quick ? ['--width', '8', '--epochs', '2'] : [])]);
const train = [
  '--width',
  width,
  '--seeds',
  seeds,
  ...(values.epochs ? ['--epochs', values.epochs] : []),
  ...(quick ? ['--epochs', '5'] : []),
];

interface Row {
  name: string;
  method: string;
  k: number;
  augment: string;
}
const rows: Row[] = [
  { name: 'random subset', method: 'random', k: 1, augment: 'constrained' },
  { name: 'EL2N easy-first', method: 'el2n', k: 1, augment: 'constrained' },
  { name: 'PCA (k = 2, constrained crop)', method: 'el2n', k: 2, augment: 'constrained' },
  { name: 'PCA (k = 2, whole-image crop)', method: 'el2n', k: 2, augment: 'whole' },
];
const results = [];
for (const row of rows) {
  const select = cli([
    'select',
    '--method',
    row.method,
    ...(row.method === 'random' ? [] : ['--rule', 'easy']),
    '--ipc',
    String(ipc * row.k * row.k),
  ]);
  const set = cli(['combine', String(select['selectionId']), '--k', String(row.k)]);
  const result = cli(['train', String(set['setId']), '--augment', row.augment, ...train]) as {
    meanAccuracy: number;
    stdAccuracy: number;
    runs: { accuracy: number; seconds: number; imagesPerSecond: number }[];
    epochs: number;
    batchSize: number;
    trainImages: number;
  };
  const line = {
    row: row.name,
    ipc,
    k: row.k,
    augment: row.augment,
    storedImages: result.trainImages,
    keptImages: ipc * row.k * row.k * 10,
    epochs: result.epochs,
    batch: result.batchSize,
    width: Number(width),
    meanAccuracy: Number(result.meanAccuracy.toFixed(4)),
    stdAccuracy: Number(result.stdAccuracy.toFixed(4)),
    seeds: result.runs.map((r) => Number(r.accuracy.toFixed(4))),
    trainSeconds: result.runs.map((r) => Number(r.seconds.toFixed(1))),
    imagesPerSecond: result.runs.map((r) => Math.round(r.imagesPerSecond)),
    selectionId: select['selectionId'],
    setId: set['setId'],
  };
  console.log(JSON.stringify(line));
  results.push(line);
}
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(
  join(root, 'bench-results', quick ? 'pca-accuracy-quick.json' : 'pca-accuracy.json'),
  JSON.stringify(
    { project, scoreSet: score['scoreSetId'], totalSeconds: (performance.now() - started) / 1000, results },
    null,
    2,
  ),
);
