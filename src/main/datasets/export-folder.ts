import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ApiError } from '../../shared/rpc/errors';
import { siblingTempPath } from '../fsutil/atomic-write';
import { classFolderNames } from './class-folder-names';
import { buildLabelsCsv } from './labels-csv';
import { encodePng } from '../images/encode-png';

export interface ExportImage {
  classIndex: number;
  /** Source sample ids of the image's tiles, in grid order (one for a plain subset). */
  tileSampleIds: number[];
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
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  dir: string;
  images: number;
  /** Bytes of the stored images as exported (PNG files). */
  bytes: number;
  manifestSha256: string;
}

/** Refuses a target that exists and is not an empty folder; nothing is touched on refusal. */
export function checkExportTarget(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new ApiError('conflict', `export target ${dir} exists and is not a folder`);
  if (readdirSync(dir).length > 0) {
    throw new ApiError('conflict', `export folder ${dir} exists and is not empty; choose another folder or empty it`);
  }
}

/**
 * Writes images/<class>/<file>.png, labels.csv and manifest.json into a temporary sibling
 * folder and renames it into place only when complete, so a failed export leaves nothing
 * half-written and an earlier export is never overwritten.
 */
export async function exportCompressedSet(req: ExportRequest): Promise<ExportResult> {
  const dir = resolve(req.dir);
  checkExportTarget(dir);
  mkdirSync(dirname(dir), { recursive: true });
  const temp = siblingTempPath(dir, 'partial');
  const folders = classFolderNames(req.classNames);
  try {
    mkdirSync(temp);
    const rows: { file: string; classIndex: number; className: string }[] = [];
    const stored: Record<string, unknown>[] = [];
    let bytes = 0;
    for (const [position, image] of req.images.entries()) {
      const folder = folders[image.classIndex];
      if (folder === undefined) throw new ApiError('internal', `class index ${image.classIndex} has no name`);
      const file = `images/${folder}/${String(position).padStart(6, '0')}.png`;
      const png = await encodePng(image.pixels, req.width, req.height, req.channels);
      mkdirSync(`${temp}/images/${folder}`, { recursive: true });
      writeFileSync(`${temp}/${file}`, png);
      bytes += png.length;
      rows.push({ file, classIndex: image.classIndex, className: req.classNames[image.classIndex] as string });
      stored.push({
        file,
        classIndex: image.classIndex,
        tileSampleIds: image.tileSampleIds,
        sha256: createHash('sha256').update(png).digest('hex'),
        bytes: png.length,
      });
      req.onProgress?.(position + 1, req.images.length);
    }
    writeFileSync(`${temp}/labels.csv`, buildLabelsCsv(rows));
    const storedPixelBytes = req.images.length * req.height * req.width * req.channels;
    const manifest = {
      ...req.provenance,
      classes: req.classNames.map((name, index) => ({ index, name, folder: folders[index] })),
      resolution: { height: req.height, width: req.width, channels: req.channels },
      images: stored,
      storage: {
        storedImages: req.images.length,
        storedImageBytes: bytes,
        storedPixelBytes,
        fullDatasetPixelBytes: req.fullDatasetPixelBytes,
        ratioToFullDataset: req.fullDatasetPixelBytes > 0 ? storedPixelBytes / req.fullDatasetPixelBytes : null,
      },
    };
    const manifestText = JSON.stringify(manifest, null, 2) + '\n';
    writeFileSync(`${temp}/manifest.json`, manifestText);
    checkExportTarget(dir); // someone may have filled it while we wrote
    if (existsSync(dir)) rmdirSync(dir); // empty (checked above): rename needs it gone on every platform
    renameSync(temp, dir);
    return { dir, images: req.images.length, bytes, manifestSha256: createHash('sha256').update(manifestText).digest('hex') };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (error instanceof ApiError) throw error;
    throw new ApiError('io_error', `export to ${dir} failed: ${(error as Error).message}`);
  }
}
