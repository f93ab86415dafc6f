/**
 * Import throughput and memory, through the real CLI and job process:
 *   1. the full Fashion-MNIST from Debian's dataset-fashion-mnist (70,000 images, IDX);
 *   2. an ImageFolder of 10,000 files (half PNG, half JPEG) made here from its test images.
 * Reports the job's own time (report.seconds), the command's wall time and the job process's
 * peak RSS, medians of --runs runs. One JSON line per case; all of it in bench-results/import.json.
 *
 *   node bin/run-ts.mjs scripts/bench-import.ts [--runs 3] [--idx /usr/share/datasets/fashion-mnist]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { readIdxDataset } from '../src/main/datasets/idx-dataset';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    idx: { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
  },
});
const runs = Number(values.runs);
const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'datapress-bench-import-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

interface Report {
  imported: { train: number; test: number };
  seconds: number;
  peakRssMb: number;
  skipped: { total: number };
}

function importOnce(source: string): { report: Report; wall: number } {
  const project = mkdtempSync(join(work, 'p-'));
  const t0 = performance.now();
  const out = spawnSync(
    process.execPath,
    [join(root, 'bin', 'datapress.mjs'), 'import', source, '--project', project, '--json'],
    { encoding: 'utf8' },
  );
  const wall = (performance.now() - t0) / 1000;
  rmSync(project, { recursive: true, force: true });
  if (out.status !== 0) throw new Error(`import failed: ${out.stderr}`);
  return { report: JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as Report, wall };
}

function measure(name: string, source: string, target: Record<string, unknown>) {
  const results = Array.from({ length: runs }, () => importOnce(source));
  const images = results[0]!.report.imported.train + results[0]!.report.imported.test;
  const jobSeconds = results.map((r) => r.report.seconds);
  const line = {
    case: name,
    images,
    skipped: results[0]!.report.skipped.total,
    runs,
    jobSecondsMedian: Number(median(jobSeconds).toFixed(3)),
    wallSecondsMedian: Number(median(results.map((r) => r.wall)).toFixed(3)),
    imagesPerSecondMedian: Math.round(images / median(jobSeconds)),
    peakRssMbMedian: median(results.map((r) => r.report.peakRssMb)),
    jobSeconds: jobSeconds.map((s) => Number(s.toFixed(3))),
    target,
  };
  console.log(JSON.stringify(line));
  return line;
}

async function makeFolder(dir: string): Promise<void> {
  const ds = readIdxDataset(values.idx);
  const px = ds.height * ds.width;
  for (let i = 0; i < ds.test.count; i++) {
    const cls = ds.classNames[ds.test.labels[i] as number] as string;
    const folder = join(dir, cls.replace(/\//g, '_'));
    mkdirSync(folder, { recursive: true });
    const img = sharp(Buffer.from(ds.test.images.subarray(i * px, (i + 1) * px)), {
      raw: { width: ds.width, height: ds.height, channels: 1 },
    }).toColourspace('b-w');
    const bytes = i % 2 === 0 ? await img.png().toBuffer() : await img.jpeg({ quality: 90 }).toBuffer();
    writeFileSync(join(folder, `${i}.${i % 2 === 0 ? 'png' : 'jpg'}`), bytes);
  }
}

try {
  const results = [measure('idx-fashion-mnist-70k', values.idx, { seconds: '< 5', peakRssMb: '< 400' })];
  const folder = join(work, 'folder');
  await makeFolder(folder);
  results.push(
    measure('imagefolder-10k-png-jpeg', folder, { imagesPerSecond: '>= 1000', peakRssMb: '< 500' }),
  );
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  writeFileSync(
    join(root, 'bench-results', 'import.json'),
    JSON.stringify({ bench: 'import', results }, null, 2),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
