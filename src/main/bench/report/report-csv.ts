/**
 * The benchmark as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds
 * a comma, a quote or a line break, quotes doubled). Numbers are raw: accuracy as a 0..1
 * fraction, bytes and seconds unrounded; a missing value is an empty field.
 */
import type { BenchResultDto } from '../../../shared/api/bench-dto';
import { benchResultRows, compareRows } from '../../../shared/bench/bench-table';

export type CsvValue = string | number | boolean | null | undefined;

/** One CSV field. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: a header line, then the rows, every line ended by CRLF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export const RESULTS_CSV_COLUMNS = [
  'benchmark',
  'dataset',
  'method',
  'method_label',
  'family',
  'ipc',
  'labels',
  'accuracy',
  'std',
  'n',
  'seeds_planned',
  'vs_random',
  'train_seconds',
  'png_bytes',
  'soft_label_bytes',
  'storage_bytes',
  'best',
] as const;

/** The results table: one row per cell, in the table's order. */
export function benchResultsCsv(result: BenchResultDto): string {
  const rows = benchResultRows(result).map((r) => [
    result.name,
    result.datasetName,
    r.method,
    r.methodLabel,
    r.family,
    r.ipc,
    r.labels,
    r.mean,
    r.std,
    r.n,
    r.seedsPlanned,
    r.vsRandom,
    r.trainSeconds,
    r.pngBytes,
    r.softLabelBytes,
    r.storageBytes,
    r.best ? 1 : 0,
  ]);
  return csvDocument(RESULTS_CSV_COLUMNS, rows);
}

export const SEEDS_CSV_COLUMNS = [
  'method',
  'ipc',
  'labels',
  'seed',
  'accuracy',
  'seconds',
  'run_id',
] as const;

/** Every finished seed: one row per training run, cells in the table's order, seeds ascending. */
export function benchSeedsCsv(result: BenchResultDto): string {
  const rows = [...result.cells]
    .sort(compareRows)
    .flatMap((cell) =>
      [...cell.runs]
        .sort((a, b) => a.seed - b.seed)
        .map((run) => [cell.method, cell.ipc, cell.labels, run.seed, run.accuracy, run.seconds, run.runId]),
    );
  return csvDocument(SEEDS_CSV_COLUMNS, rows);
}
