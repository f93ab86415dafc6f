import type { ImportReportDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import { type Db, nowIso } from './database';
import { insertClasses, insertSamples, type NewSample } from './datasets-repo';

/** SQL of resumable imports: the dataset row in 'importing' state, its cursor, skipped files, report. */

export interface ImportingDataset {
  id: number;
  status: 'importing' | 'ready';
  cursor: number;
  cacheFile: string;
}

export function findImport(db: Db, key: string): ImportingDataset | null {
  const row = db
    .prepare(
      'SELECT id, status, import_cursor AS cursor, cache_file AS cacheFile FROM datasets WHERE import_key = ? ORDER BY id DESC LIMIT 1',
    )
    .get(key) as ImportingDataset | undefined;
  return row ?? null;
}

export function createImport(
  db: Db,
  d: {
    name: string;
    format: string;
    sourcePath: string;
    key: string;
    params: unknown;
    height: number;
    width: number;
    channels: number;
    cacheFile: string;
    classNames: string[];
  },
): number {
  return db.transaction(() => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO datasets (name, format, source_path, source_sha256, height, width, channels, sample_count, cache_file, created_at, status, import_key, import_params, import_cursor)
           VALUES (?, ?, ?, '', ?, ?, ?, 0, ?, ?, 'importing', ?, ?, 0)`,
        )
        .run(
          d.name,
          d.format,
          d.sourcePath,
          d.height,
          d.width,
          d.channels,
          d.cacheFile,
          nowIso(),
          d.key,
          JSON.stringify(d.params),
        ).lastInsertRowid,
    );
    insertClasses(db, id, d.classNames);
    return id;
  })();
}

export function addSkipped(
  db: Db,
  datasetId: number,
  skipped: readonly { path: string; reason: string; detail?: string }[],
): void {
  const add = db.prepare('INSERT INTO import_skipped (dataset_id, path, reason, detail) VALUES (?, ?, ?, ?)');
  for (const s of skipped) add.run(datasetId, s.path, s.reason, s.detail ?? null);
}

/** Records one decoded chunk: its samples, its skipped files and the new cursor, atomically. */
export function recordChunk(
  db: Db,
  datasetId: number,
  samples: readonly NewSample[],
  skipped: readonly { path: string; reason: string; detail?: string }[],
  cursor: number,
): void {
  db.transaction(() => {
    insertSamples(db, datasetId, samples);
    addSkipped(db, datasetId, skipped);
    db.prepare('UPDATE datasets SET import_cursor = ? WHERE id = ?').run(cursor, datasetId);
  })();
}

export function importedHashes(db: Db, datasetId: number): { count: number; hashes: string[] } {
  const rows = db
    .prepare('SELECT content_sha256 AS h FROM samples WHERE dataset_id = ? ORDER BY cache_index')
    .all(datasetId) as { h: string }[];
  return { count: rows.length, hashes: rows.map((r) => r.h) };
}

export function skippedCounts(
  db: Db,
  datasetId: number,
): { byReason: Record<string, number>; examples: { path: string; reason: string; detail?: string }[] } {
  const counts = db
    .prepare(
      'SELECT reason, COUNT(*) AS n FROM import_skipped WHERE dataset_id = ? GROUP BY reason ORDER BY reason',
    )
    .all(datasetId) as { reason: string; n: number }[];
  const examples = db
    .prepare('SELECT path, reason, detail FROM import_skipped WHERE dataset_id = ? ORDER BY id LIMIT 100')
    .all(datasetId) as { path: string; reason: string; detail: string | null }[];
  return {
    byReason: Object.fromEntries(counts.map((c) => [c.reason, c.n])),
    examples: examples.map((e) =>
      e.detail === null
        ? { path: e.path, reason: e.reason }
        : { path: e.path, reason: e.reason, detail: e.detail },
    ),
  };
}

export function duplicateGroups(db: Db, datasetId: number): string[][] {
  const rows = db
    .prepare(
      `SELECT group_concat(source_path, char(10)) AS paths FROM samples WHERE dataset_id = ?
       GROUP BY content_sha256 HAVING COUNT(*) > 1 ORDER BY MIN(cache_index)`,
    )
    .all(datasetId) as { paths: string }[];
  return rows.map((r) => r.paths.split('\n'));
}

export function completeImport(
  db: Db,
  datasetId: number,
  sampleCount: number,
  sourceSha256: string,
  report: ImportReportDto,
  jobId: number | null,
): void {
  db.transaction(() => {
    db.prepare("UPDATE datasets SET status = 'ready', sample_count = ?, source_sha256 = ? WHERE id = ?").run(
      sampleCount,
      sourceSha256,
      datasetId,
    );
    db.prepare(
      'INSERT OR REPLACE INTO import_reports (dataset_id, job_id, report, created_at) VALUES (?, ?, ?, ?)',
    ).run(datasetId, jobId, JSON.stringify(report), nowIso());
  })();
}

export function deleteImport(db: Db, datasetId: number): void {
  db.prepare('DELETE FROM datasets WHERE id = ?').run(datasetId);
}

export function getImportReport(db: Db, datasetId: number): ImportReportDto {
  const row = db.prepare('SELECT report FROM import_reports WHERE dataset_id = ?').get(datasetId) as
    { report: string } | undefined;
  if (!row)
    throw new ApiError(
      'not_found',
      `dataset ${datasetId} has no import report (imported before reports existed, or still importing)`,
    );
  return JSON.parse(row.report) as ImportReportDto;
}
