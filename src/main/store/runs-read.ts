import type { RunDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import type { Db } from './database';
import { classNames } from './datasets-repo';
import { runMetric } from './runs-repo';

interface RunRow {
  id: number;
  jobId: number | null;
  datasetId: number;
  selectionId: number | null;
  model: string;
  params: string;
  backend: string;
  seed: number;
  trainImages: number;
  epochs: number;
  steps: number;
  seconds: number;
  createdAt: string;
}

const SELECT_RUN = `SELECT id, job_id AS jobId, dataset_id AS datasetId, selection_id AS selectionId, model, params,
  backend, seed, train_images AS trainImages, epochs, steps, seconds, created_at AS createdAt FROM runs`;

function toDto(db: Db, row: RunRow): RunDto {
  const names = classNames(db, row.datasetId);
  const flat = runMetric(db, row.id, 'confusion');
  const k = names.length;
  const confusion =
    flat.length === k * k ? Array.from({ length: k }, (_, i) => flat.slice(i * k, (i + 1) * k)) : [];
  return {
    ...row,
    params: JSON.parse(row.params) as Record<string, unknown>,
    accuracy: runMetric(db, row.id, 'test_accuracy')[0] ?? null,
    perClassAccuracy: runMetric(db, row.id, 'class_accuracy'),
    confusion,
    losses: runMetric(db, row.id, 'loss'),
    trainAccuracy: runMetric(db, row.id, 'train_accuracy'),
    classNames: names,
  };
}

export function getRun(db: Db, id: number): RunDto {
  const row = db.prepare(`${SELECT_RUN} WHERE id = ?`).get(id) as RunRow | undefined;
  if (!row) throw new ApiError('not_found', `run ${id} does not exist in this project`);
  return toDto(db, row);
}

export function listRuns(db: Db): RunDto[] {
  return (db.prepare(`${SELECT_RUN} ORDER BY id DESC`).all() as RunRow[]).map((r) => toDto(db, r));
}
