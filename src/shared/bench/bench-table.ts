/**
 * The benchmark's tables, as plain rows computed from a `BenchResultDto`, and the number
 * formatting they are shown with. Pure: the HTML report, the CSV and a future UI view share it.
 */
import type { BenchCellDto, BenchResultDto, BenchSetDto } from '../api/bench-dto';
import {
  BENCH_METHOD_FAMILY,
  BENCH_METHOD_LABEL,
  BENCH_METHODS,
  LABEL_MODES,
  type BenchMethod,
  type LabelMode,
} from '../api/bench-params';

/** One row of the results table: one (method, IPC, label mode) cell over its finished seeds. */
export interface BenchResultRow {
  method: BenchMethod;
  methodLabel: string;
  family: 'pruning' | 'distillation' | 'pca';
  ipc: number;
  labels: LabelMode;
  /** Test accuracy over the finished seeds, 0..1; null until a seed has finished. */
  mean: number | null;
  std: number | null;
  /** Seeds finished, and seeds the definition asks for. */
  n: number;
  seedsPlanned: number;
  /** Mean minus the random baseline's mean at the same IPC and label mode, 0..1 (null when either is missing). */
  vsRandom: number | null;
  /** Mean training seconds of the finished seeds (null without any). */
  trainSeconds: number | null;
  /** Bytes of the stored images and of the soft labels (null when the set is not known yet). */
  pngBytes: number | null;
  softLabelBytes: number | null;
  /** Bytes this cell needs: PNG images, plus the soft labels in soft-label mode. */
  storageBytes: number;
  /** The highest mean at this IPC and label mode (every tied row is best). */
  best: boolean;
}

/** One row of the storage table: one (method, IPC) compressed set. */
export interface BenchStorageRow {
  method: BenchMethod;
  methodLabel: string;
  ipc: number;
  storedImages: number;
  sourceImages: number;
  pngBytes: number;
  softLabelBytes: number;
  /** PNG bytes over the full training split's PNG bytes. */
  ratioToFull: number;
  /** PNG plus soft-label bytes over the full split's PNG bytes (null when that size is unknown). */
  ratioWithSoftLabels: number | null;
}

const methodOrder = (m: BenchMethod) => BENCH_METHODS.indexOf(m);
const modeOrder = (m: LabelMode) => LABEL_MODES.indexOf(m);

function findSet(result: BenchResultDto, method: BenchMethod, ipc: number): BenchSetDto | undefined {
  return result.sets.find((s) => s.method === method && s.ipc === ipc);
}

function average(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Rows sorted by label mode (hard first), IPC ascending, then the order of BENCH_METHODS. */
export function compareRows(
  a: { labels: LabelMode; ipc: number; method: BenchMethod },
  b: { labels: LabelMode; ipc: number; method: BenchMethod },
): number {
  return (
    modeOrder(a.labels) - modeOrder(b.labels) ||
    a.ipc - b.ipc ||
    methodOrder(a.method) - methodOrder(b.method)
  );
}

function vsRandomOf(cell: BenchCellDto, cells: readonly BenchCellDto[]): number | null {
  if (cell.vsRandom !== null) return cell.vsRandom;
  if (cell.mean === null) return null;
  const random = cells.find((c) => c.method === 'random' && c.ipc === cell.ipc && c.labels === cell.labels);
  return random && random.mean !== null ? cell.mean - random.mean : null;
}

/** The results table: one row per cell, sorted by `compareRows`, the best of each (IPC, label mode) marked. */
export function benchResultRows(result: BenchResultDto): BenchResultRow[] {
  const rows = result.cells.map((cell): BenchResultRow => {
    const set = findSet(result, cell.method, cell.ipc);
    return {
      method: cell.method,
      methodLabel: BENCH_METHOD_LABEL[cell.method],
      family: BENCH_METHOD_FAMILY[cell.method],
      ipc: cell.ipc,
      labels: cell.labels,
      mean: cell.mean,
      std: cell.std,
      n: cell.runs.length,
      seedsPlanned: result.definition.seeds,
      vsRandom: vsRandomOf(cell, result.cells),
      trainSeconds: average(cell.runs.map((r) => r.seconds)),
      pngBytes: set ? set.pngBytes : null,
      softLabelBytes: set ? set.softLabelBytes : null,
      storageBytes: cell.storageBytes,
      best: false,
    };
  });
  rows.sort(compareRows);
  const bestMean = new Map<string, number>();
  for (const row of rows) {
    if (row.mean === null) continue;
    const key = `${row.labels}/${row.ipc}`;
    bestMean.set(key, Math.max(bestMean.get(key) ?? -Infinity, row.mean));
  }
  for (const row of rows)
    row.best = row.mean !== null && row.mean === bestMean.get(`${row.labels}/${row.ipc}`);
  return rows;
}

/** The storage table: one row per compressed set, by IPC then the order of BENCH_METHODS. */
export function benchStorageRows(result: BenchResultDto): BenchStorageRow[] {
  return [...result.sets]
    .sort((a, b) => a.ipc - b.ipc || methodOrder(a.method) - methodOrder(b.method))
    .map((set) => ({
      method: set.method,
      methodLabel: BENCH_METHOD_LABEL[set.method],
      ipc: set.ipc,
      storedImages: set.images,
      sourceImages: set.sourceImages,
      pngBytes: set.pngBytes,
      softLabelBytes: set.softLabelBytes,
      ratioToFull: set.ratioToFull,
      ratioWithSoftLabels:
        result.fullPngBytes > 0 ? (set.pngBytes + set.softLabelBytes) / result.fullPngBytes : null,
    }));
}

/** The label modes that have at least one cell, in LABEL_MODES order. */
export function labelModesPresent(result: BenchResultDto): LabelMode[] {
  return LABEL_MODES.filter((mode) => result.cells.some((c) => c.labels === mode));
}

// ---- Formatting (fixed English formatting, so reports and tests agree) ----

export const DASH = '—';
const MINUS = '\u2212';

/**
 * Bytes in decimal units (1 KB = 1000 B, as storage is usually quoted) with 3 significant
 * digits: 999 → "999 B", 1234 → "1.23 KB", 157_000_000 → "157 MB", 5.8e9 → "5.80 GB".
 */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return DASH;
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
  let unit = 0;
  let value = bytes / 1000;
  // toPrecision(3) can round up to the next unit (999.6 KB → "1.00e+3").
  while (unit < units.length - 1 && Number(value.toPrecision(3)) >= 1000) {
    value /= 1000;
    unit++;
  }
  return `${value.toPrecision(3)} ${units[unit]}`;
}

/** A 0..1 fraction as a percentage with one decimal, no sign: 0.8734 → "87.3". */
export function formatPercent(fraction: number | null, digits = 1): string {
  if (fraction === null || !Number.isFinite(fraction)) return DASH;
  return (fraction * 100).toFixed(digits);
}

/** Mean ± std in percent: "87.3 ± 0.4"; the mean alone when there is no spread to show. */
export function formatMeanStd(mean: number | null, std: number | null, n = 2): string {
  if (mean === null || !Number.isFinite(mean)) return DASH;
  if (std === null || !Number.isFinite(std) || n < 2) return formatPercent(mean);
  return `${formatPercent(mean)} ± ${formatPercent(std)}`;
}

/** A difference of two fractions in percentage points with a sign: +1.2, −0.5, 0.0. */
export function formatPoints(delta: number | null, digits = 1): string {
  if (delta === null || !Number.isFinite(delta)) return DASH;
  const text = Math.abs(delta * 100).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return `${delta > 0 ? '+' : MINUS}${text}`;
}

/**
 * A ratio to the full dataset with 3 significant digits: a percentage below 1 (0.01234 →
 * "1.23%"), a multiple from 1 on (36.94 → "36.9×", 1234.5 → "1,235×").
 */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio) || ratio < 0) return DASH;
  if (ratio === 0) return '0%';
  if (ratio < 1) {
    const percent = Number((ratio * 100).toPrecision(3));
    return percent >= 100 ? '1.00×' : `${percent}%`;
  }
  return ratio >= 1000 ? `${formatCount(ratio)}×` : `${ratio.toPrecision(3)}×`;
}

/** Seconds with sensible precision: 0.42 → "0.42 s", 12.3 → "12.3 s", 754 → "12 min 34 s", 3 h → "3 h 00 min". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return DASH;
  if (seconds < 1) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Seeds finished: "3", or "2 of 3" while some are missing. */
export function formatSeeds(n: number, planned: number): string {
  return n >= planned ? String(n) : `${n} of ${planned}`;
}

/** Integers with thousands separators: 60000 → "60,000". */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  const digits = String(Math.abs(Math.round(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 && grouped !== '0' ? `${MINUS}${grouped}` : grouped;
}
