import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { SCHEMA_VERSION } from '../../../src/main/store/migrations';
import { insertJob, getJob, markInterrupted, markStarted } from '../../../src/main/store/jobs-repo';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('project database', () => {
  it('applies every migration, with WAL and foreign keys on', () => {
    const file = join(tempDir(), 'p.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    for (const t of [
      'project',
      'datasets',
      'samples',
      'selections',
      'compressed_sets',
      'jobs',
      'runs',
      'metrics',
    ])
      expect(tables).toContain(t);
    // A dangling reference is refused because foreign keys are enforced.
    expect(() =>
      db
        .prepare(
          "INSERT INTO selections (dataset_id, method, rule, ipc, seed, params, created_at) VALUES (999, 'random', 'u', 1, 0, '{}', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
    // Re-opening applies nothing new and keeps the data.
    const again = openDatabase(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('refuses a database from a newer app without touching it', () => {
    const file = join(tempDir(), 'newer.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE keep (x INTEGER); INSERT INTO keep VALUES (42);');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(
      new RegExp(`schema version ${SCHEMA_VERSION + 5}, newer than this app supports`),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('marks jobs left running by a dead process as interrupted', () => {
    const db = openDatabase(join(tempDir(), 'jobs.sqlite'));
    const running = insertJob(db, 'demo', { ipc: 1 });
    markStarted(db, running.id);
    const queued = insertJob(db, 'demo', {});
    expect(markInterrupted(db)).toBe(2);
    expect(getJob(db, running.id).status).toBe('interrupted');
    expect(getJob(db, queued.id).status).toBe('interrupted');
    expect(getJob(db, running.id).params).toEqual({ ipc: 1 });
    db.close();
  });
});
