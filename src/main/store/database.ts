import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) one project's database: WAL, foreign keys, a busy timeout so a
 * job process and the main process can share it, and migrations up to SCHEMA_VERSION.
 * A database written by a newer app is refused before anything touches it.
 */
export function openDatabase(file: string, options: { create?: boolean } = {}): Db {
  if (options.create !== false) mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: options.create === false });
  } catch (error) {
    throw new ApiError('io_error', `cannot open project database ${file}: ${(error as Error).message}`);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new ApiError(
        'unsupported',
        `project database ${file} has schema version ${version}, newer than this app supports (${SCHEMA_VERSION}); update the app to open it`,
        { file, version, supported: SCHEMA_VERSION },
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    migrate(db, version);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof ApiError) throw error;
    throw new ApiError('io_error', `cannot use project database ${file}: ${(error as Error).message}`);
  }
}

function migrate(db: Db, from: number): void {
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const sql = MIGRATIONS[v] as string;
    // Each migration and its version bump commit together: a crash leaves the old version whole.
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
