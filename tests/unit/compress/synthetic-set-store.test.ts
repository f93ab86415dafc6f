import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedSummary, storeSyntheticSet } from '../../../src/main/compress/synthetic-set-store';
import { getCompressedSet } from '../../../src/main/store/compressed-sets-repo';
import { insertDataset } from '../../../src/main/store/datasets-repo';
import { openProject } from '../../../src/main/store/project-store';
import { getSelection } from '../../../src/main/store/selections-repo';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** A project with a 2-class, 2-sample dataset (pixels not needed here). */
function project() {
  const { db, paths } = openProject(join(tempDir(), 'p'), { create: true });
  const datasetId = insertDataset(db, {
    name: 'tiny',
    format: 'test',
    sourcePath: '/nowhere',
    sourceSha256: '0'.repeat(64),
    height: 1,
    width: 2,
    channels: 1,
    cacheFile: 'tiny.u8',
    classNames: ['a', 'b'],
    samples: [0, 1].map((i) => ({
      cacheIndex: i,
      classIndex: i,
      split: 'train' as const,
      sourcePath: `/nowhere#${i}`,
      byteSize: 2,
      format: 'raw',
      contentSha256: String(i).repeat(64),
    })),
  });
  const ids = (db.prepare('SELECT id FROM samples ORDER BY cache_index').all() as { id: number }[]).map(
    (r) => r.id,
  );
  return { db, paths, datasetId, ids };
}

describe('storeSyntheticSet', () => {
  it('stores the selection (method = kind, rule none) and the set with its pixels together', () => {
    const { db, paths, datasetId, ids } = project();
    const [a, b] = ids as [number, number];
    const { setId, selectionId } = storeSyntheticSet(db, paths, {
      kind: 'dm',
      selection: {
        datasetId,
        ipc: 1,
        seed: 4,
        params: { key: 'k' },
        warnings: ['w'],
        perClass: new Map([
          [0, [a]],
          [1, [b]],
        ]),
      },
      set: {
        grid: 1,
        resolution: 1,
        params: { key: 'k', summary: { perClass: [] } },
        images: [
          { classIndex: 0, tileSampleIds: [a] },
          { classIndex: 1, tileSampleIds: [b] },
        ],
      },
      pixels: [new Uint8Array([1, 2]), new Uint8Array([3, 4])],
    });
    expect(getSelection(db, selectionId)).toMatchObject({ method: 'dm', rule: 'none', ipc: 1, seed: 4 });
    const set = getCompressedSet(db, setId);
    expect(set).toMatchObject({ selectionId, kind: 'dm', grid: 1, resolution: 1 });
    expect(storedSummary(set, 'a DM set')).toEqual({ perClass: [] });
    db.close();
  });

  it('leaves no selection when the set cannot be stored', () => {
    const { db, paths, datasetId } = project();
    expect(() =>
      storeSyntheticSet(db, paths, {
        kind: 'rded',
        selection: { datasetId, ipc: 1, seed: 0, params: {}, warnings: [], perClass: new Map() },
        set: {
          grid: 2,
          resolution: 1,
          params: {},
          images: [{ classIndex: null as unknown as number, tileSampleIds: [1] }],
        },
        pixels: [new Uint8Array(2)],
      }),
    ).toThrow(/NOT NULL/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM selections').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM compressed_sets').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('storedSummary', () => {
  it('refuses a set without its summary, naming it', () => {
    expect(() => storedSummary({ id: 9, params: {} }, 'an RDED set')).toThrow(
      'compressed set 9 is an RDED set without its summary',
    );
    expect(() => storedSummary({ id: 9, params: { summary: {} } }, 'a DM set')).toThrow(
      'compressed set 9 is a DM set without its summary',
    );
  });
});
