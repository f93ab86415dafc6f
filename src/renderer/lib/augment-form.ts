import type { MethodParams } from '../../shared/api/contract';
import type { AugmentPreviewDto, CompressedSetDto } from '../../shared/api/dto';
import {
  checkPolicy,
  defaultPolicy,
  type AugmentKind,
  type PolicyField,
  type PolicyValues,
} from './augment-policy';
import { formatCount } from './format';

/** Views per preview: enough to see the policy's spread, few enough to draw at once. */
export const VIEW_COUNT = 8;
const MAX_SEED = 2 ** 31 - 1;

export interface AugmentFormValues {
  setId: number | null;
  /** Which stored image of the set (0-based, the set's order). */
  position: number | null;
  seed: number | null;
  policy: PolicyValues;
}

export type AugmentField = 'setId' | 'position' | 'seed' | PolicyField;
export type PreviewRequest = Omit<MethodParams<'sets.previewViews'>, 'project'>;
export type AugmentFormCheck =
  { ok: true; params: PreviewRequest } | { ok: false; errors: Partial<Record<AugmentField, string>> };

export function defaultAugmentForm(setId: number | null = null): AugmentFormValues {
  return { setId, position: 0, seed: 0, policy: defaultPolicy() };
}

const missing = (v: number | null | undefined): boolean => v === null || v === undefined || Number.isNaN(v);

/** Checks the form against the chosen set; returns what `sets.previewViews` takes, or messages. */
export function checkAugmentForm(
  values: AugmentFormValues,
  set: Pick<CompressedSetDto, 'id' | 'images'> | null,
): AugmentFormCheck {
  const errors: Partial<Record<AugmentField, string>> = {};
  if (!set) errors.setId = 'Choose a stored set (make one in Combine)';
  const p = values.position;
  const last = set ? set.images - 1 : 0;
  if (missing(p) || !Number.isInteger(p) || (p as number) < 0 || (set && (p as number) > last))
    errors.position = set
      ? `The position must be a whole number from 0 to ${formatCount(last)}`
      : 'The position must be a whole number from 0';
  const seed = values.seed;
  if (missing(seed) || !Number.isInteger(seed) || (seed as number) < 0 || (seed as number) > MAX_SEED)
    errors.seed = `The seed must be a whole number from 0 to ${formatCount(MAX_SEED)}`;
  const policy = checkPolicy(values.policy);
  if (!policy.ok) Object.assign(errors, policy.errors);
  if (Object.keys(errors).length > 0 || !policy.ok || !set) return { ok: false, errors };
  return {
    ok: true,
    params: {
      setId: set.id,
      position: p as number,
      seed: seed as number,
      count: VIEW_COUNT,
      ...policy.policy,
    },
  };
}

/** "cell 2 (row 1, column 2)": cells are numbered row by row, as the mosaic is filled. */
export function describeCell(cell: number, grid: number): string {
  const row = Math.floor(cell / grid) + 1;
  const column = (cell % grid) + 1;
  return `cell ${cell + 1} (row ${row}, column ${column})`;
}

/** Where a view came from and whether it was flipped, in words (not colour). */
export function viewLabel(
  view: AugmentPreviewDto['views'][number],
  augment: AugmentKind,
  grid: number,
): string {
  let source: string;
  if (view.cell !== null)
    source = grid > 1 ? `From ${describeCell(view.cell, grid)}` : 'From the whole image';
  else if (augment === 'whole') source = 'Crop of the whole image';
  else if (augment === 'shuffle') source = 'Cells shuffled, then cropped';
  else source = 'The stored image';
  return `${source}, ${view.flipped ? 'flipped' : 'not flipped'}`;
}

/** A line above the views: "Image 3 of 20 (Trouser), a 2×2 mosaic: 8 views, 3 flipped." */
export function describePreview(preview: AugmentPreviewDto, setImages: number, className: string): string {
  const flipped = preview.views.filter((v) => v.flipped).length;
  const kind = preview.grid > 1 ? `a ${preview.grid}×${preview.grid} mosaic` : 'one kept image';
  return (
    `Image ${formatCount(preview.position + 1)} of ${formatCount(setImages)} (${className}), ${kind}: ` +
    `${preview.views.length} views, ${flipped} flipped.`
  );
}

/**
 * What a picker (of sets, of selections) shows after its list changed: an item that was not
 * there before (one just made) wins; otherwise the current choice while it exists; otherwise the
 * newest (highest id).
 */
export function followNew(
  current: number | null,
  known: readonly number[],
  items: readonly { id: number }[],
): number | null {
  const fresh = items.filter((s) => !known.includes(s.id)).map((s) => s.id);
  if (fresh.length > 0) return Math.max(...fresh);
  if (current !== null && items.some((s) => s.id === current)) return current;
  return items.length > 0 ? Math.max(...items.map((s) => s.id)) : null;
}
