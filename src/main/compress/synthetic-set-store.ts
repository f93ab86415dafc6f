/**
 * What the synthesis methods (DM, RDED) share when they store a set and read it back: a selection
 * row (method = the set's kind, rule 'none', each class's source images) and a compressed set with
 * its own pixel file (`storeMosaicSet`), in one transaction so neither exists without the other;
 * the job's summary kept in the set's params for a later identical request.
 */
import { ApiError } from '../../shared/rpc/errors';
import type { Db } from '../store/database';
import type { ProjectPaths } from '../store/project-store';
import { insertSelection, type NewSelection, type NewStoredSet } from '../store/selections-repo';
import { storeMosaicSet } from './combine/mosaic-set-store';

export interface SyntheticSetInput {
  /** The compressed set's kind, and its selection's method. */
  kind: string;
  selection: Omit<NewSelection, 'method' | 'rule'>;
  set: Omit<NewStoredSet, 'selectionId' | 'kind'>;
  /** The stored images' pixels, in position order. */
  pixels: Uint8Array[];
}

export function storeSyntheticSet(
  db: Db,
  paths: ProjectPaths,
  s: SyntheticSetInput,
): { setId: number; selectionId: number } {
  return db.transaction(() => {
    const selectionId = insertSelection(db, { ...s.selection, method: s.kind, rule: 'none' });
    const setId = storeMosaicSet(db, paths, { ...s.set, selectionId, kind: s.kind }, s.pixels);
    return { setId, selectionId };
  })();
}

/**
 * The summary a stored set keeps in its params (`summary`, with `perClass`); `what` names the
 * set in the refusal: "a DM set".
 */
export function storedSummary<T extends { perClass: unknown }>(
  set: { id: number; params: Record<string, unknown> },
  what: string,
): T {
  const summary = set.params['summary'] as T | undefined;
  if (!summary?.perClass)
    throw new ApiError('invalid_data', `compressed set ${set.id} is ${what} without its summary`);
  return summary;
}
