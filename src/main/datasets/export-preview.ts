import type { ExportPreviewDto, ExportPreviewRow } from '../../shared/api/export-preview-dto';
import type { ProjectPaths } from '../store/project-store';
import type { Db } from '../store/database';
import { classFolderNames } from './class-folder-names';
import {
  DEFAULT_JPEG_QUALITY,
  type ExportFormat,
  exportImagePath,
  exportLabelsCsv,
  exportManifest,
  exportNpzMembers,
  NPZ_FILE,
  type StoredEntry,
  validateExportRequest,
} from './export-contents';
import type { ExportedFile } from './export-folder';
import { gatherStoredSet, type StoredSetContents } from './export-set';
import { imageFileSizes, type SizeTuning } from './export-preview-sizes';
import { npzFileBytes, npzMemberInfos } from './npz-layout';

/**
 * The files and bytes an export would write, found by the export's own code (export-contents.ts:
 * same encoders and settings, same labels.csv and manifest.json) without writing anything.
 * Hashes are the only thing not computed: a SHA-256 is always 64 hex digits in the manifest.
 */

export { PREVIEW_EXACT_UP_TO, PREVIEW_SAMPLE_SIZE, type SizeTuning } from './export-preview-sizes';

export interface PreviewOptions {
  setId: number;
  format?: ExportFormat;
  quality?: number;
  modelRunId?: number;
}

const HASH = '0'.repeat(64);

export async function previewStoredSet(
  db: Db,
  paths: ProjectPaths,
  options: PreviewOptions,
  tuning: SizeTuning = {},
): Promise<ExportPreviewDto> {
  return previewExport(options, gatherStoredSet(db, paths, options), tuning);
}

export async function previewExport(
  options: PreviewOptions,
  contents: StoredSetContents,
  tuning: SizeTuning = {},
): Promise<ExportPreviewDto> {
  const { format, quality } = validateExportRequest({
    ...contents,
    format: options.format,
    quality: options.quality,
  });
  const folders = classFolderNames(contents.classNames);
  const stored: StoredEntry[] = contents.images.map((image, index) => ({
    index,
    classIndex: image.classIndex,
    tileSampleIds: image.tileSampleIds,
    ...(image.tileSha256 ? { tileSha256: image.tileSha256 } : {}),
    pixelSha256: HASH,
  }));
  const files: ExportedFile[] = [];
  const breakdown: ExportPreviewRow[] = [];
  let npzMembers = null;
  let storedImageBytes = 0;
  let sampled: { encoded: number; exact: boolean } = { encoded: 0, exact: true };

  if (format === 'npz') {
    npzMembers = npzMemberInfos(exportNpzMembers(contents));
    storedImageBytes = npzMembers[0]?.bytes ?? 0;
    const bytes = npzFileBytes(npzMembers);
    files.push({ path: NPZ_FILE, bytes, sha256: HASH });
    breakdown.push({ what: 'compressed.npz', files: 1, bytes });
  } else {
    const sizes = await imageFileSizes(format, contents, quality ?? DEFAULT_JPEG_QUALITY, tuning);
    sampled = { encoded: sizes.encoded, exact: sizes.exact };
    stored.forEach((entry, position) => {
      const bytes = sizes.bytes[position] as number;
      const file = exportImagePath(folders[entry.classIndex] as string, position, format);
      Object.assign(entry, { file, sha256: HASH, bytes });
      files.push({ path: file, bytes, sha256: HASH });
      storedImageBytes += bytes;
    });
    breakdown.push({ what: 'images', files: stored.length, bytes: storedImageBytes });
  }
  // Same order as the writer: extra files, then labels.csv (the manifest lists them in order).
  const extras = contents.extraFiles ?? [];
  for (const extra of extras) files.push({ path: extra.path, bytes: extra.data.length, sha256: HASH });
  if (extras.length > 0)
    breakdown.push({
      what: 'model files',
      files: extras.length,
      bytes: extras.reduce((sum, e) => sum + e.data.length, 0),
    });
  const labels = Buffer.byteLength(exportLabelsCsv(format, contents, stored));
  files.push({ path: 'labels.csv', bytes: labels, sha256: HASH });
  breakdown.push({ what: 'labels.csv', files: 1, bytes: labels });
  const manifest = exportManifest({
    req: contents,
    format,
    quality,
    folders,
    stored,
    files,
    storedImageBytes,
    npzMembers,
  });
  breakdown.push({ what: 'manifest.json', files: 1, bytes: Buffer.byteLength(manifest.text) });

  return {
    setId: options.setId,
    format,
    quality,
    files: breakdown.reduce((sum, row) => sum + row.files, 0),
    bytes: breakdown.reduce((sum, row) => sum + row.bytes, 0),
    exact: sampled.exact,
    images: contents.images.length,
    classes: contents.classNames.length,
    perClass: manifest.perClass.map((c) => ({ name: c.name, images: c.images })),
    breakdown,
    basis: basisOf(format, quality, contents, sampled, extras.length > 0),
  };
}

function basisOf(
  format: ExportFormat,
  quality: number | null,
  contents: StoredSetContents,
  sampled: { encoded: number; exact: boolean },
  model: boolean,
): string {
  const n = contents.images.length.toLocaleString('en-US');
  const encoding = format === 'png' ? 'PNG' : `JPEG at quality ${quality ?? DEFAULT_JPEG_QUALITY}`;
  const images =
    format === 'npz'
      ? 'The size of compressed.npz follows from the array shapes and the archive layout the export writes (stored, not compressed)'
      : sampled.exact
        ? `All ${n} images were encoded as ${encoding} with the export's settings`
        : `${sampled.encoded.toLocaleString('en-US')} of ${n} images (a seeded sample spread over the classes) were encoded as ${encoding} with the export's settings and each class's mean size was extrapolated to the rest`;
  const models = model ? ", the model files' sizes were read from disk" : '';
  return `${images}${models}, and labels.csv and manifest.json were built as the export builds them.`;
}
