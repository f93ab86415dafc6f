import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { existsSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ImportReportDto } from '../../../shared/api/dto';
import { importParamsSchema, type ImportParams } from '../../../shared/api/import-params';
import { ApiError } from '../../../shared/rpc/errors';
import { parseOrRefuse } from '../../../shared/rpc/server';
import type { JobContext } from '../../jobs/job-context';
import { classCounts, type NewSample } from '../../store/datasets-repo';
import * as imports from '../../store/imports-repo';
import { decodeEntry, type EntryOutcome } from '../sources/decode-entry';
import { readSource } from '../sources/read-source';
import type { SourceEntry, SplitName } from '../sources/types';
import { CacheWriter } from './cache-writer';
import { checkFormat, chooseTarget, targetHeightWidth } from './import-target';
import { stratifiedSplit } from './split-assignment';

const CHUNK = 128;
/** Decodes in flight at once: sharp decodes on libuv's thread pool, so this keeps both cores busy. */
const CONCURRENCY = 8;

/**
 * Imports any supported source into the project: lists it, decodes every sample once into the
 * pixel cache (appending chunk by chunk, each chunk committed to SQLite with its cursor), and
 * stores a report. An interrupted import with the same source and options resumes at its
 * cursor without decoding again what is done.
 */
export async function runImportJob(ctx: JobContext): Promise<ImportReportDto> {
  return importDataset(ctx, parseOrRefuse(importParamsSchema, ctx.params, 'import parameters'));
}

/** What an import needs from the job it runs in (the import job, or a step of the demo). */
export type ImportContext = Pick<JobContext, 'db' | 'paths' | 'jobId' | 'progress' | 'checkCancelled'>;

export async function importDataset(ctx: ImportContext, params: ImportParams): Promise<ImportReportDto> {
  sharp.cache(false); // a one-pass import gains nothing from libvips' file cache, only memory
  const started = performance.now();
  const path = resolve(params.path);
  checkFormat(path, params.format);

  ctx.progress('scan', 0, 1, 0);
  const listing = await readSource(path, { onProgress: (found) => ctx.progress('scan', found, found, 0.02) });
  ctx.checkCancelled();
  const target = await chooseTarget(listing, params);
  const { height, width } = targetHeightWidth(target);
  const sampleBytes = height * width * target.channels;
  const classIndex = new Map(listing.classNames.map((n, i) => [n, i]));
  const entries = limitPerClass<SourceEntry>(listing.entries, params.limitPerClass);
  const { splits, splitSource } = assignSplits(
    entries,
    listing.format,
    params.testFraction,
    params.seed,
    classIndex,
  );

  const key = importKey(path, listing.format, entries, {
    target,
    testFraction: params.testFraction,
    seed: params.seed,
    duplicates: params.duplicates,
    limitPerClass: params.limitPerClass ?? null,
  });
  const found = imports.findImport(ctx.db, key);
  if (found?.status === 'ready') return { ...imports.getImportReport(ctx.db, found.id), reused: true };
  const resumed = found !== null;
  const datasetId =
    found?.id ??
    imports.createImport(ctx.db, {
      name: params.name ?? basename(path),
      format: listing.format,
      sourcePath: path,
      key,
      params: { ...params, path, target },
      height,
      width,
      channels: target.channels,
      cacheFile: `dataset-${key.slice(0, 12)}-${Date.now()}.u8`,
      classNames: listing.classNames,
    });
  if (!resumed) imports.addSkipped(ctx.db, datasetId, listing.skipped);
  const cacheFile = join(
    ctx.paths.cacheDir,
    (imports.findImport(ctx.db, key) as imports.ImportingDataset).cacheFile,
  );
  mkdirSync(ctx.paths.cacheDir, { recursive: true });

  const done = imports.importedHashes(ctx.db, datasetId);
  const seen = new Set(done.hashes);
  let cursor = found?.cursor ?? 0;
  let cacheIndex = done.count;
  const writer = new CacheWriter(cacheFile, sampleBytes, done.count);
  try {
    while (cursor < entries.length) {
      ctx.checkCancelled();
      const chunk = entries.slice(cursor, cursor + CHUNK);
      const outcomes = await decodeAll(chunk, (entry) => decodeEntry(listing, entry, target));
      const samples: NewSample[] = [];
      const skipped: { path: string; reason: string; detail?: string }[] = [];
      outcomes.forEach((outcome, i) => {
        const entry = chunk[i] as SourceEntry;
        if (!outcome.ok) return void skipped.push(outcome.skipped);
        if (params.duplicates === 'drop' && seen.has(outcome.contentSha256)) {
          return void skipped.push({
            path: entry.path,
            reason: 'duplicate',
            detail: 'same content as an earlier image',
          });
        }
        seen.add(outcome.contentSha256);
        writer.append(outcome.pixels);
        samples.push({
          cacheIndex: cacheIndex++,
          classIndex: classIndex.get(entry.className) as number,
          split: splits[cursor + i] as SplitName,
          sourcePath: entry.kind === 'file' ? entry.path : `${entry.path}#${entry.record}`,
          byteSize: entry.bytes,
          format: entry.kind === 'file' ? 'file' : listing.format,
          contentSha256: outcome.contentSha256,
        });
      });
      writer.sync(); // pixels on disk before SQLite says they are there
      cursor += chunk.length;
      imports.recordChunk(ctx.db, datasetId, samples, skipped, cursor);
      ctx.progress('decode', cursor, entries.length, 0.02 + 0.97 * (cursor / Math.max(1, entries.length)));
    }
    if (cacheIndex === 0) {
      writer.close();
      rmSync(`${cacheFile}.partial`, { force: true });
      const skippedNow = imports.skippedCounts(ctx.db, datasetId).byReason;
      imports.deleteImport(ctx.db, datasetId);
      const reasons = Object.entries(skippedNow)
        .map(([r, n]) => `${n} ${r}`)
        .join(', ');
      throw new ApiError(
        'invalid_data',
        `no usable images in ${path}${reasons ? `: skipped ${reasons}` : ''}`,
        { skipped: skippedNow },
      );
    }
    writer.finish();
  } catch (error) {
    if (existsSync(`${cacheFile}.partial`)) {
      try {
        writer.close();
      } catch {
        // already closed
      }
    }
    throw error;
  }

  const hashes = imports.importedHashes(ctx.db, datasetId).hashes;
  const sourceSha256 = createHash('sha256').update(hashes.join('\n')).digest('hex');
  const perClass = classCounts(ctx.db, datasetId);
  const skippedInfo = imports.skippedCounts(ctx.db, datasetId);
  const groups = imports.duplicateGroups(ctx.db, datasetId);
  const warnings = [
    ...perClass.filter((c) => c.train + c.test === 0).map((c) => `class "${c.name}" has no usable image`),
    ...perClass
      .filter((c) => c.train + c.test === 1)
      .map((c) => `class "${c.name}" has a single image (kept in train)`),
    ...perClass
      .filter(
        (c) => c.train + c.test > 1 && c.test === 0 && splitSource === 'hold-out' && params.testFraction > 0,
      )
      .map((c) => `class "${c.name}" has no test image`),
  ];
  const report: ImportReportDto = {
    datasetId,
    name: params.name ?? basename(path),
    format: listing.format,
    source: path,
    reused: false,
    resumed,
    geometry: {
      height,
      width,
      channels: target.channels,
      resize: target.resize,
      background: target.background,
    },
    splitSource,
    imported: {
      train: perClass.reduce((n, c) => n + c.train, 0),
      test: perClass.reduce((n, c) => n + c.test, 0),
    },
    perClass,
    skipped: { total: Object.values(skippedInfo.byReason).reduce((a, b) => a + b, 0), ...skippedInfo },
    duplicates: {
      groups: groups.length,
      extraCopies: groups.reduce((n, g) => n + g.length - 1, 0),
      policy: params.duplicates,
      examples: groups.slice(0, 20),
    },
    warnings,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  imports.completeImport(ctx.db, datasetId, cacheIndex, sourceSha256, report, ctx.jobId);
  ctx.progress('decode', entries.length, entries.length, 1);
  return report;
}

/** The first `limit` entries of each class in each listed split (all when no limit). */
function limitPerClass<E extends SourceEntry>(entries: readonly E[], limit: number | undefined): E[] {
  if (!limit) return [...entries];
  const taken = new Map<string, number>();
  return entries.filter((e) => {
    const key = `${e.split ?? ''}\u0000${e.className}`;
    const n = taken.get(key) ?? 0;
    taken.set(key, n + 1);
    return n < limit;
  });
}

async function decodeAll(
  chunk: SourceEntry[],
  decode: (e: SourceEntry) => Promise<EntryOutcome>,
): Promise<EntryOutcome[]> {
  const out: EntryOutcome[] = new Array(chunk.length);
  let next = 0;
  const worker = async () => {
    while (next < chunk.length) {
      const i = next++;
      out[i] = await decode(chunk[i] as SourceEntry);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunk.length) }, worker));
  return out;
}

function assignSplits(
  entries: readonly SourceEntry[],
  format: string,
  testFraction: number,
  seed: number,
  classIndex: Map<string, number>,
): { splits: SplitName[]; splitSource: ImportReportDto['splitSource'] } {
  if (entries.length > 0 && entries.every((e) => e.split !== null)) {
    const source = format === 'folder' ? 'folders' : format === 'csv' ? 'manifest' : 'file';
    return { splits: entries.map((e) => e.split as SplitName), splitSource: source };
  }
  const open = entries.map((e, i) => ({ e, i })).filter(({ e }) => e.split === null);
  const held = stratifiedSplit(
    open.map(({ e }) => classIndex.get(e.className) as number),
    testFraction,
    seed,
  );
  const splits = entries.map((e) => e.split as SplitName);
  open.forEach(({ i }, k) => (splits[i] = held[k] as SplitName));
  return { splits, splitSource: 'hold-out' };
}

/** Identifies an import: the same files and options give the same key (and so resume). */
function importKey(path: string, format: string, entries: readonly SourceEntry[], options: unknown): string {
  const hash = createHash('sha256');
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // listed already, so it exists; keep the given path if realpath fails
  }
  hash.update(JSON.stringify({ real, format, options }));
  for (const e of entries) hash.update(`${e.relPath}\u0000${e.bytes}\u0000${e.className}\n`);
  return hash.digest('hex');
}
