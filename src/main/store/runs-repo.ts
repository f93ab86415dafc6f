import { type Db, nowIso } from './database';

export interface NewRun {
  jobId: number | null;
  datasetId: number;
  selectionId: number | null;
  model: string;
  params: Record<string, unknown>;
  backend: string;
  seed: number;
  trainImages: number;
  epochs: number;
  steps: number;
  seconds: number;
  /** name → values by step (a single value is step 0). */
  metrics: Record<string, number[]>;
}

/** A training run and its metrics in one transaction. */
export function insertRun(db: Db, r: NewRun): number {
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO runs (job_id, dataset_id, selection_id, model, params, backend, seed, train_images, epochs, steps, seconds, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.jobId,
        r.datasetId,
        r.selectionId,
        r.model,
        JSON.stringify(r.params),
        r.backend,
        r.seed,
        r.trainImages,
        r.epochs,
        r.steps,
        r.seconds,
        nowIso(),
      );
    const id = Number(info.lastInsertRowid);
    const add = db.prepare('INSERT INTO metrics (run_id, name, step, value) VALUES (?, ?, ?, ?)');
    for (const [name, values] of Object.entries(r.metrics))
      values.forEach((v, step) => add.run(id, name, step, v));
    return id;
  })();
}

export function runMetric(db: Db, runId: number, name: string): number[] {
  const rows = db
    .prepare('SELECT value FROM metrics WHERE run_id = ? AND name = ? ORDER BY step')
    .all(runId, name) as { value: number }[];
  return rows.map((r) => r.value);
}

export function insertExport(
  db: Db,
  e: {
    jobId: number | null;
    compressedSetId: number;
    dir: string;
    images: number;
    bytes: number;
    manifestSha256: string;
  },
): number {
  const info = db
    .prepare(
      `INSERT INTO exports (job_id, compressed_set_id, dir, images, bytes, manifest_sha256, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.jobId, e.compressedSetId, e.dir, e.images, e.bytes, e.manifestSha256, nowIso());
  return Number(info.lastInsertRowid);
}
