import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/shared/api/api-client';
import { createMemoryTransportPair } from '../../../src/shared/rpc/memory-transport';
import { createBackend } from '../../../src/main/api/backend';
import { RESOURCES_DIR } from '../../../src/main/cli/workspace';
import { exportStoredSet } from '../../../src/main/datasets/export-set';
import { parseLabelsCsv } from '../../../src/main/datasets/labels-csv';
import { decodeIntegers, readNpz } from '../../../src/main/datasets/npz-reader';
import type { JobLauncher } from '../../../src/main/jobs/launcher';
import type { Db } from '../../../src/main/store/database';
import { insertDataset } from '../../../src/main/store/datasets-repo';
import { openProject, type ProjectPaths } from '../../../src/main/store/project-store';
import { insertIdentitySet, insertSelection } from '../../../src/main/store/selections-repo';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const H = 4;
const W = 3;
const C = 3;
const SIZE = H * W * C;
const CLASSES = ['cat/dog', 'NUL', 'cat-dog'];
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Pixel value of sample `i`: distinct per sample so any mix-up shows. */
const pixelsOf = (i: number) => new Uint8Array(SIZE).map((_, p) => (i * 31 + p * 7) % 256);

/** A project holding one 3-class dataset (6 train + 3 test images) and a random IPC-2 set. */
function makeProject(dir: string): {
  db: Db;
  paths: ProjectPaths;
  setId: number;
  selectionId: number;
  datasetId: number;
} {
  const { db, paths } = openProject(dir, { create: true });
  const count = 9;
  mkdirSync(paths.cacheDir, { recursive: true });
  const cache = new Uint8Array(count * SIZE);
  for (let i = 0; i < count; i++) cache.set(pixelsOf(i), i * SIZE);
  writeFileSync(join(paths.cacheDir, 'test.u8'), cache);
  const datasetId = insertDataset(db, {
    name: 'tiny',
    format: 'test',
    sourcePath: '/nowhere',
    sourceSha256: 'f'.repeat(64),
    height: H,
    width: W,
    channels: C,
    cacheFile: 'test.u8',
    classNames: CLASSES,
    samples: Array.from({ length: count }, (_, i) => ({
      cacheIndex: i,
      classIndex: i % 3,
      split: i < 6 ? ('train' as const) : ('test' as const),
      sourcePath: `/nowhere#${i}`,
      byteSize: SIZE,
      format: 'raw',
      contentSha256: sha256(pixelsOf(i)),
    })),
  });
  const ids = db
    .prepare('SELECT id, class_index AS c FROM samples WHERE split = ? ORDER BY cache_index')
    .all('train') as { id: number; c: number }[];
  const perClass = new Map<number, number[]>(
    [0, 1, 2].map((c) => [
      c,
      ids
        .filter((s) => s.c === c)
        .map((s) => s.id)
        .reverse(),
    ]),
  );
  const selectionId = insertSelection(db, {
    datasetId,
    method: 'el2n',
    rule: 'easy-first',
    ipc: 2,
    seed: 5,
    params: { scoreModel: 'convnet3', scoreEpochs: 10, classBalanced: true },
    warnings: [],
    perClass,
  });
  const setId = insertIdentitySet(db, selectionId, H);
  return { db, paths, setId, selectionId, datasetId };
}

describe('exportStoredSet', () => {
  it('exports the stored pixels from the pixel cache with full provenance and records the export', async () => {
    const root = tempDir();
    const { db, paths, setId, selectionId, datasetId } = makeProject(join(root, 'project'));
    const out = join(root, 'out');
    const result = await exportStoredSet(db, paths, { setId, dir: out });
    expect(result).toMatchObject({
      setId,
      dir: out,
      format: 'png',
      quality: null,
      images: 6,
      replaced: false,
    });
    expect(result.perClass).toEqual([
      { index: 0, name: 'cat/dog', folder: 'cat_dog', images: 2 },
      { index: 1, name: 'NUL', folder: 'NUL_', images: 2 },
      { index: 2, name: 'cat-dog', folder: 'cat-dog', images: 2 },
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    > & {
      images: { file: string; tileSampleIds: number[]; tileSha256: string[]; classIndex: number }[];
    };
    expect(manifest).toMatchObject({
      format: 'datapress-compressed-set',
      appVersion: expect.any(String),
      sourceDataset: { id: datasetId, name: 'tiny', sampleCount: 9, trainImages: 6, sha256: 'f'.repeat(64) },
      method: {
        prune: 'el2n',
        rule: 'easy-first',
        ipc: 2,
        seed: 5,
        params: { scoreModel: 'convnet3', scoreEpochs: 10, classBalanced: true },
        combine: { kind: 'subset', grid: 1, resolution: H, params: {} },
      },
      seed: 5,
      scoreModel: 'convnet3',
      scoreEpochs: 10,
      selectionId,
      compressedSetId: setId,
      storage: {
        storedImages: 6,
        storedPixelBytes: 6 * SIZE,
        fullDatasetImages: 6,
        fullDatasetPixelBytes: 6 * SIZE,
        ratioToFullDataset: 1,
      },
    });
    // Rank order within each class (the selection listed ids in reverse), and pixels from the cache.
    const samples = db.prepare('SELECT id, cache_index AS i FROM samples').all() as {
      id: number;
      i: number;
    }[];
    const cacheIndexOf = new Map(samples.map((s) => [s.id, s.i]));
    expect(manifest.images.map((m) => m.tileSampleIds.map((id) => cacheIndexOf.get(id)))).toEqual([
      [3],
      [0],
      [4],
      [1],
      [5],
      [2],
    ]);
    const labels = parseLabelsCsv(readFileSync(join(out, 'labels.csv'), 'utf8'));
    for (const [i, entry] of manifest.images.entries()) {
      const cacheIndex = cacheIndexOf.get(entry.tileSampleIds[0]!)!;
      expect(entry.tileSha256).toEqual([sha256(pixelsOf(cacheIndex))]);
      const decoded = await sharp(join(out, entry.file)).raw().toBuffer();
      expect(Buffer.compare(decoded, Buffer.from(pixelsOf(cacheIndex)))).toBe(0);
      expect(labels[i]).toEqual({
        file: entry.file,
        classIndex: cacheIndex % 3,
        className: CLASSES[cacheIndex % 3],
      });
    }
    const row = db
      .prepare('SELECT compressed_set_id AS setId, dir, images, bytes, manifest_sha256 AS sha FROM exports')
      .get();
    expect(row).toEqual({
      setId,
      dir: out,
      images: 6,
      bytes: result.storedImageBytes,
      sha: result.manifestSha256,
    });
    db.close();
  });

  it('names an unknown set and refuses sets it cannot export yet, writing nothing', async () => {
    const root = tempDir();
    const { db, paths, selectionId } = makeProject(join(root, 'project'));
    await expect(exportStoredSet(db, paths, { setId: 99, dir: join(root, 'out') })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/compressed set 99 does not exist/),
    });
    const mosaic = Number(
      db
        .prepare(
          "INSERT INTO compressed_sets (selection_id, kind, grid, resolution, params, created_at) VALUES (?, 'mosaic', 2, 4, '{}', '')",
        )
        .run(selectionId).lastInsertRowid,
    );
    await expect(exportStoredSet(db, paths, { setId: mosaic, dir: join(root, 'out') })).rejects.toMatchObject(
      { code: 'unsupported' },
    );
    expect(readdirSync(root)).toEqual(['project']);
    db.close();
  });
});

describe('sets.list and exports.create through the API', () => {
  it('lists the sets and exports png, jpeg and npz; bad arguments are bad_request', async () => {
    const workspace = tempDir();
    const { db, setId } = makeProject(join(workspace, 'p'));
    db.close();
    const launcher: JobLauncher = () => {
      throw new Error('exports run in-process: no job is launched');
    };
    const backend = createBackend({ workspace, resourcesDir: RESOURCES_DIR, launcher });
    const [a, b] = createMemoryTransportPair();
    backend.connect(b);
    const api = createApiClient(a);
    try {
      const sets = await api.call('sets.list', { project: 'p' });
      expect(sets).toEqual([
        expect.objectContaining({
          id: setId,
          datasetName: 'tiny',
          method: 'el2n',
          rule: 'easy-first',
          ipc: 2,
          seed: 5,
          grid: 1,
          resolution: H,
          images: 6,
          classes: 3,
          exports: 0,
          kind: 'subset',
        }),
      ]);
      const out = join(tempDir(), 'e');
      const png = await api.call('exports.create', { project: 'p', setId, dir: join(out, 'png') });
      expect(png).toMatchObject({ format: 'png', images: 6, quality: null });
      expect(png.files.map((f) => f.path)).toContain('labels.csv');
      expect(png.bytes).toBe(png.files.reduce((s, f) => s + f.bytes, 0));
      const jpeg = await api.call('exports.create', {
        project: 'p',
        setId,
        dir: join(out, 'jpeg'),
        format: 'jpeg',
        quality: 80,
      });
      expect(jpeg).toMatchObject({ format: 'jpeg', quality: 80 });
      const npz = await api.call('exports.create', {
        project: 'p',
        setId,
        dir: join(out, 'npz'),
        format: 'npz',
      });
      expect(decodeIntegers(readNpz(readFileSync(join(out, 'npz', 'compressed.npz'))).get('y')!)).toEqual([
        0, 0, 1, 1, 2, 2,
      ]);
      expect(npz.perClass.map((c) => c.images)).toEqual([2, 2, 2]);
      expect((await api.call('sets.list', { project: 'p' }))[0]?.exports).toBe(3);

      await expect(
        api.call('exports.create', { project: 'p', setId, dir: join(out, 'png') }),
      ).rejects.toMatchObject({ code: 'conflict' });
      const replaced = await api.call('exports.create', {
        project: 'p',
        setId,
        dir: join(out, 'png'),
        format: 'npz',
        replace: true,
      });
      expect(replaced.replaced).toBe(true);
      await expect(
        api.call('exports.create', { project: 'p', setId, dir: 'relative/dir' }),
      ).rejects.toMatchObject({ code: 'bad_request' });
      await expect(
        api.call('exports.create', { project: 'p', setId, dir: join(out, 'x'), quality: 50 }),
      ).rejects.toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(/quality applies to jpeg/),
      });
      await expect(
        api.call('exports.create', { project: 'p', setId, dir: join(out, 'x'), format: 'jpeg', quality: 0 }),
      ).rejects.toMatchObject({ code: 'bad_request' });
      await expect(
        api.call('exports.create', { project: 'p', setId, dir: join(out, 'x'), format: 'gif' as 'png' }),
      ).rejects.toMatchObject({ code: 'bad_request' });
      expect(readdirSync(out).sort()).toEqual(['jpeg', 'npz', 'png']);
    } finally {
      api.close();
      await backend.close();
    }
  });
});
