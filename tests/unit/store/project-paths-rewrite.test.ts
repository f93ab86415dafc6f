import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { finishJob, insertJob } from '../../../src/main/store/jobs-repo';
import { movePath, rewriteProjectPaths } from '../../../src/main/store/project-paths-rewrite';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

describe('movePath', () => {
  const move = { from: `${sep}ws${sep}p`, to: `${sep}ws${sep}q` };
  it('moves the folder itself and what is under it, not a sibling sharing its prefix', () => {
    expect(movePath(move.from, move)).toBe(move.to);
    expect(movePath(join(move.from, 'a', 'b'), move)).toBe(join(move.to, 'a', 'b'));
    expect(movePath(`${move.from}2${sep}x`, move)).toBe(`${move.from}2${sep}x`);
    expect(movePath('relative/p', move)).toBe('relative/p');
  });
});

describe('rewriteProjectPaths', () => {
  it('rewrites path columns and JSON strings under the old folder in one go, and the name', () => {
    const ws = tempDir();
    const from = join(ws, 'old');
    const to = join(ws, 'new');
    const db = openDatabase(join(from, 'project.sqlite'));
    db.prepare("INSERT INTO project (id, name, created_at) VALUES (1, 'old', 'x')").run();
    const job = insertJob(db, 'bench', { dirs: [join(from, 'a'), join(`${from}2`, 'b')], n: 3, ok: true });
    finishJob(db, job.id, 'succeeded', { result: { reportDir: join(from, 'reports', 'bench-1') } });
    const other = insertJob(db, 'demo', { exportDir: '/elsewhere' });
    db.prepare(
      `INSERT INTO datasets (name, format, source_path, source_sha256, height, width, channels, sample_count, cache_file, created_at)
       VALUES ('d', 'folder', ?, 's', 1, 1, 1, 0, 'dataset-1.u8', 'x')`,
    ).run(join(from, 'src'));

    const changed = rewriteProjectPaths(db, 'new', [{ from, to }]);
    expect(changed).toBe(3); // two job columns and one dataset source
    const row = db.prepare('SELECT params, result FROM jobs WHERE id = ?').get(job.id) as {
      params: string;
      result: string;
    };
    expect(JSON.parse(row.params)).toEqual({ dirs: [join(to, 'a'), join(`${from}2`, 'b')], n: 3, ok: true });
    expect(JSON.parse(row.result)).toEqual({ reportDir: join(to, 'reports', 'bench-1') });
    const untouched = db.prepare('SELECT params FROM jobs WHERE id = ?').get(other.id) as { params: string };
    expect(untouched.params).toBe(JSON.stringify({ exportDir: '/elsewhere' }));
    expect(db.prepare('SELECT source_path AS p, cache_file AS c FROM datasets').get()).toEqual({
      p: join(to, 'src'),
      c: 'dataset-1.u8',
    });
    expect(db.prepare('SELECT name FROM project').get()).toEqual({ name: 'new' });
    db.close();
  });
});
