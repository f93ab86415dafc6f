import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMosaicSetPixels, storeMosaicSet } from '../../../../src/main/compress/combine/mosaic-set-store';
import { getCompressedSet } from '../../../../src/main/store/compressed-sets-repo';
import { insertDataset } from '../../../../src/main/store/datasets-repo';
import { openProject } from '../../../../src/main/store/project-store';
import { compressedImages, insertSelection } from '../../../../src/main/store/selections-repo';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

/** A project with a 2-class, 4-sample dataset (pixels not needed here) and one selection. */
function project() {
  const { db, paths } = openProject(join(tempDir(), 'p'), { create: true });
  const datasetId = insertDataset(db, {
    name: 'tiny',
    format: 'test',
    sourcePath: '/nowhere',
    sourceSha256: '0'.repeat(64),
    height: 2,
    width: 2,
    channels: 1,
    cacheFile: 'tiny.u8',
    classNames: ['a', 'b'],
    samples: [0, 1, 2, 3].map((i) => ({
      cacheIndex: i,
      classIndex: i % 2,
      split: 'train' as const,
      sourcePath: `/nowhere#${i}`,
      byteSize: 4,
      format: 'raw',
      contentSha256: String(i).repeat(64),
    })),
  });
  const ids = (db.prepare('SELECT id FROM samples ORDER BY cache_index').all() as { id: number }[]).map(
    (r) => r.id,
  );
  const selectionId = insertSelection(db, {
    datasetId,
    method: 'random',
    rule: 'uniform',
    ipc: 2,
    seed: 0,
    params: {},
    warnings: [],
    perClass: new Map([
      [0, [ids[0] as number, ids[2] as number]],
      [1, [ids[1] as number, ids[3] as number]],
    ]),
  });
  return { db, paths, ids, selectionId };
}

const pixels = [new Uint8Array([1, 2, 3, 4]), new Uint8Array([5, 6, 7, 8])];

describe('storeMosaicSet', () => {
  it('writes cache/set-<id>-<random>.u8 (N×H×W×C, position order) and the rows in one go', () => {
    const { db, paths, ids, selectionId } = project();
    const images = [
      { classIndex: 0, tileSampleIds: [ids[0] as number, ids[2] as number] },
      { classIndex: 1, tileSampleIds: [ids[1] as number, ids[3] as number] },
    ];
    const setId = storeMosaicSet(
      db,
      paths,
      { selectionId, kind: 'mosaic', grid: 1, resolution: 2, params: { k: 1 }, images },
      pixels,
    );
    const set = getCompressedSet(db, setId);
    expect(set).toMatchObject({ kind: 'mosaic', grid: 1, params: { k: 1 } });
    expect(set.cacheFile).toMatch(new RegExp(`^set-${setId}-[0-9a-f]{12}\\.u8$`));
    expect(readdirSync(paths.cacheDir)).toEqual([set.cacheFile]);
    expect([...readFileSync(join(paths.cacheDir, set.cacheFile as string))]).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(compressedImages(db, setId).map((i) => i.tileSampleIds)).toEqual(
      images.map((i) => i.tileSampleIds),
    );
    const read = readMosaicSetPixels(
      paths,
      { id: setId, cacheFile: set.cacheFile as string },
      { height: 2, width: 2, channels: 1, count: 2 },
    );
    expect([...read.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    db.close();
  });

  it('leaves no row and no file when the set row fails (unknown selection)', () => {
    const { db, paths } = project();
    expect(() =>
      storeMosaicSet(
        db,
        paths,
        { selectionId: 999, kind: 'mosaic', grid: 1, resolution: 2, params: {}, images: [] },
        pixels,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM compressed_sets').get()).toEqual({ n: 0 });
    expect(readdirSync(paths.cacheDir)).toEqual([]);
    db.close();
  });

  it('leaves no row and no file when an image row fails after the file was renamed into place', () => {
    const { db, paths, selectionId } = project();
    const bad = [{ classIndex: null as unknown as number, tileSampleIds: [1] }];
    expect(() =>
      storeMosaicSet(
        db,
        paths,
        { selectionId, kind: 'mosaic', grid: 1, resolution: 2, params: {}, images: bad },
        pixels,
      ),
    ).toThrow(/NOT NULL/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM compressed_sets').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM compressed_images').get()).toEqual({ n: 0 });
    expect(readdirSync(paths.cacheDir)).toEqual([]);
    db.close();
  });
});

describe('readMosaicSetPixels', () => {
  it('names a missing or wrong-sized pixel file', () => {
    const { db, paths } = project();
    const shape = { height: 2, width: 2, channels: 1, count: 2 };
    expect(() => readMosaicSetPixels(paths, { id: 7, cacheFile: 'set-7-x.u8' }, shape)).toThrow(
      /pixels of compressed set 7 .* are missing; combine its selection again/,
    );
    mkdirSync(paths.cacheDir, { recursive: true });
    writeFileSync(join(paths.cacheDir, 'set-7-x.u8'), new Uint8Array(7));
    expect(() => readMosaicSetPixels(paths, { id: 7, cacheFile: 'set-7-x.u8' }, shape)).toThrow(
      /has 7 bytes, expected 8/,
    );
    db.close();
  });
});
