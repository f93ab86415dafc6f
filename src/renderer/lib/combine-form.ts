import type { MethodParams } from '../../shared/api/contract';
import type { CombineResultDto, DatasetDto, MosaicGrouping, SelectionDto } from '../../shared/api/dto';
import type { ClassRow } from './class-table';
import { formatBytes, formatCount } from './format';

/** The Combine form as bound to inputs: number inputs give null when empty. */
export interface CombineFormValues {
  selectionId: number | null;
  k: number;
  grouping: MosaicGrouping;
  /** Stored height in pixels; null (blank) keeps the dataset's own size. */
  resolution: number | null;
}

export type CombineField = 'selectionId' | 'k' | 'resolution';
export type CombineRequest = Omit<MethodParams<'sets.combine'>, 'project'>;
export type CombineFormCheck =
  { ok: true; params: CombineRequest } | { ok: false; errors: Partial<Record<CombineField, string>> };

/** The contract's bounds: k from 1 to 4, a stored height of at most 1024 pixels. */
export const MAX_K = 4;
export const MAX_RESOLUTION = 1024;

export const K_CHOICES: readonly { value: number; label: string; hint: string }[] = [1, 2, 3, 4].map((k) => ({
  value: k,
  label: `${k}×${k}`,
  hint:
    k === 1
      ? '1×1: each stored image is one kept image, as it is; nothing is combined.'
      : `${k}×${k}: each stored image holds ${k * k} whole kept images of one class; storage stays that of one image.`,
}));

export const GROUPING_CHOICES: readonly { value: MosaicGrouping; label: string; hint: string }[] = [
  {
    value: 'consecutive',
    label: 'Consecutive',
    hint: 'Consecutive: neighbours in the selection’s order share a stored image (the first holds ranks 1 to k², the next the k² after them).',
  },
  {
    value: 'interleaved',
    label: 'Interleaved',
    hint: 'Interleaved (as RDED): the ranks are dealt out like cards, so every stored image spans the whole ranking, from easiest to hardest.',
  },
];

export const RESOLUTION_HINT =
  'Blank keeps the dataset’s own size, which training and evaluation need. A different height is for export only.';

/** The recommended start: 2×2 mosaics, consecutive ranks, the dataset's own size. */
export function defaultCombineForm(selectionId: number | null = null): CombineFormValues {
  return { selectionId, k: 2, grouping: 'consecutive', resolution: null };
}

const missing = (v: number | null | undefined): boolean => v === null || v === undefined || Number.isNaN(v);

/** Checks the form; returns what `sets.combine` takes (without the project), or a message per field. */
export function checkCombineForm(values: CombineFormValues): CombineFormCheck {
  const errors: Partial<Record<CombineField, string>> = {};
  if (values.selectionId === null) errors.selectionId = 'Choose a selection to combine (make one in Prune)';
  if (!Number.isInteger(values.k) || values.k < 1 || values.k > MAX_K)
    errors.k = `The grid size must be a whole number from 1 to ${MAX_K}`;
  const r = values.resolution;
  if (!missing(r) && (!Number.isInteger(r) || (r as number) < values.k || (r as number) > MAX_RESOLUTION))
    errors.resolution = `The height must be a whole number of pixels from ${Math.max(1, values.k)} (k) to ${MAX_RESOLUTION}, or blank`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const params: CombineRequest = {
    selectionId: values.selectionId as number,
    k: values.k,
    grouping: values.grouping,
  };
  if (!missing(r)) params.resolution = r as number;
  return { ok: true, params };
}

/** What combining would store, worked out from the selection's numbers alone. */
export interface StoragePlan {
  height: number;
  width: number;
  channels: number;
  perClass: { classIndex: number; name: string; kept: number; stored: number }[];
  kept: number;
  stored: number;
  /** Raw bytes of the stored images: stored × height × width × channels. */
  bytes: number;
  /** The kept images' own bytes, stored one by one at the dataset's size. */
  keptBytes: number;
}

/**
 * As the Node side plans it (combine-plan.ts): per class ⌈kept / k²⌉ stored images, each the
 * dataset's size, or `resolution` high with the dataset's aspect (width rounded).
 */
export function planStorage(
  selection: Pick<SelectionDto, 'perClass'>,
  dataset: Pick<DatasetDto, 'height' | 'width' | 'channels'>,
  k: number,
  resolution: number | null = null,
): StoragePlan {
  const height = resolution ?? dataset.height;
  const width = resolution === null ? dataset.width : Math.round((height * dataset.width) / dataset.height);
  const perImage = height * width * dataset.channels;
  const perClass = selection.perClass
    .filter((c) => c.kept > 0)
    .map((c) => ({
      classIndex: c.classIndex,
      name: c.name,
      kept: c.kept,
      stored: Math.ceil(c.kept / (k * k)),
    }));
  const kept = perClass.reduce((sum, c) => sum + c.kept, 0);
  const stored = perClass.reduce((sum, c) => sum + c.stored, 0);
  return {
    height,
    width,
    channels: dataset.channels,
    perClass,
    kept,
    stored,
    bytes: stored * perImage,
    keptBytes: kept * dataset.height * dataset.width * dataset.channels,
  };
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** "28×28 px, 1 channel" */
export function describeSize(height: number, width: number, channels: number): string {
  return `${width}×${height} px, ${plural(channels, 'channel')}`;
}

/**
 * The storage line under the settings: "20 stored images (28×28 px, 1 channel) holding 80 kept
 * images: 15.3 KiB on disk (15,680 bytes of raw pixels, 25% of the 61.3 KiB the kept images take
 * one by one)."
 */
export function describeStorage(plan: StoragePlan): string {
  const share = plan.keptBytes > 0 ? plan.bytes / plan.keptBytes : 1;
  const ratio =
    share < 1
      ? `${Math.round(share * 100)}% of the ${formatBytes(plan.keptBytes)} the kept images take one by one`
      : `the same as the kept images one by one`;
  return (
    `${plural(plan.stored, 'stored image')} (${describeSize(plan.height, plan.width, plan.channels)}) ` +
    `holding ${plural(plan.kept, 'kept image')}: ${formatBytes(plan.bytes)} on disk ` +
    `(${formatCount(plan.bytes)} bytes of raw pixels, ${ratio}).`
  );
}

/** The classes a preview can show: those the selection keeps images of. */
export function previewClasses(selection: Pick<SelectionDto, 'perClass'>): { index: number; name: string }[] {
  return selection.perClass.filter((c) => c.kept > 0).map((c) => ({ index: c.classIndex, name: c.name }));
}

/** One line about a stored combine: "Stored set #4: 20 images (2×2, consecutive) made of 80 kept images, 15.3 KiB of pixels." */
export function describeCombineResult(result: CombineResultDto): string {
  const grid = `${result.grid}×${result.grid}, ${result.grouping}`;
  return (
    `Stored set #${result.id}: ${plural(result.storedImages, 'image')} (${grid}) ` +
    `made of ${plural(result.keptImages, 'kept image')}, ${formatBytes(result.bytes)} of pixels.`
  );
}

/** "Mosaic 2 of Coat: samples #12, #40, #7, #3" — the alt text of a preview image. */
export function mosaicAlt(className: string, index: number, tileSampleIds: readonly number[]): string {
  const tiles = tileSampleIds.map((id) => `#${id}`).join(', ');
  return `Mosaic ${index + 1} of ${className}: sample${tileSampleIds.length === 1 ? '' : 's'} ${tiles}`;
}

/** The result's per-class rows: kept images, stored images (mosaics) and repeated tiles. */
export function combineClassRows(result: Pick<CombineResultDto, 'perClass'>): ClassRow[] {
  return result.perClass.map((c) => ({
    key: c.index,
    name: c.name,
    cells: [formatCount(c.keptImages), formatCount(c.storedImages), formatCount(c.repeatedTiles)],
  }));
}
