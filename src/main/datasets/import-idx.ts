import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../store/database';
import { findDatasetBySource, insertDataset, type NewSample } from '../store/datasets-repo';
import type { ProjectPaths } from '../store/project-store';
import { writeFileAtomic } from '../fsutil/atomic-write';
import { readIdxDataset, type IdxSplit } from './idx-dataset';

export interface ImportIdxOptions {
  name?: string;
  /** Keep at most this many images per class in each split (first in file order). */
  limitPerClass?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  datasetId: number;
  reused: boolean;
}

/**
 * Imports an IDX folder into a project: pixels into one cache file, every sample indexed in
 * SQLite. Importing the same files with the same options again reuses the existing dataset.
 */
export function importIdxDataset(db: Db, paths: ProjectPaths, dir: string, options: ImportIdxOptions = {}): ImportResult {
  const source = readIdxDataset(dir);
  const format = options.limitPerClass ? `idx:limit=${options.limitPerClass}` : 'idx';
  const existing = findDatasetBySource(db, source.sourceSha256, format);
  if (existing !== null) return { datasetId: existing, reused: true };

  const pixelsPer = source.height * source.width;
  const chosen = [
    { split: 'train' as const, data: source.train, indices: pick(source.train, options.limitPerClass) },
    { split: 'test' as const, data: source.test, indices: pick(source.test, options.limitPerClass) },
  ];
  const total = chosen.reduce((n, c) => n + c.indices.length, 0);
  const chunks: Uint8Array[] = [];
  const samples: NewSample[] = [];
  for (const { split, data, indices } of chosen) {
    for (const index of indices) {
      const pixels = data.images.subarray(index * pixelsPer, (index + 1) * pixelsPer);
      chunks.push(pixels);
      samples.push({
        cacheIndex: samples.length,
        classIndex: data.labels[index] as number,
        split,
        sourcePath: `${data.imagesFile}#${index}`,
        byteSize: pixelsPer,
        format: 'idx',
        contentSha256: createHash('sha256').update(pixels).digest('hex'),
      });
      if (samples.length % 500 === 0) options.onProgress?.(samples.length, total);
    }
  }
  mkdirSync(paths.cacheDir, { recursive: true });
  const cacheName = `dataset-${source.sourceSha256.slice(0, 12)}-${Date.now()}.u8`;
  const cacheFile = join(paths.cacheDir, cacheName);
  writeFileAtomic(cacheFile, chunks);
  try {
    const datasetId = insertDataset(db, {
      name: options.name ?? basename(dir),
      format,
      sourcePath: dir,
      sourceSha256: source.sourceSha256,
      height: source.height,
      width: source.width,
      channels: 1,
      cacheFile: cacheName,
      classNames: source.classNames,
      samples,
    });
    options.onProgress?.(total, total);
    return { datasetId, reused: false };
  } catch (error) {
    // The rows rolled back; do not leave an orphan cache file behind.
    rmSync(cacheFile, { force: true });
    throw error;
  }
}

function pick(split: IdxSplit, limitPerClass: number | undefined): number[] {
  if (!limitPerClass) return Array.from({ length: split.count }, (_, i) => i);
  const taken = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < split.count; i++) {
    const label = split.labels[i] as number;
    const n = taken.get(label) ?? 0;
    if (n < limitPerClass) {
      taken.set(label, n + 1);
      out.push(i);
    }
  }
  return out;
}
