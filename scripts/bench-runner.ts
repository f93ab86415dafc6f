/**
 * The benchmark runner's own cost: how busy it keeps the cores and how much time it adds around
 * the training runs. On the embedded sample, a definition of many short runs (the worst case for
 * overhead) is run `--runs` times, each with a fresh seed so every run trains; scores, teacher and
 * sets are made once beforehand by a warm-up benchmark.
 *
 *   node bin/run-ts.mjs scripts/bench-runner.ts [--runs 3] [--parallel 2]
 *
 * Per repetition, from the job's own timing (BenchTimingDto):
 *   idleOverhead   parallel × (first task start → last task end) / Σ task slot-seconds − 1
 *   runOverhead    Σ task seconds of the runs / Σ their trainClassifier seconds − 1
 *                  (loading the set, building the model, evaluating the test split)
 *   cpuUtilisation the job process's CPU seconds / (wall × cores)
 * plus the machine's load average. Prints one JSON object and writes bench-results/runner.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, parallel: { type: 'string', default: '2' } },
});
const runs = Number(values.runs);
const parallel = Number(values.parallel);
const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin', 'datapress.mjs');
const project = mkdtempSync(join(tmpdir(), 'datapress-runner-'));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function cli(args: string[]): Record<string, unknown> {
  const out = spawnSync(process.execPath, [bin, ...args, '--project', project, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`datapress ${args.join(' ')} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? 'null') as Record<string, unknown>;
}

const definition = (seed: number) => ({
  name: `runner cost, seed ${seed}`,
  methods: ['random', 'el2n-easy', 'herding'],
  ipcs: [10],
  labels: ['hard', 'soft'],
  seeds: 4,
  seed,
  protocol: { width: 16, steps: 100, teacherEpochs: 3 },
  scoring: { width: 16, epochs: 3 },
  parallel,
});

cli(['import', join(root, 'resources', 'fashion-mnist-sample')]);
const defFile = (seed: number) => {
  const file = join(project, `def-${seed}.json`);
  writeFileSync(file, JSON.stringify(definition(seed)));
  return file;
};
// Warm-up: scores and the teacher (shared by every repetition), and the code paths.
cli(['bench', defFile(1000)]);

interface Timing {
  wallSeconds: number;
  cellsWallSeconds: number;
  trainSeconds: number;
  runSeconds: number;
  overhead: number;
  cpuUtilisation: number;
}
const reps: (Timing & { load: number; runs: number })[] = [];
for (let r = 0; r < runs; r++) {
  const load = loadavg()[0] as number;
  const out = cli(['bench', defFile(r * 10)]) as { timing: Timing; table: unknown[] };
  reps.push({ ...out.timing, load, runs: 3 * 2 * 4 });
}
const result = {
  script: 'bench-runner',
  cores: availableParallelism(),
  parallel,
  runsPerRepetition: 24,
  repetitions: reps.map((t) => ({
    wallSeconds: t.wallSeconds,
    idleOverhead: t.overhead,
    runOverhead: t.runSeconds / t.trainSeconds - 1,
    cpuUtilisation: t.cpuUtilisation,
    loadAverageAtStart: t.load,
  })),
  median: {
    wallSeconds: median(reps.map((t) => t.wallSeconds)),
    idleOverhead: median(reps.map((t) => t.overhead)),
    runOverhead: median(reps.map((t) => t.runSeconds / t.trainSeconds - 1)),
    cpuUtilisation: median(reps.map((t) => t.cpuUtilisation)),
  },
  note: 'the machine is shared: utilisation below 1 with a load average above the cores means others held them',
};
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', 'runner.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
