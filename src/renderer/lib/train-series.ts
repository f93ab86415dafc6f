import type { JobProgress, RunDto } from '../../shared/api/dto';
import { formatPercent } from './format';
import type { ChartSeries } from './line-chart-geometry';

/** One finished epoch as the training job reports it (`JobProgress.metrics`). */
export interface EpochPoint {
  epoch: number;
  loss: number;
  /** Share of the epoch's views the model got right while training; null when not recorded. */
  trainAccuracy: number | null;
}

/** One seed's curve: the job's phase "seed 3" and the epochs seen so far. */
export interface SeedSeries {
  seed: number;
  /** The epochs the seed will train, when known. */
  plannedEpochs: number | null;
  points: EpochPoint[];
}

/** Per training job, per seed (in the order they trained). */
export type SeriesMap = Readonly<Record<number, readonly SeedSeries[]>>;

/** "seed 3" → 3; other phases (the teacher) → null. */
export function seedOfPhase(phase: string): number | null {
  const match = /^seed (\d+)$/.exec(phase);
  return match ? Number(match[1]) : null;
}

/**
 * Adds an epoch-end report to its job's series. Reports without metrics (mid-epoch progress,
 * the teacher) leave the map as it is. A repeated epoch replaces the earlier point. The planned
 * epochs come from the report's counts: done = epoch × images, total = epochs × images.
 */
export function recordEpoch(map: SeriesMap, progress: JobProgress): SeriesMap {
  const m = progress.metrics;
  const seed = seedOfPhase(progress.phase);
  if (!m || seed === null || typeof m.epoch !== 'number' || typeof m.loss !== 'number') return map;
  const point: EpochPoint = {
    epoch: m.epoch,
    loss: m.loss,
    trainAccuracy: typeof m.trainAccuracy === 'number' ? m.trainAccuracy : null,
  };
  const planned = progress.done > 0 ? Math.round((progress.total * m.epoch) / progress.done) : null;
  const list = map[progress.jobId] ?? [];
  const existing = list.find((s) => s.seed === seed);
  const points = [...(existing?.points ?? []).filter((p) => p.epoch !== point.epoch), point].sort(
    (a, b) => a.epoch - b.epoch,
  );
  const next: SeedSeries = { seed, plannedEpochs: planned ?? existing?.plannedEpochs ?? null, points };
  const series = existing ? list.map((s) => (s.seed === seed ? next : s)) : [...list, next];
  return { ...map, [progress.jobId]: series };
}

/** What a finished job's stored runs hold: the loss of every epoch (training accuracy is live only). */
export function seriesFromRuns(runs: readonly RunDto[], jobId: number): SeedSeries[] {
  return runs
    .filter((r) => r.jobId === jobId)
    .sort((a, b) => a.seed - b.seed)
    .map((r) => ({ seed: r.seed, plannedEpochs: r.epochs, points: lossPoints(r.losses) }));
}

export function lossPoints(losses: readonly number[]): EpochPoint[] {
  return losses.map((loss, i) => ({ epoch: i + 1, loss, trainAccuracy: null }));
}

/** The chart's two lines: loss (left axis) and training accuracy (right axis, 0–100%). */
export function chartSeries(points: readonly EpochPoint[]): ChartSeries[] {
  const out: ChartSeries[] = [
    { id: 'loss', label: 'Loss', axis: 'left', points: points.map((p) => ({ x: p.epoch, y: p.loss })) },
  ];
  const acc = points.filter((p) => p.trainAccuracy !== null);
  if (acc.length > 0)
    out.push({
      id: 'accuracy',
      label: 'Training accuracy',
      axis: 'right',
      points: acc.map((p) => ({ x: p.epoch, y: p.trainAccuracy as number })),
    });
  return out;
}

/** A loss to three significant figures: 2.302585 → "2.30". */
export function formatLoss(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3) : '—';
}

/**
 * The chart in one sentence, for its aria-label: "Seed 0, 3 of 3 epochs: loss from 2.30 to 1.85;
 * training accuracy from 12.0% to 40.0%."
 */
export function chartSummary(series: SeedSeries): string {
  const n = series.points.length;
  if (n === 0) return `Seed ${series.seed}: no epoch has finished yet.`;
  const first = series.points[0] as EpochPoint;
  const last = series.points[n - 1] as EpochPoint;
  const epochs =
    series.plannedEpochs !== null
      ? `${last.epoch} of ${series.plannedEpochs} epochs`
      : `${last.epoch} epoch${last.epoch === 1 ? '' : 's'}`;
  const range = (a: string, b: string) => (n === 1 ? a : `from ${a} to ${b}`);
  let text = `Seed ${series.seed}, ${epochs}: loss ${range(formatLoss(first.loss), formatLoss(last.loss))}`;
  const acc = series.points.filter((p) => p.trainAccuracy !== null);
  if (acc.length > 0) {
    const a = formatPercent(acc[0]!.trainAccuracy as number);
    const b = formatPercent(acc[acc.length - 1]!.trainAccuracy as number);
    text += `; training accuracy ${acc.length === 1 ? a : `from ${a} to ${b}`}`;
  }
  return `${text}.`;
}
