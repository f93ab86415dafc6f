import { mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sha256, syncDir, writeDurable } from '../fsutil/durable-files';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { ApiError } from '../../shared/rpc/errors';
import { encodePng } from '../images/encode-png';
import { classFolderNames } from './class-folder-names';
import {
  checkExportTarget,
  fsError,
  MANIFEST_FORMAT,
  newPartialFolder,
  placeExport,
  recoverInterruptedExport,
} from './export-target';
import { buildIndexLabelsCsv, buildLabelsCsv } from './labels-csv';
import { int64Array, type NpzMemberInfo, uint8Array, unicodeArray, writeNpz } from './npz-writer';

export { checkExportTarget } from './export-target';

export type ExportFormat = 'png' | 'jpeg' | 'npz';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['png', 'jpeg', 'npz'];
export const DEFAULT_JPEG_QUALITY = 95;
export const NPZ_FILE = 'compressed.npz';

export interface ExportImage {
  classIndex: number;
  /** Source sample ids of the image's tiles, in grid order (one for a plain subset). */
  tileSampleIds: number[];
  /** Content hashes of those source samples, same order (identify them outside the project). */
  tileSha256?: string[];
  pixels: Uint8Array;
}

export interface ExportRequest {
  dir: string;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  images: ExportImage[];
  /** Everything that says where the set came from; written into manifest.json as given. */
  provenance: Record<string, unknown>;
  fullDatasetPixelBytes: number;
  /** Images in the full training split (for the manifest's storage accounting). */
  fullDatasetImages?: number;
  /** png (lossless, default), jpeg (quality 1–100, default 95) or npz (one numpy archive). */
  format?: ExportFormat;
  quality?: number;
  /** Replace an earlier export at `dir` (only once the new one is complete). */
  replace?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** More files to place in the export (e.g. a trained model), listed with their hashes. */
  extraFiles?: { path: string; data: Uint8Array }[];
}

export interface ExportedFile {
  /** Relative to the export folder, "/"-separated. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ExportClass {
  index: number;
  name: string;
  /** Folder under images/ (png/jpeg exports), null in an npz export. */
  folder: string | null;
  images: number;
}

export interface ExportResult {
  dir: string;
  format: ExportFormat;
  quality: number | null;
  images: number;
  /** Bytes of the stored images as exported (image files, or the npz's x.npy member). */
  bytes: number;
  /** Bytes of every file written, manifest.json included. */
  totalBytes: number;
  /** Every file written except manifest.json, then manifest.json last. */
  files: ExportedFile[];
  perClass: ExportClass[];
  manifestSha256: string;
  /** An earlier export at dir was replaced. */
  replaced: boolean;
  warnings: string[];
}

interface StoredEntry {
  index: number;
  classIndex: number;
  tileSampleIds: number[];
  tileSha256?: string[];
  pixelSha256: string;
  file?: string;
  sha256?: string;
  bytes?: number;
}

const ENCODE_CONCURRENCY = 4;
const JPEG_OPTIONS = { chromaSubsampling: '4:4:4', mozjpeg: false } as const;

function encodeImage(
  format: 'png' | 'jpeg',
  req: ExportRequest,
  pixels: Uint8Array,
  quality: number,
): Promise<Buffer> {
  if (format === 'png') return encodePng(pixels, req.width, req.height, req.channels);
  let image = sharp(Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), {
    raw: { width: req.width, height: req.height, channels: req.channels as 1 | 3 },
  });
  if (req.channels === 1) image = image.toColourspace('b-w'); // one-channel JPEG, not widened to sRGB
  return image.jpeg({ quality, ...JPEG_OPTIONS }).toBuffer();
}

function validate(req: ExportRequest): { format: ExportFormat; quality: number | null } {
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

/**
 * Writes a compressed set into a temporary sibling folder and renames it into place only when
 * complete (see export-target.ts), so a failed or cancelled export leaves nothing half-written
 * and an earlier export is replaced only on request, only once the new one is whole.
 *
 * png / jpeg: images/<class-folder>/<position>.png|.jpg, labels.csv (file,class_index,class_name),
 * manifest.json. npz: compressed.npz (x uint8 N×H×W×C, y int64 N, class_names <U), labels.csv
 * (index,class_index,class_name), manifest.json.
 */
export async function exportCompressedSet(req: ExportRequest): Promise<ExportResult> {
  const dir = resolve(req.dir);
  const { format, quality } = validate(req);
  try {
    recoverInterruptedExport(dir);
  } catch {
    // Best effort: a leftover we cannot clean must not block a new export.
  }
  checkExportTarget(dir, { replace: req.replace });
  try {
    mkdirSync(dirname(dir), { recursive: true });
  } catch (error) {
    throw fsError(error, dir, 'cannot create the folder that holds the export');
  }
  const folders = classFolderNames(req.classNames);
  const temp = newPartialFolder(dir);
  const checkCancelled = () => {
    if (req.signal?.aborted)
      throw new ApiError('cancelled', `export cancelled; nothing was written to ${dir}`);
  };
  try {
    mkdirSync(temp);
    const total = req.images.length;
    const stored: StoredEntry[] = req.images.map((image, index) => ({
      index,
      classIndex: image.classIndex,
      tileSampleIds: image.tileSampleIds,
      ...(image.tileSha256 ? { tileSha256: image.tileSha256 } : {}),
      pixelSha256: sha256(image.pixels),
    }));
    const files: ExportedFile[] = [];
    let storedImageBytes = 0;
    let npzMembers: NpzMemberInfo[] | null = null;

    if (format === 'npz') {
      let done = 0;
      const x = uint8Array([total, req.height, req.width, req.channels], function* () {
        for (const image of req.images) {
          checkCancelled();
          yield image.pixels;
          req.onProgress?.(++done, total);
        }
      });
      const npzPath = join(temp, NPZ_FILE);
      npzMembers = writeNpz(npzPath, [
        { name: 'x.npy', array: x },
        { name: 'y.npy', array: int64Array(req.images.map((i) => i.classIndex)) },
        { name: 'class_names.npy', array: unicodeArray(req.classNames) },
      ]);
      storedImageBytes = npzMembers[0]?.bytes ?? 0;
      const npz = await readFile(npzPath);
      files.push({ path: NPZ_FILE, bytes: npz.length, sha256: sha256(npz) });
      await writeDurable(
        join(temp, 'labels.csv'),
        buildIndexLabelsCsv(
          req.images.map((i) => ({
            classIndex: i.classIndex,
            className: req.classNames[i.classIndex] as string,
          })),
        ),
      );
    } else {
      const ext = format === 'png' ? 'png' : 'jpg';
      for (const classIndex of new Set(req.images.map((i) => i.classIndex))) {
        mkdirSync(join(temp, 'images', folders[classIndex] as string), { recursive: true });
      }
      let next = 0;
      let done = 0;
      // The first failure stops every worker; all of them settle (and close their files)
      // before the error propagates and the partial folder is removed.
      let failure: { error: unknown } | null = null;
      const worker = async () => {
        while (next < total && failure === null) {
          try {
            checkCancelled();
            const position = next++;
            const image = req.images[position] as ExportImage;
            const file = `images/${folders[image.classIndex]}/${String(position).padStart(6, '0')}.${ext}`;
            const encoded = await encodeImage(format, req, image.pixels, quality ?? DEFAULT_JPEG_QUALITY);
            if (failure !== null) return;
            checkCancelled();
            await writeDurable(join(temp, file), encoded);
            Object.assign(stored[position] as StoredEntry, {
              file,
              sha256: sha256(encoded),
              bytes: encoded.length,
            });
            req.onProgress?.(++done, total);
          } catch (error) {
            failure ??= { error };
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(ENCODE_CONCURRENCY, Math.max(1, total)) }, worker));
      if (failure !== null) throw (failure as { error: unknown }).error;
      for (const entry of stored) {
        storedImageBytes += entry.bytes ?? 0;
        files.push({
          path: entry.file as string,
          bytes: entry.bytes as number,
          sha256: entry.sha256 as string,
        });
      }
      await writeDurable(
        join(temp, 'labels.csv'),
        buildLabelsCsv(
          stored.map((s) => ({
            file: s.file as string,
            classIndex: s.classIndex,
            className: req.classNames[s.classIndex] as string,
          })),
        ),
      );
      for (const folder of new Set(req.images.map((i) => folders[i.classIndex] as string)))
        syncDir(join(temp, 'images', folder));
      syncDir(join(temp, 'images'));
    }
    checkCancelled();
    for (const extra of req.extraFiles ?? []) {
      const target = join(temp, ...extra.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      await writeDurable(target, extra.data);
      syncDir(dirname(target));
      files.push({ path: extra.path, bytes: extra.data.length, sha256: sha256(extra.data) });
    }
    const labelsCsv = await readFile(join(temp, 'labels.csv'));
    files.push({ path: 'labels.csv', bytes: labelsCsv.length, sha256: sha256(labelsCsv) });

    const perClass: ExportClass[] = req.classNames.map((name, index) => ({
      index,
      name,
      folder: format === 'npz' ? null : (folders[index] as string),
      images: req.images.filter((i) => i.classIndex === index).length,
    }));
    const storedPixelBytes = total * req.height * req.width * req.channels;
    const exportBytes = files.reduce((sum, f) => sum + f.bytes, 0);
    const { format: _format, formatVersion: _version, ...provenance } = req.provenance;
    const manifest = {
      format: MANIFEST_FORMAT,
      formatVersion: 1,
      ...provenance,
      export: exportDescription(format, quality, req, npzMembers),
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
        ratioToFullDataset:
          req.fullDatasetPixelBytes > 0 ? storedPixelBytes / req.fullDatasetPixelBytes : null,
        storedImageBytesRatioToFullDataset:
          req.fullDatasetPixelBytes > 0 ? storedImageBytes / req.fullDatasetPixelBytes : null,
      },
    };
    const manifestText = JSON.stringify(manifest, null, 2) + '\n';
    await writeDurable(join(temp, 'manifest.json'), manifestText);
    syncDir(temp);
    checkCancelled();
    const { replaced, warnings } = placeExport(temp, dir, { replace: req.replace });
    syncDir(dirname(dir));
    const manifestFile = {
      path: 'manifest.json',
      bytes: Buffer.byteLength(manifestText),
      sha256: sha256(manifestText),
    };
    return {
      dir,
      format,
      quality,
      images: total,
      bytes: storedImageBytes,
      totalBytes: exportBytes + manifestFile.bytes,
      files: [...files, manifestFile],
      perClass,
      manifestSha256: manifestFile.sha256,
      replaced,
      warnings,
    };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw fsError(error, dir);
  }
}

function exportDescription(
  format: ExportFormat,
  quality: number | null,
  req: ExportRequest,
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
    colour: req.channels === 1 ? 'grayscale, one channel' : 'sRGB, three channels',
    labels,
  };
}
