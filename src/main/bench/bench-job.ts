/**
 * Job kind `bench`: one job runs a whole benchmark definition. It makes (or reuses) the scores,
 * the teacher and one compressed set per method and IPC, then trains every (method, IPC, label
 * mode, seed) run in task threads, as many at once as the definition's `parallel` (default: the
 * cores), longest runs first. Every finished run is a row at once: the same definition again
 * (`jobs.resume`, or starting it again) skips finished runs, and an interrupted run continues
 * from its checkpoint (the training job's own resume). At the end: the results and the report.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BenchJobResultDto, BenchTimingDto } from '../../shared/api/bench-dto';
import type { ScoreResultDto } from '../../shared/api/prune-dto';
import type { TrainJobResultDto } from '../../shared/api/train-dto';
import { ApiError } from '../../shared/rpc/errors';
import { APP_VERSION } from '../app-version';
import type { JobContext } from '../jobs/job-context';
import { openDatasetCache, splitImages } from '../jobs/kinds/training-data';
import {
  benchRuns,
  benchSets,
  finishBenchmark,
  getBenchmark,
  insertBenchRun,
  openBenchmark,
  updateBenchInfo,
  upsertBenchSet,
  type BenchSetRow,
} from '../store/bench-repo';
import { classNames, getReadyDataset, samplesOf } from '../store/datasets-repo';
import type { TeacherJobResult } from '../training/teacher-job';
import {
  benchKey,
  planBenchmark,
  runId,
  runTrainParams,
  teacherSetting,
  type PlannedRun,
} from './bench-plan';
import { parseBenchDefinition, writeStoredReport } from './bench-read';
import { buildBenchSet, pngBytesOf } from './bench-sets';
import { TaskPool } from './task-pool';

export async function runBenchJob(ctx: JobContext): Promise<BenchJobResultDto> {
  const started = performance.now();
  const def = parseBenchDefinition(ctx.params);
  const { db, paths } = ctx;
  const dataset = getReadyDataset(db, def.datasetId);
  const names = classNames(db, dataset.id);
  if (names.length < 2)
    throw new ApiError('bad_request', `dataset ${dataset.id} has one class: nothing to compare`);
  const testCount = samplesOf(db, dataset.id, 'test').length;
  if (testCount === 0)
    throw new ApiError('bad_request', `dataset ${dataset.id} has no test split to evaluate on`);
  const plan = planBenchmark(def);
  const parallel = def.parallel ?? availableParallelism();
  const bench = openBenchmark(db, {
    jobId: ctx.jobId,
    datasetId: dataset.id,
    key: benchKey(def, dataset.sourceSha256),
    name: def.name,
    definition: def,
    protocol: {
      ...def.protocol,
      epochsRule:
        def.protocol.epochs !== undefined
          ? `${def.protocol.epochs} epochs for every set`
          : `${def.protocol.steps ?? 300} optimizer steps per run: epochs = ⌈steps / batches per epoch⌉`,
      optimizer: 'adamw, cosine schedule to 0, no warm-up',
      evaluation: `top-1 on the test split (${testCount} images)`,
      appVersion: APP_VERSION,
    },
  });
  const pool = new TaskPool(parallel, {
    jobId: ctx.jobId,
    projectDir: paths.dir,
    resourcesDir: ctx.resourcesDir,
  });
  const stopWatch = setInterval(() => {
    if (ctx.shouldStop()) pool.cancel();
  }, 200);
  const cpu0 = process.cpuUsage();
  const failures: BenchJobResultDto['failures'] = [];
  const info = bench.info as { fullPngBytes?: number; teacherAccuracy?: number };
  try {
    const report = ctx.progress.bind(ctx);
    let scoreSetId: number | null = null;
    if (plan.needsScores) {
      const { result: scores } = await pool.run<ScoreResultDto>({
        kind: 'score',
        params: { datasetId: dataset.id, width: def.scoring.width, epochs: def.scoring.epochs },
        slots: parallel,
        onProgress: (p) =>
          report(`scores: ${p.phase}`, p.done, p.total, 0.1 * (p.total ? p.done / p.total : 0)),
      });
      scoreSetId = scores.scoreSet.id;
    }
    if (plan.needsTeacher) {
      const { result: teacher } = await pool.run<TeacherJobResult>({
        kind: 'teacher',
        params: { datasetId: dataset.id, ...teacherSetting(def.protocol) },
        slots: parallel,
        onProgress: (q) => report('teacher', q.done, q.total, 0.1 + 0.1 * (q.total ? q.done / q.total : 0)),
      });
      info.teacherAccuracy = teacher.testAccuracy;
      updateBenchInfo(db, bench.id, { teacherAccuracy: teacher.testAccuracy });
    }
    ctx.checkCancelled();
    if (info.fullPngBytes === undefined) {
      report('storage of the full split', 0, 1, 0.2);
      const cache = openDatasetCache(db, paths, dataset.id);
      const full = splitImages(db, cache, dataset.id, 'train');
      info.fullPngBytes = await pngBytesOf(
        full.images,
        [dataset.height, dataset.width, dataset.channels],
        full.count,
      );
      updateBenchInfo(db, bench.id, { fullPngBytes: info.fullPngBytes });
    }

    const haveSets = new Map(benchSets(db, bench.id).map((s) => [`${s.method}/${s.ipc}`, s]));
    const finished = new Set(benchRuns(db, bench.id).map((r) => runId(r)));
    const totalRuns = plan.runs.length;
    let doneRuns = finished.size;
    // Runs in flight and how far each is, so the bar moves within long runs too.
    const partial = new Map<string, number>();
    let lastReport = 0;
    const progressRuns = (last?: { accuracy: number }) => {
      const now = performance.now();
      if (!last && now - lastReport < 250) return;
      lastReport = now;
      const inFlight = [...partial.values()].reduce((a, b) => a + b, 0);
      report(
        'training runs',
        doneRuns,
        totalRuns,
        0.2 + 0.8 * (totalRuns ? (doneRuns + inFlight) / totalRuns : 1),
        {
          runsDone: doneRuns,
          runsTotal: totalRuns,
          running: partial.size,
          ...(last ? { lastAccuracy: last.accuracy } : {}),
        },
      );
    };
    progressRuns();

    const trainRun = async (run: PlannedRun, set: BenchSetRow): Promise<void> => {
      const id = runId(run);
      try {
        const outcome = await pool.run<TrainJobResultDto>({
          kind: 'train',
          params: runTrainParams(def, run, { setId: set.setId as number, images: set.images }),
          onProgress: (p) => {
            partial.set(id, p.total ? Math.min(1, p.done / p.total) : 0);
            progressRuns();
          },
        });
        const seedRun = outcome.result.runs[0];
        if (!seedRun) throw new ApiError('internal', `run ${id} returned no result`);
        insertBenchRun(db, bench.id, {
          ...run,
          runId: seedRun.runId,
          accuracy: seedRun.accuracy,
          trainSeconds: seedRun.seconds,
          runSeconds: outcome.seconds,
          cpuSeconds: outcome.cpuSeconds ?? 0,
        });
        doneRuns++;
        partial.delete(id);
        ctx.log(`${id}: ${(seedRun.accuracy * 100).toFixed(1)} % in ${seedRun.seconds.toFixed(1)} s`);
        progressRuns({ accuracy: seedRun.accuracy });
      } catch (error) {
        partial.delete(id);
        if (error instanceof ApiError && error.code === 'cancelled') throw error;
        failures.push({ run: id, message: error instanceof Error ? error.message : String(error) });
        ctx.log(`${id} failed: ${failures.at(-1)?.message}`);
      }
    };

    // Each set's runs are queued the moment the set exists. Distilled sets are asked for first
    // (their tasks queue before any run), big budgets first: the longest tasks start earliest and
    // the many short runs fill the end evenly, so no thread idles at the tail.
    const distilled = (m: string) => m === 'dm' || m === 'rded';
    const order = [...plan.sets].sort(
      (a, b) => Number(distilled(b.method)) - Number(distilled(a.method)) || b.ipc - a.ipc,
    );
    const prepareSeconds = (performance.now() - started) / 1000;
    const setJobs = order.map(async (planned) => {
      const key = `${planned.method}/${planned.ipc}`;
      let set = haveSets.get(key);
      if (!set?.setId) {
        set = await buildBenchSet(
          {
            db,
            paths,
            def,
            resolution: dataset.height,
            scoreSetId,
            pool,
            onProgress: (phase, d, t) => report(phase, d, t, 0.2),
          },
          planned,
        );
        upsertBenchSet(db, bench.id, set);
      }
      const todo = plan.runs.filter(
        (r) => r.method === planned.method && r.ipc === planned.ipc && !finished.has(runId(r)),
      );
      const ready = set;
      await Promise.all(todo.map((r) => trainRun(r, ready)));
    });
    await Promise.all(setJobs);
    ctx.checkCancelled();
    const wall = (performance.now() - started) / 1000;
    const { firstStart, lastEnd, busySlotSeconds } = pool.stats;
    const poolWall = firstStart !== null && lastEnd !== null ? (lastEnd - firstStart) / 1000 : 0;
    const cpu = process.cpuUsage(cpu0);
    const rows = benchRuns(db, bench.id);
    const timing: BenchTimingDto = {
      wallSeconds: wall,
      prepareSeconds,
      cellsWallSeconds: poolWall,
      trainSeconds: rows.reduce((a, r) => a + r.trainSeconds, 0),
      runSeconds: rows.reduce((a, r) => a + r.runSeconds, 0),
      parallel,
      overhead: busySlotSeconds > 0 ? (parallel * poolWall) / busySlotSeconds - 1 : null,
      cpuUtilisation: wall > 0 ? (cpu.user + cpu.system) / 1e6 / (wall * availableParallelism()) : null,
    };
    updateBenchInfo(db, bench.id, { timing });
    const status = failures.length > 0 ? 'failed' : 'done';
    finishBenchmark(db, bench.id, status, null);
    const { result, dir: reportDir } = await writeStoredReport(db, paths, bench.id);
    if (failures.length > 0)
      throw new ApiError(
        'internal',
        `${failures.length} of ${totalRuns} runs failed (${failures.map((f) => `${f.run}: ${f.message}`).join('; ')}); the report has the others, and running the benchmark again retries them`,
      );
    return {
      benchmark: { ...result, status },
      reportDir,
      reportHtml: join(reportDir, 'report.html'),
      failures,
    };
  } catch (error) {
    const cancelled = error instanceof ApiError && error.code === 'cancelled';
    if (getBenchmark(db, bench.id).status === 'running')
      finishBenchmark(db, bench.id, cancelled ? 'cancelled' : 'failed', null);
    throw error;
  } finally {
    clearInterval(stopWatch);
    await pool.close();
  }
}
