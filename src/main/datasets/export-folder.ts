import { mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sha256, syncDir, writeDurable } from '../fsutil/durable-files';
import { dirname, join, resolve } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import { classFolderNames } from './class-folder-names';
import {
  DEFAULT_JPEG_QUALITY,
  encodeExportImage,
  exportImagePath,
  type ExportFormat,
  exportLabelsCsv,
  exportManifest,
  exportNpzMembers,
  NPZ_FILE,
  type StoredEntry,
  validateExportRequest,
} from './export-contents';
import {
  checkExportTarget,
  fsError,
  newPartialFolder,
  placeExport,
  recoverInterruptedExport,
} from './export-target';
import { type NpzMemberInfo, writeNpz } from './npz-writer';

export { checkExportTarget } from './export-target';
export {
  DEFAULT_JPEG_QUALITY,
  EXPORT_FORMATS,
  type ExportFormat,
  NPZ_FILE,
  validateExportRequest,
} from './export-contents';

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

const ENCODE_CONCURRENCY = 4;

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
  const { format, quality } = validateExportRequest(req);
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
      const npzPath = join(temp, NPZ_FILE);
      npzMembers = writeNpz(
        npzPath,
        exportNpzMembers(req, {
          before: checkCancelled,
          after: () => req.onProgress?.(++done, total),
        }),
      );
      storedImageBytes = npzMembers[0]?.bytes ?? 0;
      const npz = await readFile(npzPath);
      files.push({ path: NPZ_FILE, bytes: npz.length, sha256: sha256(npz) });
      await writeDurable(join(temp, 'labels.csv'), exportLabelsCsv(format, req, stored));
    } else {
      for (const classIndex of new Set(req.images.map((i) => i.classIndex))) {
        mkdirSync(join(temp, 'images', folders[classIndex] as string), { recursive: true });
      }
      const jpegQuality = quality ?? DEFAULT_JPEG_QUALITY;
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
            const file = exportImagePath(folders[image.classIndex] as string, position, format);
            const encoded = await encodeExportImage(format, req, image.pixels, jpegQuality);
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
      await writeDurable(join(temp, 'labels.csv'), exportLabelsCsv(format, req, stored));
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

    const { text: manifestText, perClass } = exportManifest({
      req,
      format,
      quality,
      folders,
      stored,
      files,
      storedImageBytes,
      npzMembers,
    });
    const exportBytes = files.reduce((sum, f) => sum + f.bytes, 0);
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
