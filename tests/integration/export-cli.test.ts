import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLabelsCsv } from '../../src/main/datasets/labels-csv';
import { decodeIntegers, decodeUnicode, readNpz } from '../../src/main/datasets/npz-reader';
import { runCli } from '../helpers/run-cli';

/**
 * The export half of "Datasets in and out", through the real CLI: a demo project with one
 * compressed set, then `datapress sets` and `datapress export` in every format, refusal and
 * replace, and the round trip back (PNG decode + labels.csv, the npz, and the real importer).
 */

interface StoredImage {
  sampleId: number;
  classIndex: number;
  cacheIndex: number;
}

interface ExportJson {
  project: string;
  setId: number;
  dir: string;
  format: string;
  quality: number | null;
  images: number;
  bytes: number;
  storedImageBytes: number;
  files: { path: string; bytes: number; sha256: string }[];
  perClass: { index: number; name: string; folder: string | null; images: number }[];
  replaced: boolean;
}

let root: string;
let project: string;
let setId: number;
let classNames: string[];
let stored: StoredImage[];
let cache: Buffer;
const PIXELS = 28 * 28;

const pixelsOf = (cacheIndex: number) => cache.subarray(cacheIndex * PIXELS, (cacheIndex + 1) * PIXELS);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function exportCli(args: string[]) {
  return runCli(['export', ...args, '--project', project]);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'datapress-export-'));
  project = join(root, 'P');
  const demo = runCli([
    'demo',
    '--project',
    project,
    '--limit-per-class',
    '5',
    '--ipc',
    '2',
    '--width',
    '8',
    '--epochs',
    '1',
    '--full-epochs',
    '1',
    '--no-full',
    '--json',
  ]);
  expect(demo.code, demo.stderr).toBe(0);
  const db = new Database(join(project, 'project.sqlite'), { readonly: true });
  setId = (db.prepare('SELECT id FROM compressed_sets').get() as { id: number }).id;
  stored = (
    db
      .prepare(
        `SELECT ci.tile_sample_ids AS tiles, ci.class_index AS classIndex FROM compressed_images ci WHERE set_id = ? ORDER BY position`,
      )
      .all(setId) as { tiles: string; classIndex: number }[]
  ).map((r) => {
    const sampleId = (JSON.parse(r.tiles) as number[])[0] as number;
    const { cacheIndex } = db
      .prepare('SELECT cache_index AS cacheIndex FROM samples WHERE id = ?')
      .get(sampleId) as { cacheIndex: number };
    return { sampleId, classIndex: r.classIndex, cacheIndex };
  });
  classNames = (db.prepare('SELECT name FROM classes ORDER BY class_index').all() as { name: string }[]).map(
    (c) => c.name,
  );
  const { cacheFile } = db.prepare('SELECT cache_file AS cacheFile FROM datasets').get() as {
    cacheFile: string;
  };
  db.close();
  cache = readFileSync(join(project, 'cache', cacheFile));
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('datapress sets', () => {
  it('lists the compressed sets with id, method, ipc, images and creation time', () => {
    const run = runCli(['sets', '--project', project, '--json']);
    expect(run.code).toBe(0);
    const sets = (
      run.json as {
        sets: {
          id: number;
          method: string;
          rule: string;
          ipc: number;
          images: number;
          grid: number;
          createdAt: string;
        }[];
      }
    ).sets;
    expect(sets).toEqual([
      expect.objectContaining({
        id: setId,
        method: 'random',
        rule: 'uniform',
        ipc: 2,
        images: 20,
        grid: 1,
        createdAt: expect.any(String),
      }),
    ]);
    const text = runCli(['sets', '--project', project]);
    expect(text.stdout).toMatch(
      new RegExp(`#${setId}\\s+random/uniform\\s+2\\s+1×1\\s+20\\s+Fashion-MNIST sample`),
    );
    expect(runCli(['sets', '--project', join(root, 'nothing-here')]).code).toBe(1);
  });
});

describe('datapress export', () => {
  it('png (default): lossless one-channel PNGs that decode to the cached pixels, labels.csv, manifest; --json lists files, bytes, images per class', async () => {
    const out = join(root, 'png');
    const run = exportCli([String(setId), '--out', out, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = run.json as unknown as ExportJson;
    expect(result).toMatchObject({
      setId,
      dir: out,
      format: 'png',
      quality: null,
      images: 20,
      replaced: false,
    });
    expect(result.files).toHaveLength(22);
    expect(result.bytes).toBe(result.files.reduce((s, f) => s + f.bytes, 0));
    expect(result.perClass).toHaveLength(10);
    expect(result.perClass[0]).toEqual({ index: 0, name: 'T-shirt/top', folder: 'T-shirt_top', images: 2 });
    for (const f of result.files) expect(sha256(readFileSync(join(out, f.path)))).toBe(f.sha256);

    const labels = parseLabelsCsv(readFileSync(join(out, 'labels.csv'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      images: { file: string; tileSampleIds: number[]; classIndex: number; sha256: string; bytes: number }[];
      classes: { index: number; name: string; folder: string }[];
      method: Record<string, unknown>;
      sourceDataset: Record<string, unknown>;
      storage: Record<string, unknown>;
      appVersion: string;
    };
    expect(manifest.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.sourceDataset).toMatchObject({
      name: 'Fashion-MNIST sample',
      sampleCount: 100,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(manifest.method).toMatchObject({
      prune: 'random',
      rule: 'uniform',
      ipc: 2,
      seed: 0,
      combine: { grid: 1 },
    });
    expect(manifest.storage).toMatchObject({
      storedImages: 20,
      storedPixelBytes: 20 * PIXELS,
      fullDatasetPixelBytes: 50 * PIXELS,
      ratioToFullDataset: 0.4,
      storedImageBytes: result.storedImageBytes,
    });
    expect(manifest.classes.map((c) => c.folder)).toEqual(result.perClass.map((c) => c.folder));
    expect(labels).toHaveLength(20);
    for (const [i, image] of stored.entries()) {
      const entry = manifest.images[i]!;
      expect(entry).toMatchObject({ tileSampleIds: [image.sampleId], classIndex: image.classIndex });
      expect(labels[i]).toEqual({
        file: entry.file,
        classIndex: image.classIndex,
        className: classNames[image.classIndex],
      });
      const decoded = await sharp(join(out, entry.file))
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      expect(decoded.info).toMatchObject({ width: 28, height: 28, channels: 1 });
      expect(Buffer.compare(decoded.data, pixelsOf(image.cacheIndex))).toBe(0);
    }
    expect(readdirSync(root).filter((n) => n.startsWith('.'))).toEqual([]);

    const text = exportCli([String(setId), '--out', join(root, 'png-text')]);
    expect(text.stdout).toMatch(/exported to .*png-text/);
    expect(text.stdout).toMatch(/T-shirt\/top\s+2\s+T-shirt_top/);
  });

  it('jpeg: .jpg files at the requested quality, recorded in the manifest', async () => {
    const out = join(root, 'jpeg');
    const run = exportCli([String(setId), '--out', out, '--format', 'jpeg', '--quality', '80', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ format: 'jpeg', quality: 80, images: 20 });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      export: { quality: number };
      images: { file: string }[];
    };
    expect(manifest.export.quality).toBe(80);
    expect(manifest.images.every((i) => i.file.endsWith('.jpg'))).toBe(true);
    expect(await sharp(join(out, manifest.images[0]!.file)).metadata()).toMatchObject({
      format: 'jpeg',
      channels: 1,
      width: 28,
    });
    // Default quality is 95.
    const dflt = exportCli([String(setId), '--out', join(root, 'jpeg95'), '--format', 'jpeg', '--json']);
    expect(dflt.json).toMatchObject({ quality: 95 });
  });

  it('npz: compressed.npz + labels.csv + manifest.json; x, y and class_names parse back to the stored set', () => {
    const out = join(root, 'npz');
    const run = exportCli([String(setId), '--out', out, '--format', 'npz', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['compressed.npz', 'labels.csv', 'manifest.json']);
    expect(
      (run.json as unknown as ExportJson).perClass.every((c) => c.folder === null && c.images === 2),
    ).toBe(true);
    const arrays = readNpz(readFileSync(join(out, 'compressed.npz')));
    const x = arrays.get('x')!;
    expect(x).toMatchObject({ descr: '|u1', shape: [20, 28, 28, 1] });
    stored.forEach((image, i) =>
      expect(
        Buffer.compare(
          Buffer.from(x.data.subarray(i * PIXELS, (i + 1) * PIXELS)),
          pixelsOf(image.cacheIndex),
        ),
      ).toBe(0),
    );
    expect(decodeIntegers(arrays.get('y')!)).toEqual(stored.map((s) => s.classIndex));
    expect(decodeUnicode(arrays.get('class_names')!)).toEqual(classNames);
    const labels = parseLabelsCsv(readFileSync(join(out, 'labels.csv'), 'utf8'));
    expect(labels.map((l) => [Number(l.file), l.classIndex, l.className])).toEqual(
      stored.map((s, i) => [i, s.classIndex, classNames[s.classIndex]]),
    );
  });

  it('refuses a non-empty folder without --replace (exit 1, earlier export intact); --replace swaps it', () => {
    const out = join(root, 'replace-me');
    expect(exportCli([String(setId), '--out', out]).code).toBe(0);
    const listing = readdirSync(out, { recursive: true }).sort();
    const manifest = readFileSync(join(out, 'manifest.json'));

    const refused = exportCli([String(setId), '--out', out, '--format', 'npz', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/export folder .*replace-me exists and is not empty/);
    expect(refused.json).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(listing);
    expect(readFileSync(join(out, 'manifest.json')).equals(manifest)).toBe(true);

    const replaced = exportCli([String(setId), '--out', out, '--format', 'npz', '--replace', '--json']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.json).toMatchObject({ replaced: true, format: 'npz' });
    expect(readdirSync(out).sort()).toEqual(['compressed.npz', 'labels.csv', 'manifest.json']);
    expect(readdirSync(root).filter((n) => n.startsWith('.'))).toEqual([]);

    // --replace never deletes a folder that is not an earlier export.
    const precious = join(root, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'keep');
    const no = exportCli([String(setId), '--out', precious, '--replace']);
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/not an earlier datapress export/);
    expect(readdirSync(precious)).toEqual(['notes.txt']);
  });

  it('bad usage exits 2, an unknown set exits 1', () => {
    const noOut = exportCli([String(setId)]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/needs --out DIR/);
    expect(exportCli(['--out', join(root, 'u1')]).code).toBe(2);
    expect(exportCli(['abc', '--out', join(root, 'u2')]).code).toBe(2);
    expect(exportCli([String(setId), '--out', join(root, 'u3'), '--format', 'gif']).code).toBe(2);
    const q = exportCli([String(setId), '--out', join(root, 'u4'), '--quality', '80']);
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/--quality applies to --format jpeg only/);
    expect(
      exportCli([String(setId), '--out', join(root, 'u5'), '--format', 'jpeg', '--quality', '0']).code,
    ).toBe(2);
    const missing = exportCli(['999', '--out', join(root, 'u6')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/compressed set 999 does not exist/);
    expect(readdirSync(root).filter((n) => /^u\d$/.test(n))).toEqual([]);
    expect(runCli(['export', '--help']).stdout).toMatch(/--format F/);
    expect(runCli(['--help']).stdout).toMatch(/export\s+export a compressed set/);
  });

  it('round trip through the real importer: same pixels, byte for byte, and the same class names', () => {
    const exported = join(root, 'png');
    const p2 = join(root, 'P2');
    const run = runCli(['import', exported, '--project', p2, '--test-fraction', '0', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const db = new Database(join(p2, 'project.sqlite'), { readonly: true });
    const dataset = db
      .prepare('SELECT id, height, width, channels, cache_file AS cacheFile FROM datasets')
      .get() as { height: number; width: number; channels: number; cacheFile: string };
    expect(dataset).toMatchObject({ height: 28, width: 28, channels: 1 });
    const samples = db
      .prepare(
        'SELECT s.cache_index AS cacheIndex, s.source_path AS path, c.name AS className FROM samples s JOIN classes c ON c.dataset_id = s.dataset_id AND c.class_index = s.class_index',
      )
      .all() as { cacheIndex: number; path: string; className: string }[];
    db.close();
    const cache2 = readFileSync(join(p2, 'cache', dataset.cacheFile));
    const labels = parseLabelsCsv(readFileSync(join(exported, 'labels.csv'), 'utf8'));
    expect(samples).toHaveLength(20);
    for (const sample of samples) {
      const rel = relative(exported, sample.path).split('\\').join('/');
      const i = labels.findIndex((l) => l.file === rel);
      expect(i, rel).toBeGreaterThanOrEqual(0);
      expect(sample.className).toBe(labels[i]!.className);
      const original = pixelsOf(stored[i]!.cacheIndex);
      expect(
        Buffer.compare(
          cache2.subarray(sample.cacheIndex * PIXELS, (sample.cacheIndex + 1) * PIXELS),
          original,
        ),
      ).toBe(0);
    }
  });
});
