import type { DatasetDto, DemoResultDto } from '../../shared/api/dto';
import { formatBytes, formatCount, formatDuration, formatPercent } from './format';

/** Narrows a job's `result` (unknown on the wire) to a demo result, or null if it is not one. */
export function asDemoResult(result: unknown): DemoResultDto | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as Partial<DemoResultDto>;
  const ok =
    typeof r.datasetId === 'number' &&
    typeof r.ipc === 'number' &&
    typeof r.compressed?.accuracy === 'number' &&
    typeof r.export?.dir === 'string' &&
    typeof r.backend?.name === 'string';
  return ok ? (result as DemoResultDto) : null;
}

export interface DemoSummary {
  compressedAccuracy: string;
  fullAccuracy: string | null;
  /** Compressed accuracy as a share of full-data accuracy. */
  retained: string | null;
  imagesKept: string;
  imagesOf: string | null;
  bytesOnDisk: string;
  fullBytes: string;
  sizeShare: string | null;
  exportDir: string;
  backend: string;
  backendReason: string;
  seconds: string;
  perClass: { name: string; compressed: string; full: string | null }[];
}

/** Turns a demo result into the strings the result panel shows. */
export function summarizeDemo(result: DemoResultDto, dataset: DatasetDto | null): DemoSummary {
  const full = result.full;
  const totalTrain = dataset
    ? dataset.classes.reduce((sum, c) => sum + c.train, 0)
    : (full?.trainImages ?? null);
  const names = dataset?.classes.map((c) => c.name) ?? [];
  return {
    compressedAccuracy: formatPercent(result.compressed.accuracy),
    fullAccuracy: full ? formatPercent(full.accuracy) : null,
    retained: full && full.accuracy > 0 ? formatPercent(result.compressed.accuracy / full.accuracy, 0) : null,
    imagesKept: formatCount(result.export.images),
    imagesOf: totalTrain ? formatCount(totalTrain) : null,
    bytesOnDisk: formatBytes(result.export.bytes),
    fullBytes: formatBytes(result.export.fullDatasetBytes),
    sizeShare:
      result.export.fullDatasetBytes > 0
        ? formatPercent(result.export.bytes / result.export.fullDatasetBytes, 2)
        : null,
    exportDir: result.export.dir,
    backend: result.backend.name,
    backendReason: result.backend.reason,
    seconds: formatDuration(result.seconds),
    perClass: result.compressed.perClassAccuracy.map((accuracy, i) => ({
      name: names[i] ?? `Class ${i}`,
      compressed: formatPercent(accuracy, 0),
      full: full?.perClassAccuracy[i] !== undefined ? formatPercent(full.perClassAccuracy[i]!, 0) : null,
    })),
  };
}
