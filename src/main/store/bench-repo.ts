import type { BenchResultDto, BenchSummaryDto } from '../../shared/api/bench-dto';
import type { BenchMethod, LabelMode } from '../../shared/api/bench-params';
import { ApiError } from '../../shared/rpc/errors';
import { nowIso, type Db } from './database';

/** All SQL of benchmarks: the benchmark row, its (method, IPC) sets and its finished runs. */

export type BenchStatus = BenchResultDto['status'];

export interface BenchRow {
  id: number;
  jobId: number | null;
  datasetId: number;
  key: string;
  name: string;
  definition: unknown;
  protocol: Record<string, unknown>;
  status: BenchStatus;
  info: Record<string, unknown>;
  reportDir: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface BenchSetRow {
  method: BenchMethod;
  ipc: number;
  setId: number | null;
  images: number;
  sourceImages: number;
  pngBytes: number;
  epochs: number;
}

export interface BenchRunRow {
  method: BenchMethod;
  ipc: number;
  labels: LabelMode;
  seed: number;
  runId: number | null;
  accuracy: number;
  trainSeconds: number;
  runSeconds: number;
  cpuSeconds: number;
}

interface RawBench {
  id: number;
  job_id: number | null;
  dataset_id: number;
  bench_key: string;
  name: string;
  definition: string;
  protocol: string;
  status: BenchStatus;
  info: string;
  report_dir: string | null;
  created_at: string;
  finished_at: string | null;
}

const toRow = (r: RawBench): BenchRow => ({
  id: r.id,
  jobId: r.job_id,
  datasetId: r.dataset_id,
  key: r.bench_key,
  name: r.name,
  definition: JSON.parse(r.definition) as unknown,
  protocol: JSON.parse(r.protocol) as Record<string, unknown>,
  status: r.status,
  info: JSON.parse(r.info) as Record<string, unknown>,
  reportDir: r.report_dir,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** The benchmark with this key, or a new one; an existing one is marked running again (resume). */
export function openBenchmark(
  db: Db,
  b: { jobId: number; datasetId: number; key: string; name: string; definition: unknown; protocol: unknown },
): BenchRow {
  const existing = db.prepare('SELECT * FROM benchmarks WHERE bench_key = ?').get(b.key) as
    RawBench | undefined;
  if (existing) {
    db.prepare("UPDATE benchmarks SET status = 'running', job_id = ?, finished_at = NULL WHERE id = ?").run(
      b.jobId,
      existing.id,
    );
    return getBenchmark(db, existing.id);
  }
  const id = db
    .prepare(
      `INSERT INTO benchmarks (job_id, dataset_id, bench_key, name, definition, protocol, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?)`,
    )
    .run(
      b.jobId,
      b.datasetId,
      b.key,
      b.name,
      JSON.stringify(b.definition),
      JSON.stringify(b.protocol),
      nowIso(),
    ).lastInsertRowid as number;
  return getBenchmark(db, id);
}

export function getBenchmark(db: Db, id: number): BenchRow {
  const raw = db.prepare('SELECT * FROM benchmarks WHERE id = ?').get(id) as RawBench | undefined;
  if (!raw) throw new ApiError('not_found', `benchmark ${id} not found`);
  return toRow(raw);
}

export function findBenchmarkByKey(db: Db, key: string): BenchRow | null {
  const raw = db.prepare('SELECT * FROM benchmarks WHERE bench_key = ?').get(key) as RawBench | undefined;
  return raw ? toRow(raw) : null;
}

/** Merges keys into the benchmark's info (full-split bytes, teacher accuracy, timing). */
export function updateBenchInfo(db: Db, id: number, patch: Record<string, unknown>): void {
  const info = { ...getBenchmark(db, id).info, ...patch };
  db.prepare('UPDATE benchmarks SET info = ? WHERE id = ?').run(JSON.stringify(info), id);
}

export function finishBenchmark(db: Db, id: number, status: BenchStatus, reportDir: string | null): void {
  db.prepare(
    'UPDATE benchmarks SET status = ?, report_dir = COALESCE(?, report_dir), finished_at = ? WHERE id = ?',
  ).run(status, reportDir, nowIso(), id);
}

export function setBenchReportDir(db: Db, id: number, dir: string): void {
  db.prepare('UPDATE benchmarks SET report_dir = ? WHERE id = ?').run(dir, id);
}

/** Benchmarks left `running` by a process that died: what a project open finds interrupted. */
export function markBenchmarksInterrupted(db: Db): number {
  return db.prepare("UPDATE benchmarks SET status = 'interrupted' WHERE status = 'running'").run().changes;
}

export function upsertBenchSet(db: Db, benchId: number, s: BenchSetRow): void {
  db.prepare(
    `INSERT INTO bench_sets (bench_id, method, ipc, set_id, images, source_images, png_bytes, epochs)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (bench_id, method, ipc) DO UPDATE SET set_id = excluded.set_id, images = excluded.images,
       source_images = excluded.source_images, png_bytes = excluded.png_bytes, epochs = excluded.epochs`,
  ).run(benchId, s.method, s.ipc, s.setId, s.images, s.sourceImages, s.pngBytes, s.epochs);
}

export function benchSets(db: Db, benchId: number): BenchSetRow[] {
  return db
    .prepare(
      `SELECT method, ipc, set_id AS setId, images, source_images AS sourceImages, png_bytes AS pngBytes, epochs
       FROM bench_sets WHERE bench_id = ? ORDER BY ipc, method`,
    )
    .all(benchId) as BenchSetRow[];
}

/** A finished run is recorded once; recording it again (a resumed job) keeps the first. */
export function insertBenchRun(db: Db, benchId: number, r: BenchRunRow): void {
  db.prepare(
    `INSERT OR IGNORE INTO bench_runs (bench_id, method, ipc, labels, seed, run_id, accuracy, train_seconds, run_seconds, cpu_seconds)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    benchId,
    r.method,
    r.ipc,
    r.labels,
    r.seed,
    r.runId,
    r.accuracy,
    r.trainSeconds,
    r.runSeconds,
    r.cpuSeconds,
  );
}

export function benchRuns(db: Db, benchId: number): BenchRunRow[] {
  return db
    .prepare(
      `SELECT method, ipc, labels, seed, run_id AS runId, accuracy, train_seconds AS trainSeconds,
         run_seconds AS runSeconds, cpu_seconds AS cpuSeconds
       FROM bench_runs WHERE bench_id = ? ORDER BY ipc, method, labels, seed`,
    )
    .all(benchId) as BenchRunRow[];
}

export function listBenchmarks(db: Db): Omit<BenchSummaryDto, 'cells'>[] {
  const rows = db
    .prepare(
      `SELECT b.id, b.name, b.dataset_id AS datasetId, b.job_id AS jobId, b.status, b.created_at AS createdAt,
         b.report_dir AS reportPath, (SELECT COUNT(*) FROM bench_runs r WHERE r.bench_id = b.id) AS cellsDone
       FROM benchmarks b ORDER BY b.id DESC`,
    )
    .all() as Omit<BenchSummaryDto, 'cells'>[];
  return rows;
}
