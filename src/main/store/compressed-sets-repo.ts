import type { CompressedSetDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import type { Db } from './database';

/** Reads of compressed sets for listing and export (writes live in selections-repo.ts). */

export interface CompressedSetRow {
  id: number;
  selectionId: number;
  kind: string;
  grid: number;
  resolution: number;
  params: Record<string, unknown>;
  /** The set's own pixel file under cache/ (combined sets); null: whole samples from the dataset cache. */
  cacheFile: string | null;
  createdAt: string;
}

export function getCompressedSet(db: Db, setId: number): CompressedSetRow {
  const row = db
    .prepare(
      `SELECT id, selection_id AS selectionId, kind, grid, resolution, params, cache_file AS cacheFile,
         created_at AS createdAt
       FROM compressed_sets WHERE id = ?`,
    )
    .get(setId) as (Omit<CompressedSetRow, 'params'> & { params: string }) | undefined;
  if (!row)
    throw new ApiError(
      'not_found',
      `compressed set ${setId} does not exist in this project; run "datapress sets" to list them`,
    );
  return { ...row, params: JSON.parse(row.params) as Record<string, unknown> };
}

/** Every compressed set with what a user needs to pick one, oldest first. */
export function listCompressedSets(db: Db): CompressedSetDto[] {
  const rows = db
    .prepare(
      `SELECT cs.id, cs.selection_id AS selectionId, cs.kind, cs.grid, cs.resolution, cs.params AS setParams,
         cs.created_at AS createdAt, s.dataset_id AS datasetId, d.name AS datasetName, s.method, s.rule, s.ipc, s.seed,
         s.params AS selectionParams,
         (SELECT COUNT(*) FROM compressed_images ci WHERE ci.set_id = cs.id) AS images,
         (SELECT COUNT(DISTINCT ci.class_index) FROM compressed_images ci WHERE ci.set_id = cs.id) AS classes,
         (SELECT COUNT(*) FROM exports e WHERE e.compressed_set_id = cs.id) AS exports
       FROM compressed_sets cs JOIN selections s ON s.id = cs.selection_id JOIN datasets d ON d.id = s.dataset_id
       ORDER BY cs.id`,
    )
    .all() as (Omit<CompressedSetDto, 'params' | 'selectionParams'> & {
    setParams: string;
    selectionParams: string;
  })[];
  return rows.map(({ setParams, selectionParams, ...rest }) => ({
    ...rest,
    params: JSON.parse(setParams) as Record<string, unknown>,
    selectionParams: JSON.parse(selectionParams) as Record<string, unknown>,
  }));
}

/** Cache index and content hash of every source sample the set's images are made of. */
export function tileSamples(
  db: Db,
  setId: number,
): Map<number, { cacheIndex: number; contentSha256: string }> {
  const rows = db
    .prepare(
      `SELECT DISTINCT s.id, s.cache_index AS cacheIndex, s.content_sha256 AS contentSha256
       FROM compressed_images ci, json_each(ci.tile_sample_ids) t JOIN samples s ON s.id = t.value
       WHERE ci.set_id = ?`,
    )
    .all(setId) as { id: number; cacheIndex: number; contentSha256: string }[];
  return new Map(rows.map((r) => [r.id, { cacheIndex: r.cacheIndex, contentSha256: r.contentSha256 }]));
}
