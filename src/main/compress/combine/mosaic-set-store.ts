import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/rpc/errors';
import { readPixelCache, type PixelCache } from '../../datasets/pixel-cache';
import { writeFileAtomic } from '../../fsutil/atomic-write';
import type { Db } from '../../store/database';
import type { ProjectPaths } from '../../store/project-store';
import { insertStoredSet, type NewStoredSet } from '../../store/selections-repo';

/**
 * A combined set's own pixels: `<project>/cache/set-<id>-<random>.u8`, uint8 N×H×W×C in
 * position order, referenced by `compressed_sets.cache_file`.
 *
 * The pixels are written and fsynced under a hidden pending name first; then one transaction
 * inserts the set row, renames the file to its final name (the id exists only now) and inserts
 * the images. So a committed row always has its whole file, and on any failure both the rows
 * and the file are gone. (A crash between the write and the commit can leave a hidden
 * `.set-pending-*` or unreferenced `set-*` file; no row ever points at a partial one.)
 */
export function storeMosaicSet(db: Db, paths: ProjectPaths, set: NewStoredSet, pixels: Uint8Array[]): number {
  const random = randomBytes(6).toString('hex');
  const pending = join(paths.cacheDir, `.set-pending-${random}.u8`);
  let placed: string | null = null;
  try {
    mkdirSync(paths.cacheDir, { recursive: true });
    writeFileAtomic(pending, pixels);
    return insertStoredSet(db, set, (setId) => {
      const name = `set-${setId}-${random}.u8`;
      placed = join(paths.cacheDir, name);
      renameSync(pending, placed);
      return name;
    });
  } catch (error) {
    rmSync(pending, { force: true });
    if (placed !== null) rmSync(placed, { force: true });
    // File-system failures (disk full, permissions) are the user's to fix; others stay as they are.
    if (!(error instanceof Error) || !('syscall' in error)) throw error;
    throw new ApiError(
      'io_error',
      `cannot store the mosaics in ${paths.cacheDir}: ${(error as Error).message}; nothing was stored`,
    );
  }
}

/** The stored pixels of a combined set, checked against the shape its rows promise. */
export function readMosaicSetPixels(
  paths: ProjectPaths,
  set: { id: number; cacheFile: string },
  shape: { height: number; width: number; channels: number; count: number },
): PixelCache {
  const file = join(paths.cacheDir, set.cacheFile);
  const expected = shape.count * shape.height * shape.width * shape.channels;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ApiError(
      'not_found',
      `the pixels of compressed set ${set.id} (${file}) are missing; combine its selection again`,
    );
  }
  if (size !== expected)
    throw new ApiError(
      'invalid_data',
      `the pixel file of compressed set ${set.id} (${file}) has ${size} bytes, expected ${expected}; combine its selection again`,
    );
  return readPixelCache(file, shape.height, shape.width, shape.channels, shape.count);
}
