import { describe, expect, it } from 'vitest';
import type { BenchSummaryDto } from '../../../src/shared/api/bench-dto';
import type { JobDto, JobProgress } from '../../../src/shared/api/dto';
import {
  asBenchJobResult,
  benchJobFor,
  benchJobStatus,
  benchListRow,
  benchmarkOfJob,
  describeBenchmark,
  describeCellsDone,
  describeRunsProgress,
  reportFileName,
  resultsVersion,
  shownBenchmarkId,
} from '../../../src/renderer/lib/bench-results';
import { benchResult } from './bench-fixture';

const job = (id: number, over: Partial<JobDto> = {}): JobDto => ({
  id,
  kind: 'bench',
  status: 'running',
  params: { name: 'tiny', datasetId: 1 },
  progress: null,
  result: null,
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  ...over,
});

const summary = (id: number, over: Partial<BenchSummaryDto> = {}): BenchSummaryDto => ({
  id,
  name: 'tiny',
  datasetId: 1,
  jobId: null,
  status: 'done',
  cells: 12,
  cellsDone: 12,
  createdAt: '2026-01-01T00:00:00.000Z',
  reportPath: null,
  ...over,
});

const progress = (metrics?: Record<string, number>, phase = 'training runs'): JobProgress => ({
  jobId: 7,
  phase,
  done: 0,
  total: 0,
  rate: 0,
  etaSeconds: null,
  fraction: 0.5,
  ...(metrics ? { metrics } : {}),
});

describe('benchmark list and job', () => {
  it('follows the job started here, else the newest benchmark job', () => {
    const jobs = [job(2), job(5), job(9, { kind: 'train' })];
    expect(benchJobFor(jobs, 2)?.id).toBe(2);
    expect(benchJobFor(jobs, null)?.id).toBe(5);
    expect(benchJobFor([job(1, { kind: 'score' })], null)).toBeNull();
  });

  it('finds the benchmark of a job: by its result once finished, by its job id while it runs', () => {
    const list = [
      summary(1, { jobId: 4 }),
      summary(2, { status: 'running', jobId: 5 }),
      summary(3, { jobId: 6 }),
    ];
    expect(benchmarkOfJob(job(5), list)?.id).toBe(2);
    expect(benchmarkOfJob(job(6), list)?.id).toBe(3);
    // Just started: the job has not opened its benchmark yet.
    expect(benchmarkOfJob(job(7), list)).toBeNull();
    const finished = job(5, {
      status: 'succeeded',
      result: { benchmark: { id: 1 }, reportDir: '/r', reportHtml: '/r/report.html', failures: [] },
    });
    expect(benchmarkOfJob(finished, list)?.id).toBe(1);
    expect(benchmarkOfJob(null, list)).toBeNull();
    expect(asBenchJobResult({ benchmark: {} })).toBeNull();
    expect(asBenchJobResult(null)).toBeNull();
  });

  it('shows the benchmark picked, else the job’s, else the newest', () => {
    const list = [summary(1), summary(4), summary(2, { status: 'running', jobId: 5 })];
    expect(shownBenchmarkId(list, 1, job(5))).toBe(1);
    expect(shownBenchmarkId(list, 99, job(5))).toBe(2);
    expect(shownBenchmarkId(list, null, null)).toBe(4);
    expect(shownBenchmarkId([], null, null)).toBeNull();
  });

  it('makes a row of the list with runs done over all', () => {
    expect(
      benchListRow(summary(3, { status: 'running', cells: 1200, cellsDone: 5 }), [
        { id: 1, name: 'fashion' },
      ]),
    ).toMatchObject({ id: 3, name: 'tiny', dataset: 'fashion', status: 'running', runs: '5 / 1,200' });
    expect(benchListRow(summary(3, { datasetId: 8 }), []).dataset).toBe('dataset #8');
    expect(benchJobStatus('done')).toBe('succeeded');
    expect(benchJobStatus('interrupted')).toBe('interrupted');
  });
});

describe('benchmark progress', () => {
  it('says the training runs in words', () => {
    expect(
      describeRunsProgress(progress({ runsDone: 5, runsTotal: 12, running: 2, lastAccuracy: 0.4134 })),
    ).toBe('5 of 12 training runs done, 2 running; the last one scored 41.3%.');
    expect(describeRunsProgress(progress({ runsDone: 0, runsTotal: 12, running: 0 }))).toBe(
      '0 of 12 training runs done.',
    );
    expect(describeRunsProgress(progress(undefined, 'teacher'))).toBeNull();
    expect(describeRunsProgress(null)).toBeNull();
  });

  it('changes its results version on a new phase or a finished run only', () => {
    const a = resultsVersion(progress({ runsDone: 1, runsTotal: 12, running: 2 }));
    expect(resultsVersion(progress({ runsDone: 1, runsTotal: 12, running: 1 }))).toBe(a);
    expect(resultsVersion(progress({ runsDone: 2, runsTotal: 12, running: 1 }))).not.toBe(a);
    expect(resultsVersion({ ...progress(), phase: 'scores: epoch', done: 3 })).toBe(
      resultsVersion({ ...progress(), phase: 'scores: epoch', done: 4 }),
    );
    expect(resultsVersion(null)).toBe('');
  });
});

describe('benchmark results in words', () => {
  it('describes the dataset and the cells done', () => {
    const result = benchResult({ 'random/1/hard': [0.3], 'dm/2/soft': [0.5, 0.52] });
    expect(describeCellsDone(result)).toBe('2 of 12 cells have a result');
    expect(describeBenchmark(result)).toBe(
      'fashion-mnist-sample: 2 classes, 3,000 training and 1,000 test images.',
    );
    expect(describeBenchmark({ ...result, teacherAccuracy: 0.812 })).toBe(
      'fashion-mnist-sample: 2 classes, 3,000 training and 1,000 test images; teacher on the full split 81.2%.',
    );
  });

  it('names the report file after the benchmark', () => {
    expect(reportFileName(3, 'Quick smoke: benchmark!')).toBe('bench-3-quick-smoke-benchmark.html');
    expect(reportFileName(4, '…')).toBe('bench-4.html');
  });
});
