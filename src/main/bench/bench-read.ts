/** A stored benchmark read back: its definition and its results (the API's and the job's). */
import type { BenchResultDto, BenchTimingDto } from '../../shared/api/bench-dto';
import { benchDefinitionSchema, type BenchDefinition } from '../../shared/api/bench-params';
import { parseOrRefuse } from '../../shared/rpc/server';
import { join } from 'node:path';
import { APP_VERSION } from '../app-version';
import { benchRuns, benchSets, getBenchmark, setBenchReportDir } from '../store/bench-repo';
import type { ProjectPaths } from '../store/project-store';
import { writeBenchReport } from './report/write-report';
import type { Db } from '../store/database';
import { classNames, getReadyDataset, samplesOf } from '../store/datasets-repo';
import { benchResult, type BenchFacts } from './bench-results';

export function parseBenchDefinition(raw: unknown): BenchDefinition {
  return parseOrRefuse(benchDefinitionSchema, raw, 'benchmark definition');
}

/** The stored benchmark as results (also what the API's `bench.get` returns). */
export function resultOf(ctx: { db: Db }, benchId: number, def: BenchDefinition) {
  const bench = getBenchmark(ctx.db, benchId);
  const dataset = getReadyDataset(ctx.db, def.datasetId);
  const info = bench.info as Partial<{
    fullPngBytes: number;
    teacherAccuracy: number;
    timing: BenchTimingDto;
  }>;
  const facts: BenchFacts = {
    datasetName: dataset.name,
    classNames: classNames(ctx.db, dataset.id),
    fullTrainImages: samplesOf(ctx.db, dataset.id, 'train').length,
    fullPngBytes: info.fullPngBytes ?? 0,
    testImages: samplesOf(ctx.db, dataset.id, 'test').length,
    teacherAccuracy: info.teacherAccuracy ?? null,
    timing: info.timing ?? null,
  };
  return benchResult(bench, benchSets(ctx.db, benchId), benchRuns(ctx.db, benchId), facts);
}

/**
 * Writes a stored benchmark's report (HTML, CSV, JSON, plot PNGs) into
 * `<project>/reports/bench-<id>/` and records the folder: at the end of a benchmark, and again on
 * request (`datapress bench --report ID`) from what SQLite holds.
 */
export async function writeStoredReport(
  db: Db,
  paths: ProjectPaths,
  benchId: number,
): Promise<{ result: BenchResultDto; dir: string }> {
  const bench = getBenchmark(db, benchId);
  const result = resultOf({ db }, benchId, parseBenchDefinition(bench.definition));
  const dir = join(paths.dir, 'reports', `bench-${benchId}`);
  await writeBenchReport(dir, result, { generatedAt: new Date().toISOString(), appVersion: APP_VERSION });
  setBenchReportDir(db, benchId, dir);
  return { result, dir };
}
