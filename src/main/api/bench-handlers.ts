import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import type { ApiHandlers } from '../../shared/api/contract';
import type { BenchDefinition } from '../../shared/api/bench-params';
import { ApiError } from '../../shared/rpc/errors';
import { APP_VERSION } from '../app-version';
import { estimateBenchmark } from '../bench/bench-estimate';
import { benchReportHtml } from '../bench/report/report-html';
import { getBenchmark, listBenchmarks } from '../store/bench-repo';
import type { Db } from '../store/database';
import { classCounts, getReadyDataset } from '../store/datasets-repo';
import { parseBenchDefinition, resultOf, writeStoredReport } from '../bench/bench-read';
import { planBenchmark } from '../bench/bench-plan';
import type { JobRunner } from '../jobs/job-runner';
import type { OpenProject, ProjectRegistry } from './project-registry';

/** Refuses, before a job starts, a benchmark that cannot run on this dataset. */
function checkBenchmark(db: Db, def: BenchDefinition): void {
  const dataset = getReadyDataset(db, def.datasetId);
  const counts = classCounts(db, dataset.id);
  if (counts.filter((c) => c.train > 0).length < 2)
    throw new ApiError('bad_request', `dataset ${dataset.id} needs training images of at least two classes`);
  if (counts.every((c) => c.test === 0))
    throw new ApiError(
      'bad_request',
      `dataset ${dataset.id} has no test split: the benchmark evaluates on it`,
    );
}

/** The benchmark's API: estimate before starting, start (one job), list, results and the report. */
export function benchHandlers(
  registry: ProjectRegistry,
  runnerFor: (project: OpenProject) => JobRunner,
): Pick<
  ApiHandlers,
  'bench.estimate' | 'bench.start' | 'bench.list' | 'bench.get' | 'bench.report' | 'bench.writeReport'
> {
  const definitionOf = (db: Db, benchId: number) =>
    parseBenchDefinition(getBenchmark(db, benchId).definition);
  return {
    'bench.estimate': async ({ project, definition }) => {
      const p = registry.get(project);
      checkBenchmark(p.db, definition);
      return estimateBenchmark(p.db, p.paths, definition, availableParallelism());
    },
    'bench.start': async ({ project, definition }) => {
      const p = registry.get(project);
      checkBenchmark(p.db, definition);
      return runnerFor(p).start('bench', definition);
    },
    'bench.list': async ({ project }) => {
      const db = registry.get(project).db;
      return listBenchmarks(db).map((b) => ({
        ...b,
        cells: planBenchmark(definitionOf(db, b.id)).runs.length,
      }));
    },
    'bench.get': async ({ project, benchId }) => {
      const db = registry.get(project).db;
      return resultOf({ db }, benchId, definitionOf(db, benchId));
    },
    'bench.writeReport': async ({ project, benchId }) => {
      const p = registry.get(project);
      return { dir: (await writeStoredReport(p.db, p.paths, benchId)).dir };
    },
    'bench.report': async ({ project, benchId }) => {
      const db = registry.get(project).db;
      const result = resultOf({ db }, benchId, definitionOf(db, benchId));
      const dir = getBenchmark(db, benchId).reportDir;
      const file = dir ? join(dir, 'report.html') : null;
      return {
        dir,
        file: file && existsSync(file) ? file : null,
        html: benchReportHtml(result, { generatedAt: new Date().toISOString(), appVersion: APP_VERSION }),
      };
    },
  };
}
