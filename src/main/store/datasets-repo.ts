import type { ClassCount, DatasetDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import { type Db, nowIso } from './database';

export interface NewSample {
  cacheIndex: number;
  classIndex: number;
  split: 'train' | 'test';
  sourcePath: string;
  byteSize: number;
  format: string;
  contentSha256: string;
}

export interface NewDataset {
  name: string;
  format: string;
  sourcePath: string;
  sourceSha256: string;
  height: number;
  width: number;
  channels: number;
  cacheFile: string;
  classNames: string[];
  samples: NewSample[];
}

export interface SampleRef {
  id: number;
  cacheIndex: number;
  classIndex: number;
}

/** Inserts a dataset, its classes and all its samples in one transaction: all or nothing. */
export function insertDataset(db: Db, d: NewDataset): number {
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO datasets (name, format, source_path, source_sha256, height, width, channels, sample_count, cache_file, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.name,
        d.format,
        d.sourcePath,
        d.sourceSha256,
        d.height,
        d.width,
        d.channels,
        d.samples.length,
        d.cacheFile,
        nowIso(),
      );
    const id = Number(info.lastInsertRowid);
    insertClasses(db, id, d.classNames);
    insertSamples(db, id, d.samples);
    return id;
  })();
}

/** Class rows of a dataset, index = position in `names`. Call inside the caller's transaction. */
export function insertClasses(db: Db, datasetId: number, names: readonly string[]): void {
  const add = db.prepare('INSERT INTO classes (dataset_id, class_index, name) VALUES (?, ?, ?)');
  names.forEach((name, index) => add.run(datasetId, index, name));
}

/** Sample rows of a dataset. Call inside the caller's transaction. */
export function insertSamples(db: Db, datasetId: number, samples: readonly NewSample[]): void {
  const add = db.prepare(
    `INSERT INTO samples (dataset_id, cache_index, class_index, split, source_path, byte_size, format, content_sha256)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const s of samples) {
    add.run(
      datasetId,
      s.cacheIndex,
      s.classIndex,
      s.split,
      s.sourcePath,
      s.byteSize,
      s.format,
      s.contentSha256,
    );
  }
}

interface DatasetRow {
  id: number;
  name: string;
  format: string;
  sourcePath: string;
  sourceSha256: string;
  height: number;
  width: number;
  channels: number;
  sampleCount: number;
  cacheFile: string;
  createdAt: string;
}

const DATASET_COLUMNS = `id, name, format, source_path AS sourcePath, source_sha256 AS sourceSha256, height, width,
  channels, sample_count AS sampleCount, cache_file AS cacheFile, created_at AS createdAt`;

export function getDatasetRow(db: Db, id: number): DatasetRow {
  const row = db.prepare(`SELECT ${DATASET_COLUMNS} FROM datasets WHERE id = ?`).get(id) as
    DatasetRow | undefined;
  if (!row) throw new ApiError('not_found', `dataset ${id} does not exist in this project`);
  return row;
}

/** A dataset that finished importing: what scoring, selection and training accept. */
export function getReadyDataset(db: Db, id: number): DatasetRow {
  const row = getDatasetRow(db, id);
  const { status } = db.prepare('SELECT status FROM datasets WHERE id = ?').get(id) as { status: string };
  if (status !== 'ready')
    throw new ApiError(
      'conflict',
      `dataset ${id} is still being imported; finish or resume its import first`,
    );
  return row;
}

export function classCounts(db: Db, datasetId: number): ClassCount[] {
  return db
    .prepare(
      `SELECT c.class_index AS "index", c.name AS name,
         SUM(CASE WHEN s.split = 'train' THEN 1 ELSE 0 END) AS train,
         SUM(CASE WHEN s.split = 'test' THEN 1 ELSE 0 END) AS test
       FROM classes c LEFT JOIN samples s ON s.dataset_id = c.dataset_id AND s.class_index = c.class_index
       WHERE c.dataset_id = ? GROUP BY c.class_index ORDER BY c.class_index`,
    )
    .all(datasetId) as ClassCount[];
}

export function toDatasetDto(db: Db, row: DatasetRow): DatasetDto {
  const { cacheFile: _cache, ...rest } = row;
  return { ...rest, classes: classCounts(db, row.id) };
}

export function listDatasets(db: Db): DatasetDto[] {
  const rows = db
    .prepare(`SELECT ${DATASET_COLUMNS} FROM datasets WHERE status = 'ready' ORDER BY id`)
    .all() as DatasetRow[];
  return rows.map((row) => toDatasetDto(db, row));
}

/** Samples of one split in cache order, for training and selection. */
export function samplesOf(db: Db, datasetId: number, split: 'train' | 'test'): SampleRef[] {
  return db
    .prepare(
      `SELECT id, cache_index AS cacheIndex, class_index AS classIndex FROM samples
       WHERE dataset_id = ? AND split = ? ORDER BY cache_index`,
    )
    .all(datasetId, split) as SampleRef[];
}

export function classNames(db: Db, datasetId: number): string[] {
  const rows = db
    .prepare('SELECT name FROM classes WHERE dataset_id = ? ORDER BY class_index')
    .all(datasetId) as { name: string }[];
  return rows.map((r) => r.name);
}
