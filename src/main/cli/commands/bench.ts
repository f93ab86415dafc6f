import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchEstimateDto, BenchJobResultDto, BenchResultDto } from '../../../shared/api/bench-dto';
import { BENCH_METHOD_LABEL, type BenchDefinitionInput } from '../../../shared/api/bench-params';
import { intOption, parseCommandArgs } from '../args';
import { UsageError } from '../cli-error';
import type { CommandResult } from '../command';
import { datasetOption } from '../dataset-option';
import { formatSeconds } from '../progress-bar';
import { formatBytes } from '../result-table';
import { followJob, jobFailure, openSession, type CliSession } from '../session';
import { RESOURCES_DIR } from '../workspace';

export const BENCH_HELP = `datapress bench — benchmark pruning against distillation, hard against soft labels

Usage: datapress bench <definition.json> [options]
       datapress bench --quick [options]
       datapress bench --report ID [options]

Runs every (method, IPC, label mode, seed) of a definition under one training protocol as one
job: scores, the soft-label teacher and each method's compressed set are made once (or reused),
then the training runs go side by side, one per core. Finished runs are never rerun: the same
command again continues an interrupted benchmark. Writes report.html (tables and SVG plots),
results.csv, seeds.csv and results.json to <project>/reports/bench-<id>/.

The definition (JSON; everything but "methods" has a default):
  {"name": "…", "methods": ["random", "el2n-easy", "forgetting", "herding", "dm", "rded", "pca"],
   "ipcs": [1, 10, 50], "labels": ["hard", "soft"], "seeds": 3,
   "protocol": {"width": 128, "steps": 300, "batchSize": 128, "teacherEpochs": 10},
   "scoring": {"width": 32, "epochs": 10}, "pca": {"k": 2}, "rded": {"k": 2},
   "dm": {"iterations": 1000, "realBatch": 256}, "parallel": <cores>}
  methods: random, el2n-easy, el2n-hard, forgetting, aum, ccs, herding, kcenter, dm, rded, pca

Options:
  --quick            a smoke preset on the embedded Fashion-MNIST sample (imported if needed):
                     6 methods × IPC 1, 2 × hard, soft × 2 seeds, tiny models; about a minute
  --estimate         print the estimated time of every part and stop
  --report ID        write benchmark ID's report again from the stored results (also mid-run)
  --dataset ID       dataset (default: the definition's datasetId, or the project's only one)
  --project DIR      project folder
  --json             print {benchId, reportDir, reportHtml, estimate, table} as JSON
`;

/** The smoke preset: every kind of row, small enough for a test. */
export const QUICK_DEFINITION: Omit<BenchDefinitionInput, 'datasetId'> = {
  name: 'quick smoke benchmark',
  methods: ['random', 'el2n-easy', 'herding', 'dm', 'rded', 'pca'],
  ipcs: [1, 2],
  labels: ['hard', 'soft'],
  seeds: 2,
  protocol: { width: 8, steps: 20, teacherEpochs: 2, batchSize: 64 },
  scoring: { width: 8, epochs: 2 },
  dm: { iterations: 5, realBatch: 32 },
};

function readDefinition(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the definition ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the definition ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`the definition ${path} must be a JSON object`);
  return parsed as Record<string, unknown>;
}

async function sampleDataset(session: CliSession): Promise<number> {
  const job = await session.api.call('datasets.import', {
    project: session.project,
    params: {
      path: join(RESOURCES_DIR, 'fashion-mnist-sample'),
      format: 'idx',
      name: 'fashion-mnist-sample',
    },
  });
  const done = await followJob(session, job, false);
  const failure = jobFailure(done);
  if (failure) throw failure;
  return (done.result as { datasetId: number }).datasetId;
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}`);

export function estimateText(e: BenchEstimateDto): string {
  return [
    `${e.trainingRuns} training runs (${e.cells} cells × seeds) on ${e.sets} compressed sets; estimated ${formatSeconds(e.seconds)}`,
    ...e.parts.map((p) => `  ${p.name.padEnd(28)} ${p.reused ? 'done' : formatSeconds(p.seconds)}`),
    `  basis: ${e.basis}`,
    ...e.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}

export function benchTable(r: BenchResultDto): string {
  const width = Math.max(6, ...r.cells.map((c) => BENCH_METHOD_LABEL[c.method].length));
  const head = `  ${'method'.padEnd(width)}  ${'IPC'.padStart(4)}  labels  ${'acc %'.padStart(11)}  ${'vs random'.padStart(9)}  ${'storage'.padStart(9)}`;
  const rows = r.cells.map(
    (c) =>
      `  ${BENCH_METHOD_LABEL[c.method].padEnd(width)}  ${String(c.ipc).padStart(4)}  ${c.labels.padEnd(6)}  ${`${pct(c.mean)} ± ${pct(c.std)}`.padStart(11)}  ${(c.vsRandom === null ? '—' : `${c.vsRandom >= 0 ? '+' : ''}${(c.vsRandom * 100).toFixed(1)}`).padStart(9)}  ${formatBytes(c.storageBytes).padStart(9)}`,
  );
  return [head, ...rows].join('\n');
}

async function reportCommand(idText: string, projectOption: string | undefined): Promise<CommandResult> {
  const benchId = intOption(idText, 'report', 1, 2 ** 31 - 1) as number;
  const session = openSession(projectOption, { create: false });
  try {
    const { dir } = await session.api.call('bench.writeReport', { project: session.project, benchId });
    const result = await session.api.call('bench.get', { project: session.project, benchId });
    return {
      text: [
        `benchmark #${benchId} "${result.name}" (${result.status})`,
        benchTable(result),
        `report: ${join(dir, 'report.html')}`,
      ].join('\n'),
      json: { benchId, reportDir: dir, reportHtml: join(dir, 'report.html'), table: result.cells },
    };
  } finally {
    await session.close();
  }
}

export async function benchCommand(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      quick: { type: 'boolean', default: false },
      estimate: { type: 'boolean', default: false },
      report: { type: 'string' },
      dataset: { type: 'string' },
    },
    true,
  );
  if (values.help) return { text: BENCH_HELP };
  if (values.report !== undefined) return reportCommand(values.report, values.project);
  if (values.quick === positionals.length > 0)
    throw new UsageError('give a definition file or --quick (one of them)');
  if (positionals.length > 1) throw new UsageError(`one definition file, got ${positionals.length}`);
  const fromFile = positionals[0] ? readDefinition(resolve(positionals[0])) : null;
  const session = openSession(values.project, { create: values.quick });
  try {
    const datasetId = values.quick
      ? await sampleDataset(session)
      : typeof fromFile?.datasetId === 'number' && values.dataset === undefined
        ? fromFile.datasetId
        : await datasetOption(session, values.dataset);
    const definition = { ...(fromFile ?? QUICK_DEFINITION), datasetId } as BenchDefinitionInput;
    const project = session.project;
    const estimate = await session.api.call('bench.estimate', { project, definition });
    if (values.estimate) return { text: estimateText(estimate), json: { estimate } };
    if (!values.json) process.stderr.write(`${estimateText(estimate)}\n`);
    const job = await session.api.call('bench.start', { project, definition });
    const finished = await followJob(session, job, !values.json);
    const failure = jobFailure(finished);
    if (failure) throw failure;
    const r = finished.result as BenchJobResultDto;
    const t = r.benchmark.timing;
    const text = [
      `benchmark #${r.benchmark.id} "${r.benchmark.name}" on ${r.benchmark.datasetName}`,
      benchTable(r.benchmark),
      t
        ? `wall ${formatSeconds(t.wallSeconds)}; ${t.parallel} runs at once; runner overhead ${t.overhead === null ? '—' : `${(t.overhead * 100).toFixed(1)} %`}; CPU ${t.cpuUtilisation === null ? '—' : `${(t.cpuUtilisation * 100).toFixed(0)} %`} of all cores`
        : '',
      `report: ${r.reportHtml}`,
    ].join('\n');
    return {
      text,
      json: {
        benchId: r.benchmark.id,
        reportDir: r.reportDir,
        reportHtml: r.reportHtml,
        estimate,
        timing: t,
        table: r.benchmark.cells.map(({ runs, ...cell }) => ({ ...cell, seeds: runs.length })),
      },
    };
  } finally {
    await session.close();
  }
}
