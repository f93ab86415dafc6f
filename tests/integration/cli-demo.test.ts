import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseLabelsCsv } from '../../src/main/datasets/labels-csv';
import { runCli } from '../helpers/run-cli';
import { writeIdxFixture } from '../helpers/idx-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const QUICK = ['--ipc', '2', '--width', '8', '--full-epochs', '1', '--epochs', '2'];

interface StoredRow {
  sampleId: number;
  classIndex: number;
  rank: number;
  cacheIndex: number;
}

describe('datapress demo (CLI, end to end on the embedded sample, capped to a few dozen images)', () => {
  it('stores the run in SQLite and exports exactly the stored selection, pixel for pixel', async () => {
    const root = tempDir();
    const project = join(root, 'proj');
    const out = join(root, 'export');
    const run = runCli([
      'demo',
      '--project',
      project,
      '--limit-per-class',
      '5',
      '--out',
      out,
      '--json',
      ...QUICK,
    ]);
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.code).toBe(0);
    const result = run.json as {
      selectionId: number;
      datasetId: number;
      compressed: { accuracy: number; trainImages: number };
      full: { trainImages: number };
      export: { dir: string; images: number };
    };
    expect(result.compressed.trainImages).toBe(20);
    expect(result.full.trainImages).toBe(50);
    expect(result.compressed.accuracy).toBeGreaterThanOrEqual(0);
    expect(result.export).toMatchObject({ dir: out, images: 20 });

    const db = new Database(join(project, 'project.sqlite'), { readonly: true });
    const items = db
      .prepare(
        `SELECT i.sample_id AS sampleId, i.class_index AS classIndex, i.rank, s.cache_index AS cacheIndex
         FROM selection_items i JOIN samples s ON s.id = i.sample_id WHERE selection_id = ? ORDER BY i.class_index, i.rank`,
      )
      .all(result.selectionId) as StoredRow[];
    const dataset = db
      .prepare('SELECT cache_file AS cacheFile, height, width FROM datasets WHERE id = ?')
      .get(result.datasetId) as { cacheFile: string; height: number; width: number };
    const runs = db.prepare('SELECT train_images AS n, backend FROM runs ORDER BY id').all() as {
      n: number;
      backend: string;
    }[];
    const job = db.prepare('SELECT status FROM jobs').get() as { status: string };
    const classNames = (
      db
        .prepare('SELECT name FROM classes WHERE dataset_id = ? ORDER BY class_index')
        .all(result.datasetId) as { name: string }[]
    ).map((c) => c.name);
    db.close();
    expect(job.status).toBe('succeeded');
    expect(runs.map((r) => r.n)).toEqual([20, 50]);
    expect(items).toHaveLength(20);
    for (let c = 0; c < 10; c++) expect(items.filter((i) => i.classIndex === c)).toHaveLength(2);

    const cache = readFileSync(join(project, 'cache', dataset.cacheFile));
    const pixels = dataset.height * dataset.width;
    const labels = parseLabelsCsv(readFileSync(join(out, 'labels.csv'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      images: { file: string; classIndex: number; tileSampleIds: number[] }[];
      storage: { storedImages: number };
      method: { ipc: number; seed: number };
    };
    expect(labels).toHaveLength(20);
    expect(manifest.images).toHaveLength(20);
    expect(manifest.storage.storedImages).toBe(20);
    expect(manifest.method).toMatchObject({ ipc: 2, seed: 0 });
    expect(labels[0]?.className).toBe('T-shirt/top');
    expect(labels[0]?.file).toMatch(/^images\/T-shirt_top\//);

    for (const [i, item] of items.entries()) {
      const entry = manifest.images[i];
      expect(entry?.tileSampleIds).toEqual([item.sampleId]);
      expect(entry?.classIndex).toBe(item.classIndex);
      expect(labels[i]).toEqual({
        file: entry?.file,
        classIndex: item.classIndex,
        className: classNames[item.classIndex],
      });
      const file = join(out, entry?.file as string);
      expect(await sharp(file).metadata()).toMatchObject({
        format: 'png',
        width: 28,
        height: 28,
        channels: 1,
      });
      // sharp widens grayscale to sRGB when decoding unless told otherwise.
      const decoded = await sharp(file).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      expect(decoded.info).toMatchObject({ width: 28, height: 28, channels: 1 });
      const expected = cache.subarray(item.cacheIndex * pixels, (item.cacheIndex + 1) * pixels);
      expect(Buffer.compare(decoded.data, expected)).toBe(0);
    }
    // Nothing half-written is left beside the export.
    expect(readdirSync(root).sort()).toEqual(['export', 'proj']);
  });

  it('refuses a non-empty export folder and leaves the earlier export and the database intact', () => {
    const root = tempDir();
    const project = join(root, 'p');
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'earlier.txt'), 'keep me');
    const run = runCli(['demo', '--project', project, '--limit-per-class', '3', '--out', out, ...QUICK]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/export folder .*out exists and is not empty/);
    expect(readdirSync(out)).toEqual(['earlier.txt']);
    expect(readFileSync(join(out, 'earlier.txt'), 'utf8')).toBe('keep me');
    const db = new Database(join(project, 'project.sqlite'), { readonly: true });
    expect(db.prepare('SELECT status, error_message AS m FROM jobs').get()).toMatchObject({
      status: 'failed',
      m: expect.stringMatching(/not empty/),
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM datasets').get()).toEqual({ n: 0 });
    db.close();
  });

  it('names the class when the IPC is larger than it holds (exit 2)', () => {
    const root = tempDir();
    const run = runCli([
      'demo',
      '--project',
      join(root, 'p'),
      '--limit-per-class',
      '3',
      '--ipc',
      '4',
      '--no-full',
      '--width',
      '8',
      '--epochs',
      '1',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/IPC 4 is larger than what some classes hold: "T-shirt\/top" has 3/);
  });

  it('names a missing dataset path and a malformed IDX file (exit 1)', () => {
    const root = tempDir();
    const missing = runCli(['demo', '--project', join(root, 'p'), '--idx', join(root, 'nowhere'), ...QUICK]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/dataset path .*nowhere does not exist/);

    const bad = join(root, 'bad');
    writeIdxFixture(bad, { classes: 2, trainPerClass: 3, testPerClass: 2 });
    writeFileSync(join(bad, 'train-labels-idx1-ubyte'), Buffer.from('PK\u0003\u0004 this is a zip'));
    const malformed = runCli(['demo', '--project', join(root, 'p'), '--idx', bad, ...QUICK]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(
      /train-labels-idx1-ubyte is not an IDX file: wrong magic number 0x504b0304/,
    );
  });

  it('refuses a project database written by a newer app, leaving it untouched', () => {
    const root = tempDir();
    const project = join(root, 'p');
    mkdirSync(project);
    const file = join(project, 'project.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = readFileSync(file);
    const run = runCli(['jobs', '--project', project]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/schema version 999, newer than this app supports/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rejects bad usage with exit 2 and prints help', () => {
    expect(runCli(['demo', '--ipc', 'ten']).code).toBe(2);
    expect(runCli(['demo', '--frobnicate']).code).toBe(2);
    expect(runCli(['nonsense']).code).toBe(2);
    const help = runCli(['demo', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--ipc N/);
    expect(runCli(['--help']).stdout).toMatch(/Commands:/);
    expect(existsSync(join(tempDir(), 'x'))).toBe(false);
  });
});
