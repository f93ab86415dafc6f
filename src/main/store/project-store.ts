import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import { type Db, nowIso, openDatabase } from './database';

export const DB_FILE = 'project.sqlite';

/** Where a project's files live: the database, the pixel cache and default exports. */
export interface ProjectPaths {
  dir: string;
  dbFile: string;
  cacheDir: string;
  exportsDir: string;
  /** Pruning-score files (trajectories, features, proxy checkpoints), one folder per score set. */
  scoresDir: string;
}

export function projectPaths(dir: string): ProjectPaths {
  return {
    dir,
    dbFile: join(dir, DB_FILE),
    cacheDir: join(dir, 'cache'),
    exportsDir: join(dir, 'exports'),
    scoresDir: join(dir, 'scores'),
  };
}

export function isProjectDir(dir: string): boolean {
  return existsSync(join(dir, DB_FILE));
}

/** Opens a project folder's database, creating the project when `create` is set. */
export function openProject(
  dir: string,
  options: { create?: boolean } = {},
): { db: Db; paths: ProjectPaths } {
  const paths = projectPaths(dir);
  if (!options.create && !isProjectDir(dir)) {
    throw new ApiError('not_found', `no project at ${dir} (missing ${DB_FILE})`);
  }
  const db = openDatabase(paths.dbFile);
  const row = db.prepare('SELECT name FROM project WHERE id = 1').get();
  if (!row)
    db.prepare('INSERT INTO project (id, name, created_at) VALUES (1, ?, ?)').run(basename(dir), nowIso());
  return { db, paths };
}

export interface ProjectInfo {
  name: string;
  createdAt: string;
  datasets: number;
  jobs: number;
  sets: number;
  benchmarks: number;
}

export function projectInfo(db: Db): ProjectInfo {
  const row = db
    .prepare(
      `SELECT name, created_at AS createdAt,
        (SELECT COUNT(*) FROM datasets) AS datasets, (SELECT COUNT(*) FROM jobs) AS jobs,
        (SELECT COUNT(*) FROM compressed_sets) AS sets, (SELECT COUNT(*) FROM benchmarks) AS benchmarks
       FROM project WHERE id = 1`,
    )
    .get() as ProjectInfo;
  return row;
}

/**
 * Jobs whose rows say queued or running. Opening a project marks rows left by a dead process as
 * interrupted, so what remains is a job this process runs or one another process (a CLI run on
 * the same workspace) started since.
 */
export function activeJobIds(db: Db): number[] {
  const rows = db.prepare("SELECT id FROM jobs WHERE status IN ('queued', 'running') ORDER BY id").all() as {
    id: number;
  }[];
  return rows.map((r) => r.id);
}
