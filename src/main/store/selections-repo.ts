import { ApiError } from '../../shared/rpc/errors';
import { type Db, nowIso } from './database';

export interface NewSelection {
  datasetId: number;
  method: string;
  rule: string;
  ipc: number;
  seed: number;
  params: Record<string, unknown>;
  warnings: string[];
  /** Kept sample ids per class index, in rank order. */
  perClass: Map<number, number[]>;
  /** The score set the selection ranked by, if any. */
  scoreSetId?: number | null;
}

export interface SelectionRow {
  id: number;
  datasetId: number;
  method: string;
  rule: string;
  ipc: number;
  seed: number;
  params: Record<string, unknown>;
  warnings: string[];
  scoreSetId: number | null;
  createdAt: string;
}

export function insertSelection(db: Db, s: NewSelection): number {
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO selections (dataset_id, method, rule, ipc, seed, params, warnings, created_at, score_set_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.datasetId,
        s.method,
        s.rule,
        s.ipc,
        s.seed,
        JSON.stringify(s.params),
        JSON.stringify(s.warnings),
        nowIso(),
        s.scoreSetId ?? null,
      );
    const id = Number(info.lastInsertRowid);
    const add = db.prepare(
      'INSERT INTO selection_items (selection_id, class_index, rank, sample_id) VALUES (?, ?, ?, ?)',
    );
    for (const [classIndex, ids] of s.perClass)
      ids.forEach((sampleId, rank) => add.run(id, classIndex, rank, sampleId));
    return id;
  })();
}

export function getSelection(db: Db, id: number): SelectionRow {
  const row = db
    .prepare(
      `SELECT id, dataset_id AS datasetId, method, rule, ipc, seed, params, warnings,
         score_set_id AS scoreSetId, created_at AS createdAt
       FROM selections WHERE id = ?`,
    )
    .get(id) as
    (Omit<SelectionRow, 'params' | 'warnings'> & { params: string; warnings: string }) | undefined;
  if (!row) throw new ApiError('not_found', `selection ${id} does not exist in this project`);
  return {
    ...row,
    params: JSON.parse(row.params) as Record<string, unknown>,
    warnings: JSON.parse(row.warnings) as string[],
  };
}

export function listSelectionIds(db: Db, datasetId?: number): number[] {
  const rows = (
    datasetId === undefined
      ? db.prepare('SELECT id FROM selections ORDER BY id DESC').all()
      : db.prepare('SELECT id FROM selections WHERE dataset_id = ? ORDER BY id DESC').all(datasetId)
  ) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Kept sample ids per class index, in rank order. */
export function selectionPerClass(db: Db, selectionId: number): Map<number, number[]> {
  const rows = db
    .prepare(
      'SELECT class_index AS c, sample_id AS s FROM selection_items WHERE selection_id = ? ORDER BY class_index, rank',
    )
    .all(selectionId) as { c: number; s: number }[];
  const out = new Map<number, number[]>();
  for (const { c, s } of rows) {
    const list = out.get(c);
    if (list) list.push(s);
    else out.set(c, [s]);
  }
  return out;
}

/** The kept samples in (class, rank) order with what training and export need. */
export function selectionItems(
  db: Db,
  selectionId: number,
): { sampleId: number; classIndex: number; rank: number; cacheIndex: number }[] {
  return db
    .prepare(
      `SELECT i.sample_id AS sampleId, i.class_index AS classIndex, i.rank, s.cache_index AS cacheIndex
       FROM selection_items i JOIN samples s ON s.id = i.sample_id
       WHERE i.selection_id = ? ORDER BY i.class_index, i.rank`,
    )
    .all(selectionId) as { sampleId: number; classIndex: number; rank: number; cacheIndex: number }[];
}

/** A compressed set made of whole kept images, one per stored image (grid 1): the demo's set. */
export function insertIdentitySet(db: Db, selectionId: number, resolution: number): number {
  return db.transaction(() => {
    const info = db
      .prepare(
        `INSERT INTO compressed_sets (selection_id, kind, grid, resolution, params, created_at)
         VALUES (?, 'subset', 1, ?, '{}', ?)`,
      )
      .run(selectionId, resolution, nowIso());
    const setId = Number(info.lastInsertRowid);
    const add = db.prepare(
      'INSERT INTO compressed_images (set_id, position, class_index, tile_sample_ids) VALUES (?, ?, ?, ?)',
    );
    selectionItems(db, selectionId).forEach((item, position) =>
      add.run(setId, position, item.classIndex, JSON.stringify([item.sampleId])),
    );
    return setId;
  })();
}

export interface NewStoredSet {
  selectionId: number;
  kind: string;
  grid: number;
  /** Stored height in pixels. */
  resolution: number;
  params: Record<string, unknown>;
  /** The stored images in position order: class and source sample ids in grid order. */
  images: { classIndex: number; tileSampleIds: number[] }[];
}

/**
 * A compressed set with its own pixel file. `placeFile(setId)` runs inside the transaction once
 * the set's id exists and returns the cache file name it put in place; if it or any insert
 * throws, nothing is committed (the caller removes the file).
 */
export function insertStoredSet(db: Db, s: NewStoredSet, placeFile: (setId: number) => string): number {
  return db
    .transaction(() => {
      const info = db
        .prepare(
          `INSERT INTO compressed_sets (selection_id, kind, grid, resolution, params, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(s.selectionId, s.kind, s.grid, s.resolution, JSON.stringify(s.params), nowIso());
      const setId = Number(info.lastInsertRowid);
      db.prepare('UPDATE compressed_sets SET cache_file = ? WHERE id = ?').run(placeFile(setId), setId);
      const add = db.prepare(
        'INSERT INTO compressed_images (set_id, position, class_index, tile_sample_ids) VALUES (?, ?, ?, ?)',
      );
      s.images.forEach((image, position) =>
        add.run(setId, position, image.classIndex, JSON.stringify(image.tileSampleIds)),
      );
      return setId;
    })
    .immediate();
}

export function compressedImages(
  db: Db,
  setId: number,
): { position: number; classIndex: number; tileSampleIds: number[] }[] {
  const rows = db
    .prepare(
      `SELECT position, class_index AS classIndex, tile_sample_ids AS tiles FROM compressed_images
       WHERE set_id = ? ORDER BY position`,
    )
    .all(setId) as { position: number; classIndex: number; tiles: string }[];
  return rows.map((r) => ({
    position: r.position,
    classIndex: r.classIndex,
    tileSampleIds: JSON.parse(r.tiles) as number[],
  }));
}
