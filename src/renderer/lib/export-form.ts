import type { MethodParams } from '../../shared/api/contract';
import type { CompressedSetDto, ExportFormatName, ExportResultDto, JobDto } from '../../shared/api/dto';
import type { ExportPreviewDto, ExportPreviewPart } from '../../shared/api/export-preview-dto';
import { ApiError } from '../../shared/rpc/errors';
import { errorMessage } from './errors';
import { formatBytes, formatCount, formatTimestamp } from './format';
import { isAbsolutePath } from './import-form';
import { newest } from './newest';

/** The export form as bound to inputs. */
export interface ExportFormValues {
  setId: number | null;
  dir: string;
  format: ExportFormatName;
  /** JPEG quality 1–100; only sent with format jpeg. */
  quality: number | null;
  replace: boolean;
}

export type ExportField = keyof ExportFormValues;
/** What `exports.start` (and `exports.create`, the same params) takes, without the project. */
export type ExportRequest = Omit<MethodParams<'exports.start'>, 'project'>;
export type ExportFormCheck =
  { ok: true; params: ExportRequest } | { ok: false; errors: Partial<Record<ExportField, string>> };

export const DEFAULT_JPEG_QUALITY = 95;

export const EXPORT_FORMAT_CHOICES: readonly { value: ExportFormatName; label: string; hint: string }[] = [
  {
    value: 'png',
    label: 'PNG (lossless)',
    hint: 'One PNG per image in a folder per class, exactly the pixels the set holds.',
  },
  {
    value: 'jpeg',
    label: 'JPEG',
    hint: 'Smaller files, slightly lossy; one JPEG per image in a folder per class.',
  },
  {
    value: 'npz',
    label: 'NPZ (NumPy)',
    hint: "A single compressed.npz: np.load('compressed.npz') gives x (the images) and y (the labels).",
  },
];

/** Initial values: the newest set (if any), PNG, no replacing. */
export function defaultExportForm(sets: readonly CompressedSetDto[] = []): ExportFormValues {
  return {
    setId: newestSet(sets)?.id ?? null,
    dir: '',
    format: 'png',
    quality: DEFAULT_JPEG_QUALITY,
    replace: false,
  };
}

export function newestSet(sets: readonly CompressedSetDto[]): CompressedSetDto | null {
  return newest(sets);
}

/** Validates the form and returns what `exports.start` takes (without the project), or messages. */
export function checkExportForm(values: ExportFormValues): ExportFormCheck {
  const errors: Partial<Record<ExportField, string>> = {};
  if (values.setId === null || !Number.isInteger(values.setId) || values.setId < 1)
    errors.setId = 'Choose a compressed set';
  const dir = values.dir.trim();
  if (dir === '') errors.dir = 'Enter the folder to export to';
  else if (!isAbsolutePath(dir)) errors.dir = 'Give the full path, e.g. /home/me/export or C:\\data\\export';
  const jpeg = values.format === 'jpeg';
  const quality = values.quality;
  if (jpeg) {
    if (quality === null || Number.isNaN(quality)) errors.quality = 'Required';
    else if (!Number.isInteger(quality) || quality < 1 || quality > 100)
      errors.quality = 'Must be a whole number from 1 to 100';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const params: ExportRequest = {
    setId: values.setId as number,
    dir,
    format: values.format,
    replace: values.replace,
  };
  if (jpeg) params.quality = quality as number;
  return { ok: true, params };
}

/** One short line that tells compressed sets apart in a picker. */
export function describeSet(set: CompressedSetDto): string {
  const method = set.method === 'random' ? 'random subset' : set.method;
  const grid = set.grid > 1 ? `, ${set.grid}×${set.grid} mosaics` : '';
  return `#${set.id} · ${method}${grid}, ${set.ipc} per class · ${formatCount(set.images)} images`;
}

/** The rest of what is known about a set, for a line under the picker. */
export function describeSetDetails(set: CompressedSetDto): string {
  const exported =
    set.exports === 0 ? 'not exported yet' : `exported ${set.exports} time${set.exports === 1 ? '' : 's'}`;
  return `From ${set.datasetName}, ${set.classes} classes at ${set.resolution} px, seed ${set.seed} · made ${formatTimestamp(set.createdAt)} · ${exported}`;
}

/** The export job the panel follows: the one started here, else the newest export job. */
export function exportJobFor(jobs: readonly JobDto[], startedId: number | null): JobDto | null {
  const started = startedId !== null ? jobs.find((j) => j.id === startedId) : undefined;
  return started ?? newest(jobs.filter((j) => j.kind === 'export'));
}

/**
 * Narrows an export job's result (stored as JSON, typed unknown) to what the result view reads;
 * null when it is not one, so a row from another version shows the card without a result.
 */
export function asExportResult(result: unknown): ExportResultDto | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as Partial<Record<keyof ExportResultDto, unknown>>;
  const files = r.files;
  return typeof r.dir === 'string' &&
    EXPORT_FORMAT_CHOICES.some((c) => c.value === r.format) &&
    (r.quality === null || typeof r.quality === 'number') &&
    typeof r.images === 'number' &&
    typeof r.bytes === 'number' &&
    typeof r.replaced === 'boolean' &&
    Array.isArray(r.warnings) &&
    Array.isArray(files) &&
    files.every((f: unknown) => typeof (f as { path?: unknown } | null)?.path === 'string')
    ? (result as ExportResultDto)
    : null;
}

export interface ExportSummary {
  location: string;
  format: string;
  files: string;
  bytes: string;
  images: string;
  /** "…and 3 more" style: the first files written, for a quick look. */
  firstFiles: string[];
  moreFiles: number;
}

export function summarizeExport(result: ExportResultDto, listed = 5): ExportSummary {
  const format =
    result.format === 'jpeg'
      ? `JPEG, quality ${result.quality ?? DEFAULT_JPEG_QUALITY}`
      : result.format === 'png'
        ? 'PNG (lossless)'
        : 'NPZ (NumPy)';
  const n = result.files.length;
  return {
    location: result.dir,
    format,
    files: `${formatCount(n)} file${n === 1 ? '' : 's'}`,
    bytes: formatBytes(result.bytes),
    images: formatCount(result.images),
    firstFiles: result.files.slice(0, listed).map((f) => f.path),
    moreFiles: Math.max(0, n - listed),
  };
}

export type ExportPreviewRequest = Omit<MethodParams<'exports.preview'>, 'project'>;

/**
 * What `exports.preview` is asked for the form as it stands: the set, format and (JPEG) quality,
 * not the folder, which does not change what is written. Null until those are valid.
 */
export function previewRequest(values: ExportFormValues): ExportPreviewRequest | null {
  if (values.setId === null || !Number.isInteger(values.setId) || values.setId < 1) return null;
  if (values.format !== 'jpeg') return { setId: values.setId, format: values.format };
  const quality = values.quality;
  if (quality === null || !Number.isInteger(quality) || quality < 1 || quality > 100) return null;
  return { setId: values.setId, format: 'jpeg', quality };
}

export interface PreviewRow {
  what: string;
  files: string;
  bytes: string;
}

export interface PreviewSummary {
  /** "Will write 42 files, about 48.2 KiB (40 PNG images, labels.csv and manifest.json)". */
  headline: string;
  rows: PreviewRow[];
  /** How the size was found, led by whether it is exact. */
  basis: string;
  exact: boolean;
}

function imagesLabel(preview: ExportPreviewDto): string {
  return preview.format === 'jpeg' ? `JPEG q${preview.quality ?? DEFAULT_JPEG_QUALITY}` : 'PNG';
}

function partLabel(what: ExportPreviewPart, preview: ExportPreviewDto): string {
  if (what === 'images') return `Images (${imagesLabel(preview)})`;
  if (what === 'model files') return 'Model files (model/)';
  return what;
}

/** The part as the headline names it: counts for images and model files, names for single files. */
function partPhrase(row: ExportPreviewDto['breakdown'][number], preview: ExportPreviewDto): string {
  if (row.what === 'images')
    return `${formatCount(row.files)} ${imagesLabel(preview)} image${row.files === 1 ? '' : 's'}`;
  if (row.what === 'model files') return `${row.files} model file${row.files === 1 ? '' : 's'}`;
  return row.what;
}

function listPhrase(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The preview for people: a headline, one row per part and the basis. */
export function describePreview(preview: ExportPreviewDto): PreviewSummary {
  const n = preview.files;
  const parts = listPhrase(preview.breakdown.map((row) => partPhrase(row, preview)));
  return {
    headline: `Will write ${formatCount(n)} file${n === 1 ? '' : 's'}, about ${formatBytes(preview.bytes)} (${parts})`,
    rows: preview.breakdown.map((row) => ({
      what: partLabel(row.what, preview),
      files: formatCount(row.files),
      bytes: formatBytes(row.bytes),
    })),
    basis: `${preview.exact ? 'Exact.' : 'Estimated.'} ${preview.basis}`,
    exact: preview.exact,
  };
}

/** The export's error for people: the backend's message, with the CLI's flag named as the form's checkbox. */
export function exportErrorMessage(error: unknown): string {
  const message = errorMessage(error);
  if (error instanceof ApiError && error.code === 'conflict')
    return message.replace(/\s*\(--replace\)/, ' (tick “Replace a non-empty folder”)');
  return message;
}
