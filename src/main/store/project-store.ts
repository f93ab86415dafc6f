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

export function projectInfo(db: Db): { name: string; createdAt: string; datasets: number; jobs: number } {
  const row = db
    .prepare(
      `SELECT name, created_at AS createdAt,
        (SELECT COUNT(*) FROM datasets) AS datasets, (SELECT COUNT(*) FROM jobs) AS jobs
       FROM project WHERE id = 1`,
    )
    .get() as { name: string; createdAt: string; datasets: number; jobs: number };
  return row;
}
