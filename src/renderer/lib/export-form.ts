import type { MethodParams } from '../../shared/api/contract';
import type { CompressedSetDto, ExportFormatName, ExportResultDto } from '../../shared/api/dto';
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
export type ExportRequest = Omit<MethodParams<'exports.create'>, 'project'>;
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

/** Validates the form and returns what `exports.create` takes (without the project), or messages. */
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

/** The export's error for people: the backend's message, with the CLI's flag named as the form's checkbox. */
export function exportErrorMessage(error: unknown): string {
  const message = errorMessage(error);
  if (error instanceof ApiError && error.code === 'conflict')
    return message.replace(/\s*\(--replace\)/, ' (tick “Replace a non-empty folder”)');
  return message;
}
