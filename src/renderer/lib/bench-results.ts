import type { BenchJobResultDto, BenchResultDto, BenchSummaryDto } from '../../shared/api/bench-dto';
import type { DatasetDto, JobDto, JobProgress, JobStatus } from '../../shared/api/dto';
import { formatCount, formatPercent, formatTimestamp } from './format';
import { newest } from './newest';

export type BenchStatus = BenchResultDto['status'];

/** A benchmark's status as a job's, so it shows with the same badge: done is succeeded. */
export function benchJobStatus(status: BenchStatus): JobStatus {
  return status === 'done' ? 'succeeded' : status;
}

/** The benchmark job a panel follows: the one started here, else the newest. */
export function benchJobFor(jobs: readonly JobDto[], startedId: number | null): JobDto | null {
  const started = startedId !== null ? jobs.find((j) => j.id === startedId) : undefined;
  return started ?? newest(jobs.filter((j) => j.kind === 'bench'));
}

/** Narrows a finished benchmark job's result; null if it is not one. */
export function asBenchJobResult(result: unknown): BenchJobResultDto | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as Partial<BenchJobResultDto>;
  return r.benchmark && typeof r.benchmark.id === 'number' && typeof r.reportDir === 'string'
    ? (result as BenchJobResultDto)
    : null;
}

/** The stored benchmark a job runs: named by its result once finished, by its job id before. */
export function benchmarkOfJob(job: JobDto | null, list: readonly BenchSummaryDto[]): BenchSummaryDto | null {
  if (!job) return null;
  const finished = asBenchJobResult(job.result);
  if (finished) return list.find((b) => b.id === finished.benchmark.id) ?? null;
  return list.find((b) => b.jobId === job.id) ?? null;
}

/** Which benchmark to show: the one picked, else the followed job's, else the newest. */
export function shownBenchmarkId(
  list: readonly BenchSummaryDto[],
  pickedId: number | null,
  job: JobDto | null,
): number | null {
  if (pickedId !== null && list.some((b) => b.id === pickedId)) return pickedId;
  return (benchmarkOfJob(job, list) ?? newest(list))?.id ?? null;
}

/** One row of the past-benchmarks table. */
export interface BenchListRow {
  id: number;
  name: string;
  dataset: string;
  status: JobStatus;
  /** "5 / 12". */
  runs: string;
  when: string;
}

export function benchListRow(
  summary: BenchSummaryDto,
  datasets: readonly Pick<DatasetDto, 'id' | 'name'>[],
): BenchListRow {
  return {
    id: summary.id,
    name: summary.name,
    dataset: datasets.find((d) => d.id === summary.datasetId)?.name ?? `dataset #${summary.datasetId}`,
    status: benchJobStatus(summary.status),
    runs: `${formatCount(summary.cellsDone)} / ${formatCount(summary.cells)}`,
    when: formatTimestamp(summary.createdAt),
  };
}

/**
 * The training-runs line of a benchmark job's progress: "5 of 12 training runs done, 2 running;
 * the last one scored 41.3%." Null before the training phase.
 */
export function describeRunsProgress(progress: JobProgress | null): string | null {
  const m = progress?.metrics;
  if (!m || typeof m.runsDone !== 'number' || typeof m.runsTotal !== 'number') return null;
  const running = typeof m.running === 'number' && m.running > 0 ? `, ${formatCount(m.running)} running` : '';
  const last =
    typeof m.lastAccuracy === 'number' ? `; the last one scored ${formatPercent(m.lastAccuracy)}` : '';
  return `${formatCount(m.runsDone)} of ${formatCount(m.runsTotal)} training runs done${running}${last}.`;
}

/**
 * What changes the stored results: a new phase (a set or the teacher is ready) or another
 * finished run. Progress within a phase (epochs of scoring) does not.
 */
export function resultsVersion(progress: JobProgress | null): string {
  if (!progress) return '';
  const m = progress.metrics ?? {};
  return `${progress.jobId}:${progress.phase}:${m.runsDone ?? ''}`;
}

/** The cells with a finished seed, and all of them: "7 of 12 cells have a result". */
export function describeCellsDone(result: BenchResultDto): string {
  const done = result.cells.filter((c) => c.mean !== null).length;
  return `${formatCount(done)} of ${formatCount(result.cells.length)} cells have a result`;
}

/** The benchmark in a line: dataset, classes, training and test images. */
export function describeBenchmark(result: BenchResultDto): string {
  const teacher =
    result.teacherAccuracy === null
      ? ''
      : `; teacher on the full split ${formatPercent(result.teacherAccuracy)}`;
  return (
    `${result.datasetName}: ${result.classNames.length} classes, ${formatCount(result.fullTrainImages)} training ` +
    `and ${formatCount(result.testImages)} test images${teacher}.`
  );
}

/** The file name a downloaded report is saved as: "bench-3-quick-smoke.html". */
export function reportFileName(id: number, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `bench-${id}${slug ? `-${slug}` : ''}.html`;
}
