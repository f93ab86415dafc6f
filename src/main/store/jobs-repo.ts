import type { JobDto, JobProgress, JobStatus } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import { type Db, nowIso } from './database';

interface JobRow {
  id: number;
  kind: string;
  status: JobStatus;
  params: string;
  progress: string | null;
  result: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function toDto(row: JobRow): JobDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    params: JSON.parse(row.params) as unknown,
    progress: row.progress ? (JSON.parse(row.progress) as JobProgress) : null,
    result: row.result ? (JSON.parse(row.result) as unknown) : null,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function insertJob(db: Db, kind: string, params: unknown): JobDto {
  const info = db
    .prepare("INSERT INTO jobs (kind, status, params, created_at) VALUES (?, 'queued', ?, ?)")
    .run(kind, JSON.stringify(params), nowIso());
  return getJob(db, Number(info.lastInsertRowid));
}

export function getJob(db: Db, id: number): JobDto {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  if (!row) throw new ApiError('not_found', `job ${id} does not exist in this project`);
  return toDto(row);
}

export function listJobs(db: Db): JobDto[] {
  return (db.prepare('SELECT * FROM jobs ORDER BY id DESC').all() as JobRow[]).map(toDto);
}

export function markStarted(db: Db, id: number): void {
  db.prepare("UPDATE jobs SET status = 'running', started_at = ? WHERE id = ?").run(nowIso(), id);
}

export function saveProgress(db: Db, id: number, progress: JobProgress): void {
  db.prepare('UPDATE jobs SET progress = ? WHERE id = ?').run(JSON.stringify(progress), id);
}

export function finishJob(
  db: Db,
  id: number,
  status: Exclude<JobStatus, 'queued' | 'running'>,
  outcome: { result?: unknown; error?: { code: string; message: string } },
): void {
  db.prepare(
    'UPDATE jobs SET status = ?, result = ?, error_code = ?, error_message = ?, finished_at = ? WHERE id = ?',
  ).run(
    status,
    outcome.result === undefined ? null : JSON.stringify(outcome.result),
    outcome.error?.code ?? null,
    outcome.error?.message ?? null,
    nowIso(),
    id,
  );
}

/** Jobs left `running` or `queued` by a previous process that died: they were interrupted. */
export function markInterrupted(db: Db): number {
  return db
    .prepare(
      "UPDATE jobs SET status = 'interrupted', error_code = 'interrupted', error_message = 'the app stopped while this job ran', finished_at = ? WHERE status IN ('running', 'queued')",
    )
    .run(nowIso()).changes;
}
