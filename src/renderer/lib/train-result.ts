import type { DatasetDto, JobDto, RunDto, TrainJobResultDto } from '../../shared/api/dto';
import type { ClassRow } from './class-table';
import { formatCount, formatPercent, formatTimestamp } from './format';
import { newest } from './newest';
import { formatShortDuration } from './prune-summary';

/** Narrows a finished training job's result; null if it is not one. */
export function asTrainResult(result: unknown): TrainJobResultDto | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as Partial<TrainJobResultDto>;
  return Array.isArray(r.runs) &&
    typeof r.meanAccuracy === 'number' &&
    typeof r.stdAccuracy === 'number' &&
    Array.isArray(r.confusion) &&
    Array.isArray(r.classNames)
    ? (result as TrainJobResultDto)
    : null;
}

/** The training job a panel follows: the one started here, else the newest. */
export function trainJobFor(jobs: readonly JobDto[], startedId: number | null): JobDto | null {
  const started = startedId !== null ? jobs.find((j) => j.id === startedId) : undefined;
  return started ?? newest(jobs.filter((j) => j.kind === 'train'));
}

/** "71.3% ± 1.2%" over several seeds, "71.3%" for one. */
export function formatMeanStd(mean: number, std: number, seeds: number): string {
  return seeds > 1 ? `${formatPercent(mean)} ± ${formatPercent(std)}` : formatPercent(mean);
}

/** The headline: "Test accuracy 71.3% ± 1.2% (mean ± standard deviation over 3 seeds)." */
export function describeAccuracy(result: TrainJobResultDto): string {
  const n = result.runs.length;
  const how = n > 1 ? `mean ± standard deviation over ${n} seeds` : 'one seed';
  return `Test accuracy ${formatMeanStd(result.meanAccuracy, result.stdAccuracy, n)} (${how}).`;
}

/** What was trained, in a line: "ConvNet width 8 on 20 images (2×2 mosaics), hard labels, constrained views, 3 epochs; 200 test images." */
export function describeTraining(result: TrainJobResultDto): string {
  const model = result.model === 'resnet18' ? 'ResNet-18' : 'ConvNet';
  const data = result.setId !== null ? `set #${result.setId}` : 'the full training split';
  const grid = result.grid > 1 ? `, ${result.grid}×${result.grid} mosaics` : '';
  return (
    `${model} width ${result.width} on ${data} (${formatCount(result.trainImages)} images${grid}), ` +
    `${result.labels} labels, ${result.augment === 'none' ? 'no crops' : `${result.augment} views`}, ` +
    `${formatCount(result.epochs)} epoch${result.epochs === 1 ? '' : 's'}; ` +
    `${formatCount(result.testImages)} test images · ${result.backend} · ${formatShortDuration(result.seconds)}.`
  );
}

export interface SeedRow {
  seed: number;
  runId: number;
  accuracy: string;
  time: string;
  note: string;
}

export function seedRows(result: TrainJobResultDto): SeedRow[] {
  return result.runs.map((r) => ({
    seed: r.seed,
    runId: r.runId,
    accuracy: formatPercent(r.accuracy),
    time: formatShortDuration(r.seconds),
    note:
      r.resumedAfterEpoch === 0
        ? ''
        : r.resumedAfterEpoch >= r.epochs
          ? 'finished before; reused'
          : `continued after epoch ${r.resumedAfterEpoch}`,
  }));
}

/** Per-class accuracy rows, worst first so the weak classes stand out; ties keep class order. */
export function perClassRows(names: readonly string[], accuracy: readonly number[]): ClassRow[] {
  return accuracy
    .map((value, index) => ({ index, value }))
    .sort((a, b) => a.value - b.value || a.index - b.index)
    .map(({ index, value }) => ({
      key: index,
      name: names[index] ?? `class ${index}`,
      cells: [formatPercent(value)],
    }));
}

/** One row of the past-runs table. */
export interface RunRow {
  id: number;
  when: string;
  model: string;
  data: string;
  labels: string;
  augment: string;
  epochs: string;
  seed: number;
  accuracy: string;
}

export function runRow(run: RunDto, datasets: readonly Pick<DatasetDto, 'id' | 'name'>[]): RunRow {
  const p = run.params;
  const setId = typeof p.setId === 'number' ? p.setId : null;
  const dataset = datasets.find((d) => d.id === run.datasetId)?.name ?? `dataset #${run.datasetId}`;
  return {
    id: run.id,
    when: formatTimestamp(run.createdAt),
    model: run.model,
    data:
      setId !== null ? `set #${setId} (${formatCount(run.trainImages)} images)` : `full split of ${dataset}`,
    labels: typeof p.labels === 'string' ? p.labels : '—',
    augment: typeof p.augment === 'string' ? p.augment : '—',
    epochs: formatCount(run.epochs),
    seed: run.seed,
    accuracy: run.accuracy === null ? '—' : formatPercent(run.accuracy),
  };
}
