import sharp from 'sharp';
import { encodePng } from '../images/encode-png';
import { ApiError } from '../../shared/rpc/errors';
import type { ExportClass, ExportedFile, ExportRequest } from './export-folder';
import { MANIFEST_FORMAT } from './export-target';
import { buildIndexLabelsCsv, buildLabelsCsv } from './labels-csv';
import { int64Array, type NpzMember, type NpzMemberInfo, uint8Array, unicodeArray } from './npz-writer';

/**
 * What an export writes, shared by the writer (export-folder.ts) and the preview
 * (export-preview.ts): the image encoders with their settings, the image file names and the
 * manifest. Both sides call these so the preview's byte counts are the export's, not a guess.
 */

export type ExportFormat = 'png' | 'jpeg' | 'npz';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'jpeg', 'npz'];
export const NPZ_FILE = 'compressed.npz';
export const DEFAULT_JPEG_QUALITY = 95;
const JPEG_OPTIONS = { chromaSubsampling: '4:4:4', mozjpeg: false } as const;

/** The format and quality an export uses, or the reason it cannot be made (the preview checks the same). */
export function validateExportRequest(
  req: Pick<ExportRequest, 'format' | 'quality' | 'channels' | 'height' | 'width' | 'classNames' | 'images'>,
): { format: ExportFormat; quality: number | null } {
  const format = req.format ?? 'png';
  if (!EXPORT_FORMATS.includes(format))
    throw new ApiError('bad_request', `unknown export format "${String(format)}"`);
  if (req.quality !== undefined && format !== 'jpeg') {
    throw new ApiError('bad_request', `quality applies to jpeg exports only (format is ${format})`);
  }
  const quality = format === 'jpeg' ? (req.quality ?? DEFAULT_JPEG_QUALITY) : null;
  if (quality !== null && (!Number.isInteger(quality) || quality < 1 || quality > 100)) {
    throw new ApiError('bad_request', `jpeg quality must be an integer from 1 to 100, got ${quality}`);
  }
  if (req.channels !== 1 && req.channels !== 3)
    throw new ApiError('invalid_data', `cannot export ${req.channels}-channel images`);
  const size = req.height * req.width * req.channels;
  for (const [i, image] of req.images.entries()) {
    if (req.classNames[image.classIndex] === undefined) {
      throw new ApiError('internal', `stored image ${i}: class index ${image.classIndex} has no name`);
    }
    if (image.pixels.length !== size) {
      throw new ApiError(
        'internal',
        `stored image ${i} has ${image.pixels.length} bytes of pixels, expected ${size}`,
      );
    }
  }
  return { format, quality };
}

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** One stored image as an export file's bytes (PNG lossless, JPEG at `quality`). */
export function encodeExportImage(
  format: 'png' | 'jpeg',
  shape: ImageShape,
  pixels: Uint8Array,
  quality: number,
): Promise<Buffer> {
  if (format === 'png') return encodePng(pixels, shape.width, shape.height, shape.channels);
  let image = sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), {
    raw: { width: shape.width, height: shape.height, channels: shape.channels as 1 | 3 },
  });
  if (shape.channels === 1) image = image.toColourspace('b-w'); // one-channel JPEG, not widened to sRGB
  return image.jpeg({ quality, ...JPEG_OPTIONS }).toBuffer();
}

/** images/<class folder>/<position>.png|.jpg, the position zero-padded so names sort in order. */
export function exportImagePath(folder: string, position: number, format: 'png' | 'jpeg'): string {
  return `images/${folder}/${String(position).padStart(6, '0')}.${format === 'png' ? 'png' : 'jpg'}`;
}

type Contents = Pick<ExportRequest, 'height' | 'width' | 'channels' | 'classNames' | 'images'>;

/**
 * compressed.npz's arrays: x (uint8 N×H×W×C, streamed image by image: `before` and `after` run
 * around each one, for cancelling and progress), y (int64 class index), class_names (unicode).
 */
export function exportNpzMembers(
  req: Contents,
  around: { before?: () => void; after?: () => void } = {},
): NpzMember[] {
  const x = uint8Array([req.images.length, req.height, req.width, req.channels], function* () {
    for (const image of req.images) {
      around.before?.();
      yield image.pixels;
      around.after?.();
    }
  });
  return [
    { name: 'x.npy', array: x },
    { name: 'y.npy', array: int64Array(req.images.map((i) => i.classIndex)) },
    { name: 'class_names.npy', array: unicodeArray(req.classNames) },
  ];
}

/**
 * labels.csv: file,class_index,class_name for image folders (each `stored` entry carries its
 * file), index,class_index,class_name for npz (the row in x and y).
 */
export function exportLabelsCsv(
  format: ExportFormat,
  req: Pick<Contents, 'classNames' | 'images'>,
  stored: StoredEntry[],
): string {
  const nameOf = (classIndex: number) => req.classNames[classIndex] as string;
  if (format === 'npz')
    return buildIndexLabelsCsv(
      req.images.map((i) => ({ classIndex: i.classIndex, className: nameOf(i.classIndex) })),
    );
  return buildLabelsCsv(
    stored.map((s) => ({
      file: s.file as string,
      classIndex: s.classIndex,
      className: nameOf(s.classIndex),
    })),
  );
}

/** One stored image as manifest.json lists it. */
export interface StoredEntry {
  index: number;
  classIndex: number;
  tileSampleIds: number[];
  tileSha256?: string[];
  pixelSha256: string;
  file?: string;
  sha256?: string;
  bytes?: number;
}

export type ManifestRequest = Pick<
  ExportRequest,
  | 'height'
  | 'width'
  | 'channels'
  | 'classNames'
  | 'images'
  | 'provenance'
  | 'fullDatasetPixelBytes'
  | 'fullDatasetImages'
>;

export interface ManifestInput {
  req: ManifestRequest;
  format: ExportFormat;
  quality: number | null;
  /** Class folder names, by class index (unused by npz). */
  folders: readonly string[];
  stored: StoredEntry[];
  /** Every file written except manifest.json. */
  files: ExportedFile[];
  storedImageBytes: number;
  npzMembers: NpzMemberInfo[] | null;
}

/** manifest.json's text and the per-class counts it holds. */
export function exportManifest(input: ManifestInput): { text: string; perClass: ExportClass[] } {
  const { req, format, quality, stored, files, storedImageBytes } = input;
  const total = req.images.length;
  const perClass: ExportClass[] = req.classNames.map((name, index) => ({
    index,
    name,
    folder: format === 'npz' ? null : (input.folders[index] as string),
    images: req.images.filter((i) => i.classIndex === index).length,
  }));
  const storedPixelBytes = total * req.height * req.width * req.channels;
  const exportBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const { format: _format, formatVersion: _version, ...provenance } = req.provenance;
  const manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: 1,
    ...provenance,
    export: exportDescription(format, quality, req.channels, input.npzMembers),
    classes: perClass,
    resolution: { height: req.height, width: req.width, channels: req.channels },
    images: stored,
    files,
    storage: {
      storedImages: total,
      storedImageFormat: format,
      storedImageBytes,
      storedPixelBytes,
      labels: 'hard',
      softLabelBytes: null,
      exportBytes,
      fullDatasetImages: req.fullDatasetImages ?? null,
      fullDatasetPixelBytes: req.fullDatasetPixelBytes,
      ratioToFullDataset: req.fullDatasetPixelBytes > 0 ? storedPixelBytes / req.fullDatasetPixelBytes : null,
      storedImageBytesRatioToFullDataset:
        req.fullDatasetPixelBytes > 0 ? storedImageBytes / req.fullDatasetPixelBytes : null,
    },
  };
  return { text: JSON.stringify(manifest, null, 2) + '\n', perClass };
}

function exportDescription(
  format: ExportFormat,
  quality: number | null,
  channels: number,
  npz: NpzMemberInfo[] | null,
): Record<string, unknown> {
  const labels = {
    file: 'labels.csv',
    columns:
      format === 'npz' ? ['index', 'class_index', 'class_name'] : ['file', 'class_index', 'class_name'],
  };
  if (format === 'npz') {
    return {
      format,
      file: NPZ_FILE,
      description:
        'numpy .npz (ZIP, stored) of .npy v1.0 arrays: x uint8 N×H×W×C in stored-image order, y int64 class index, class_names fixed-width unicode; np.load(path) reads it without allow_pickle',
      members: npz,
      labels,
    };
  }
  return {
    format,
    quality,
    ...(format === 'jpeg'
      ? { jpeg: { chromaSubsampling: JPEG_OPTIONS.chromaSubsampling, lossy: true } }
      : { lossless: true }),
    layout: `images/<class folder>/<position>.${format === 'png' ? 'png' : 'jpg'}`,
    colour: channels === 1 ? 'grayscale, one channel' : 'sRGB, three channels',
    labels,
  };
}
