import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CompressedSetDto, ExportResultDto } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import { APP_VERSION } from '../app-version';
import type { Db } from '../store/database';
import { classNames, getDatasetRow, samplesOf } from '../store/datasets-repo';
import type { ProjectPaths } from '../store/project-store';
import { getCompressedSet, listCompressedSets, tileSamples } from '../store/compressed-sets-repo';
import { insertExport } from '../store/runs-repo';
import { getRun } from '../store/runs-read';
import { compressedImages, getSelection } from '../store/selections-repo';
import {
  checkExportTarget,
  type ExportFormat,
  type ExportImage,
  type ExportRequest,
  exportCompressedSet,
  validateExportRequest,
} from './export-folder';
import { gatherPixels, readPixelRows, type PixelCache } from './pixel-cache';
import { storedSizeOf } from '../compress/combine/mosaic-params';
import { readMosaicSetPixels } from '../compress/combine/mosaic-set-store';

/**
 * Export of a stored compressed set, by id: gathers its pixels (whole samples from the dataset's
 * pixel cache, or a combined set's own mosaic file) and every fact the manifest records from
 * SQLite, writes the export (export-folder.ts) and records it in the `exports` table. The CLI,
 * the API and jobs all call this.
 */

export interface ExportSetOptions {
  setId: number;
  dir: string;
  format?: ExportFormat;
  quality?: number;
  replace?: boolean;
  /** The job that asked for it, if any (recorded in the exports row). */
  jobId?: number | null;
  /** The dataset's cache when the caller has it open already (the demo). */
  cache?: PixelCache;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** A training run whose saved model goes beside the images, in model/ (TensorFlow.js layout). */
  modelRunId?: number;
}

/** A run's saved model folder, refusing a run that does not exist or saved none. */
function savedModel(db: Db, paths: ProjectPaths, runId: number) {
  const run = getRun(db, runId);
  const dir = join(paths.dir, 'models', `run-${runId}`);
  const names = ['model.json', 'weights.bin'];
  if (!names.every((n) => existsSync(join(dir, n))))
    throw new ApiError(
      'not_found',
      `run ${runId} has no saved model (runs trained before models were saved); train again`,
    );
  return { run, dir, names };
}

/** The saved model of a run, as files for model/ in an export, with what the manifest says of it. */
function runModelFiles(db: Db, paths: ProjectPaths, runId: number) {
  const { run, dir, names } = savedModel(db, paths, runId);
  return {
    files: names.map((n) => ({ path: `model/${n}`, data: new Uint8Array(readFileSync(join(dir, n))) })),
    description: {
      runId,
      model: run.model,
      seed: run.seed,
      epochs: run.epochs,
      testAccuracy: run.accuracy,
      params: run.params,
      files: 'model/model.json + model/weights.bin (TensorFlow.js weights layout)',
    },
  };
}

/** One array per image of a contiguous N×size block. */
function splitRows(block: Uint8Array, size: number): Uint8Array[] {
  return Array.from({ length: block.length / size }, (_, i) => block.subarray(i * size, (i + 1) * size));
}

export function listSets(db: Db): CompressedSetDto[] {
  return listCompressedSets(db);
}

/** What an export of the set writes, apart from where and how: the export and its preview both start here. */
export type StoredSetContents = Omit<
  ExportRequest,
  'dir' | 'format' | 'quality' | 'replace' | 'signal' | 'onProgress'
>;

/**
 * A set's rows (set, selection, dataset, stored images), refusing a set that does not exist or
 * cannot be exported faithfully. The export and the checks before an export job both start here.
 */
function exportableSet(db: Db, setId: number) {
  const set = getCompressedSet(db, setId);
  const selection = getSelection(db, set.selectionId);
  const dataset = getDatasetRow(db, selection.datasetId);
  if (set.cacheFile === null && (set.grid !== 1 || set.resolution !== dataset.height)) {
    // Mosaics live in the set's own pixel file; without one there is nothing faithful to export
    // (re-making them here could differ from what training saw).
    throw new ApiError(
      'unsupported',
      `compressed set ${set.id} is a ${set.grid}×${set.grid} set at ${set.resolution} px without a pixel file; combine its selection again`,
    );
  }
  const stored = compressedImages(db, set.id);
  if (stored.length === 0)
    throw new ApiError('invalid_data', `compressed set ${set.id} has no stored images`);
  const bad = stored.find((img, i) => img.tileSampleIds.length !== set.grid ** 2 || img.position !== i);
  if (bad)
    throw new ApiError(
      'invalid_data',
      `stored image ${bad.position} of set ${set.id} has ${bad.tileSampleIds.length} tiles in a ${set.grid}×${set.grid} set`,
    );
  return { set, selection, dataset, stored };
}

/**
 * Every refusal an export can meet before it writes, in the caller's process and with the
 * export's own words: the set, the model run, format and quality, the target folder. An export
 * job calls this before it starts, so a mistyped folder is refused at once and no job row is made.
 */
export function checkStoredSetExport(
  db: Db,
  paths: ProjectPaths,
  options: Pick<ExportSetOptions, 'setId' | 'dir' | 'format' | 'quality' | 'replace' | 'modelRunId'>,
): void {
  // The same order as an export: the set, the model, the format, then the folder.
  const { dataset } = exportableSet(db, options.setId);
  if (options.modelRunId !== undefined) savedModel(db, paths, options.modelRunId);
  validateExportRequest({
    format: options.format,
    quality: options.quality,
    channels: dataset.channels,
    height: dataset.height,
    width: dataset.width,
    classNames: [],
    images: [],
  });
  checkExportTarget(resolve(options.dir), { replace: options.replace });
}

/**
 * Gathers a stored set's pixels, class names, provenance and (on request) a run's model files,
 * refusing what cannot be exported faithfully.
 */
export function gatherStoredSet(
  db: Db,
  paths: ProjectPaths,
  options: Pick<ExportSetOptions, 'setId' | 'cache' | 'modelRunId'>,
): StoredSetContents {
  const { set, selection, dataset, stored } = exportableSet(db, options.setId);
  const names = classNames(db, dataset.id);
  const tiles = tileSamples(db, set.id);
  const tileOf = (id: number) => {
    const tile = tiles.get(id);
    if (!tile)
      throw new ApiError(
        'invalid_data',
        `compressed set ${set.id} refers to sample ${id}, which is not in the project`,
      );
    return tile;
  };
  const sampleBytes = dataset.height * dataset.width * dataset.channels;
  let size = { height: dataset.height, width: dataset.width };
  let pixels: Uint8Array[];
  if (set.cacheFile !== null) {
    // A combined set: its mosaics as the combine step stored them, byte for byte.
    size = storedSizeOf(set.id, set.params);
    const file = readMosaicSetPixels(
      paths,
      { id: set.id, cacheFile: set.cacheFile },
      { ...size, channels: dataset.channels, count: stored.length },
    );
    pixels = stored.map((img) => gatherPixels(file, [img.position]));
  } else {
    const firstTiles = stored.map((img) => tileOf(img.tileSampleIds[0] as number).cacheIndex);
    pixels = options.cache
      ? firstTiles.map((index) => gatherPixels(options.cache as PixelCache, [index]))
      : splitRows(
          readPixelRows(
            join(paths.cacheDir, dataset.cacheFile),
            {
              height: dataset.height,
              width: dataset.width,
              channels: dataset.channels,
              count: dataset.sampleCount,
            },
            firstTiles,
          ),
          sampleBytes,
        );
  }
  const images: ExportImage[] = stored.map((img, i) => ({
    classIndex: img.classIndex,
    tileSampleIds: img.tileSampleIds,
    tileSha256: img.tileSampleIds.map((id) => tileOf(id).contentSha256),
    pixels: pixels[i] as Uint8Array,
  }));
  const trainImages = samplesOf(db, dataset.id, 'train').length;
  const params = selection.params;
  const model = options.modelRunId === undefined ? null : runModelFiles(db, paths, options.modelRunId);
  return {
    ...(model ? { extraFiles: model.files } : {}),
    height: size.height,
    width: size.width,
    channels: dataset.channels,
    classNames: names,
    images,
    fullDatasetImages: trainImages,
    fullDatasetPixelBytes: trainImages * sampleBytes,
    provenance: {
      appVersion: APP_VERSION,
      createdAt: new Date().toISOString(),
      sourceDataset: {
        id: dataset.id,
        name: dataset.name,
        format: dataset.format,
        sampleCount: dataset.sampleCount,
        trainImages,
        sha256: dataset.sourceSha256,
        resolution: { height: dataset.height, width: dataset.width, channels: dataset.channels },
      },
      method: {
        prune: selection.method,
        rule: selection.rule,
        ipc: selection.ipc,
        seed: selection.seed,
        params,
        warnings: selection.warnings,
        combine: { kind: set.kind, grid: set.grid, resolution: set.resolution, params: set.params },
      },
      seed: selection.seed,
      scoreModel: params.scoreModel ?? null,
      scoreEpochs: params.scoreEpochs ?? null,
      selectionId: selection.id,
      selectionCreatedAt: selection.createdAt,
      compressedSetId: set.id,
      compressedSetCreatedAt: set.createdAt,
      ...(model ? { model: model.description } : {}),
    },
  };
}

export async function exportStoredSet(
  db: Db,
  paths: ProjectPaths,
  options: ExportSetOptions,
): Promise<ExportResultDto> {
  const contents = gatherStoredSet(db, paths, options);
  const result = await exportCompressedSet({
    ...contents,
    dir: options.dir,
    format: options.format,
    quality: options.quality,
    replace: options.replace,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  const exportId = insertExport(db, {
    jobId: options.jobId ?? null,
    compressedSetId: options.setId,
    dir: result.dir,
    images: result.images,
    bytes: result.bytes,
    manifestSha256: result.manifestSha256,
  });
  return {
    exportId,
    setId: options.setId,
    dir: result.dir,
    format: result.format,
    quality: result.quality,
    images: result.images,
    bytes: result.totalBytes,
    storedImageBytes: result.bytes,
    files: result.files,
    perClass: result.perClass,
    manifestSha256: result.manifestSha256,
    replaced: result.replaced,
    warnings: result.warnings,
  };
}
