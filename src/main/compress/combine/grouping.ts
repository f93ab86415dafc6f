import type { MosaicGrouping } from '../../../shared/api/dto';

/**
 * Which kept images go into which mosaic (METHODS.md, "C — Combine"), for one class. Pure.
 *
 * With L kept images in rank order and k² tiles per mosaic, the class gets n = ⌈L / k²⌉ mosaics.
 * Slot r (0 ≤ r < n·k²) holds rank r; when L < n·k² the missing slots r ≥ L repeat the class's
 * images from rank 0 on (slot r holds rank r mod L), so every mosaic is whole. The caller warns
 * when that happens (`repeatedSlots`).
 */

export type Grouping = MosaicGrouping;
export const GROUPINGS = ['consecutive', 'interleaved'] as const satisfies readonly Grouping[];

/** Number of mosaics a class with `kept` images fills at k×k. */
export function mosaicCount(kept: number, k: number): number {
  return Math.ceil(kept / (k * k));
}

/** Slots that repeat an earlier image because the class has fewer than n·k² kept images. */
export function repeatedSlots(kept: number, k: number): number {
  return kept === 0 ? 0 : mosaicCount(kept, k) * k * k - kept;
}

/**
 * The tiles of each mosaic, in grid order (row-major), as ids taken from `rankedIds`.
 * consecutive: mosaic j holds ranks j·k² … j·k² + k² − 1 (neighbours in rank share a mosaic).
 * interleaved (as RDED): mosaic j holds ranks j, n + j, 2n + j, … (each mosaic spans the ranking).
 */
export function groupTiles(rankedIds: readonly number[], k: number, grouping: Grouping): number[][] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (!(GROUPINGS as readonly string[]).includes(grouping))
    throw new RangeError(`unknown grouping "${String(grouping)}"`);
  const kept = rankedIds.length;
  if (kept === 0) return [];
  const tiles = k * k;
  const n = mosaicCount(kept, k);
  const slot = (r: number) => rankedIds[r % kept] as number;
  return Array.from({ length: n }, (_, j) =>
    Array.from({ length: tiles }, (_, t) => slot(grouping === 'consecutive' ? j * tiles + t : t * n + j)),
  );
}
