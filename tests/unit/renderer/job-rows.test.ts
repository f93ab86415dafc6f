import { describe, expect, it } from 'vitest';
import type { JobDto, JobProgress, JobStatus } from '../../../src/shared/api/dto';
import {
  filterCounts,
  filterJobs,
  jobActions,
  jobRow,
  jobTitle,
  kindTitle,
  matchesFilter,
  phaseUnit,
  rateText,
} from '../../../src/renderer/lib/job-rows';

// Timestamps without a zone are local time, so the created texts below hold in any time zone.
const NOW = new Date('2024-05-01T10:01:30');

function job(id: number, status: JobStatus, extra: Partial<JobDto> = {}): JobDto {
  return {
    id,
    kind: 'train',
    status,
    params: { setId: 3, seeds: 2 },
    progress: null,
    result: null,
    error: null,
    createdAt: '2024-05-01T09:59:00',
    startedAt: status === 'queued' ? null : '2024-05-01T10:00:00',
    finishedAt: null,
    ...extra,
  };
}

function progress(extra: Partial<JobProgress> = {}): JobProgress {
  return {
    jobId: 1,
    phase: 'seed 2',
    done: 10,
    total: 20,
    rate: 45.67,
    etaSeconds: 125,
    fraction: 0.456,
    ...extra,
  };
}

describe('jobTitle', () => {
  it('names the kind and a few parameters of each kind', () => {
    expect(jobTitle({ kind: 'train', params: { setId: 3, seeds: 2, labels: 'hard' } })).toBe(
      'Train · set #3 · 2 seeds',
    );
    expect(jobTitle({ kind: 'train', params: { datasetId: 1, seeds: 1, labels: 'soft' } })).toBe(
      'Train · full split of dataset #1 · 1 seed · soft labels',
    );
    expect(jobTitle({ kind: 'score', params: { datasetId: 2, epochs: 10, seeds: 1 } })).toBe(
      'Score · dataset #2 · 10 epochs · 1 seed',
    );
    expect(jobTitle({ kind: 'import', params: { path: '/data/fashion-mnist/', format: 'idx' } })).toBe(
      'Import · fashion-mnist',
    );
    expect(jobTitle({ kind: 'import', params: { path: 'C:\\data\\cifar10', name: 'Digits' } })).toBe(
      'Import · Digits',
    );
    expect(jobTitle({ kind: 'import', params: { path: 'C:\\data\\cifar10' } })).toBe('Import · cifar10');
    expect(jobTitle({ kind: 'demo', params: { source: { kind: 'sample' }, ipc: 10 } })).toBe(
      'Demo · sample · IPC 10',
    );
    expect(jobTitle({ kind: 'demo', params: { source: { kind: 'idx', path: '/d/mnist' }, ipc: 50 } })).toBe(
      'Demo · mnist · IPC 50',
    );
    expect(jobTitle({ kind: 'rded', params: { datasetId: 4, ipc: 10, k: 2 } })).toBe(
      'RDED · dataset #4 · IPC 10',
    );
    expect(jobTitle({ kind: 'dm', params: { datasetId: 4, ipc: 1, iterations: 20000 } })).toBe(
      'DM · dataset #4 · IPC 1 · 20,000 iterations',
    );
    expect(jobTitle({ kind: 'teacher', params: { datasetId: 4, teacherEpochs: 10 } })).toBe(
      'Teacher · dataset #4 · 10 epochs',
    );
    expect(jobTitle({ kind: 'bench', params: { name: 'fashion', methods: ['random', 'dm', 'rded'] } })).toBe(
      'Benchmark · fashion · 3 methods',
    );
  });

  it('falls back to the kind for unknown kinds and shapes', () => {
    expect(jobTitle({ kind: 'reindex', params: { datasetId: 1 } })).toBe('Reindex');
    expect(jobTitle({ kind: 'export', params: {} })).toBe('Export');
    expect(jobTitle({ kind: 'train', params: null })).toBe('Train');
    expect(jobTitle({ kind: 'train', params: 'set 3' })).toBe('Train');
    expect(jobTitle({ kind: 'train', params: [3, 2] })).toBe('Train');
    expect(jobTitle({ kind: 'train', params: {} })).toBe('Train');
    // A field of the wrong type is left out, the others stay.
    expect(jobTitle({ kind: 'score', params: { datasetId: '2', epochs: 5 } })).toBe('Score · 5 epochs');
    expect(kindTitle('')).toBe('Job');
  });
});

describe('phaseUnit and rateText', () => {
  it('finds the unit each job kind counts its phases in', () => {
    expect(phaseUnit('scan')).toBe('files');
    expect(phaseUnit('decode')).toBe('images');
    expect(phaseUnit('seed 2')).toBe('images');
    expect(phaseUnit('proxy run 1 of 2 (images)')).toBe('images');
    expect(phaseUnit('scores: proxy run 1 of 1 (images)')).toBe('images');
    expect(phaseUnit('scores: features')).toBe('images');
    expect(phaseUnit('train compressed set')).toBe('steps');
    expect(phaseUnit('optimising')).toBe('iterations');
    expect(phaseUnit('scoring crops: T-shirt')).toBe('crops');
    expect(phaseUnit('training runs')).toBe('runs');
    expect(phaseUnit('DM IPC 10')).toBeNull();
    expect(phaseUnit('store')).toBeNull();
  });

  it('writes the rate with formatRate’s decimals and the unit before "/s"', () => {
    // 12.345 ≥ 10 → one decimal → 12.3.
    expect(rateText({ phase: 'decode', rate: 12.345 })).toBe('12.3 images/s');
    // 1234.5 ≥ 100 → a whole number with a thousands separator, rounded half up → 1,235.
    expect(rateText({ phase: 'proxy run 1 of 2 (images)', rate: 1234.5 })).toBe('1,235 images/s');
    // 7.5 < 10 → two decimals.
    expect(rateText({ phase: 'optimising', rate: 7.5 })).toBe('7.50 iterations/s');
    expect(rateText({ phase: 'training runs', rate: 250.4 })).toBe('250 runs/s');
    expect(rateText({ phase: 'select', rate: 0.5 })).toBe('0.50/s');
    expect(rateText({ phase: 'decode', rate: 0 })).toBe('—');
    expect(rateText({ phase: 'decode', rate: Number.NaN })).toBe('—');
  });
});

describe('jobActions', () => {
  it('offers cancel while a job can stop and resume once it stopped unfinished', () => {
    expect(jobActions('queued')).toEqual({ cancel: true, resume: false });
    expect(jobActions('running')).toEqual({ cancel: true, resume: false });
    expect(jobActions('succeeded')).toEqual({ cancel: false, resume: false });
    expect(jobActions('failed')).toEqual({ cancel: false, resume: true });
    expect(jobActions('cancelled')).toEqual({ cancel: false, resume: true });
    expect(jobActions('interrupted')).toEqual({ cancel: false, resume: true });
  });
});

describe('filters', () => {
  const statuses: JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'];
  const jobs = statuses.map((status, i) => job(i + 1, status));
  const ids = (list: JobDto[]) => list.map((j) => j.id);

  it('keeps active or finished jobs, newest first', () => {
    expect(ids(filterJobs(jobs, 'all'))).toEqual([6, 5, 4, 3, 2, 1]);
    expect(ids(filterJobs(jobs, 'active'))).toEqual([2, 1]);
    expect(ids(filterJobs(jobs, 'finished'))).toEqual([6, 5, 4, 3]);
    expect(filterCounts(jobs)).toEqual({ all: 6, active: 2, finished: 4 });
    expect(filterCounts([])).toEqual({ all: 0, active: 0, finished: 0 });
    expect(matchesFilter('interrupted', 'active')).toBe(false);
  });
});

describe('jobRow', () => {
  it('shows a running job’s phase, rate, ETA and time so far', () => {
    const row = jobRow(job(12, 'running'), progress(), NOW);
    expect(row).toMatchObject({
      id: 12,
      title: 'Train · set #3 · 2 seeds',
      status: 'running',
      statusLabel: 'Running',
      fraction: 0.456,
      percent: 46,
      percentText: '46%',
      phase: 'Seed 2',
      // 45.67 ≥ 10 → 45.7; the phase "seed 2" counts images.
      rate: '45.7 images/s',
      // 125 s = 2 min 5 s.
      eta: '2 min 05 s',
      created: '2024-05-01 09:59:00',
      // 10:00:00 → 10:01:30.
      elapsed: '1 min 30 s',
      actions: { cancel: true, resume: false },
      error: null,
    });
    expect(jobRow(job(12, 'running'), progress({ etaSeconds: 3725 }), NOW).eta).toBe('1 h 02 min');
    expect(jobRow(job(12, 'running'), progress({ etaSeconds: null }), NOW).eta).toBe('—');
    expect(jobRow(job(12, 'running'), progress({ fraction: 1.02 }), NOW).percentText).toBe('100%');
  });

  it('shows a job with no progress yet as waiting or starting', () => {
    expect(jobRow(job(1, 'queued'), null, NOW)).toMatchObject({
      fraction: 0,
      percent: 0,
      percentText: '0%',
      phase: 'Waiting in queue',
      rate: '—',
      eta: '—',
      elapsed: 'Not started',
      actions: { cancel: true, resume: false },
    });
    expect(jobRow(job(2, 'running'), null, NOW)).toMatchObject({
      percentText: '0%',
      phase: 'Starting',
      rate: '—',
      eta: '—',
      elapsed: '1 min 30 s',
    });
  });

  it('shows a succeeded job at 100 % with its run time', () => {
    const done = job(3, 'succeeded', { finishedAt: '2024-05-01T10:00:42' });
    expect(jobRow(done, progress({ fraction: 0.97 }), NOW)).toMatchObject({
      fraction: 1,
      percent: 100,
      percentText: '100%',
      phase: 'Done',
      rate: '—',
      eta: '—',
      elapsed: '42 s',
      actions: { cancel: false, resume: false },
      error: null,
    });
    expect(jobRow(done, null, NOW).percentText).toBe('100%');
  });

  it('shows where a failed job stopped and its error', () => {
    const failed = job(4, 'failed', {
      finishedAt: '2024-05-01T10:03:05',
      error: { code: 'internal', message: 'killed by SIGKILL' },
    });
    expect(jobRow(failed, progress({ fraction: 0.3 }), NOW)).toMatchObject({
      statusLabel: 'Failed',
      percentText: '30%',
      phase: 'Seed 2',
      // The last rate is a stopped job's past: not shown.
      rate: '—',
      eta: '—',
      // 10:00:00 → 10:03:05.
      elapsed: '3 min 05 s',
      actions: { cancel: false, resume: true },
      error: { code: 'internal', message: 'killed by SIGKILL' },
    });
    expect(jobRow(job(5, 'failed'), null, NOW).error).toEqual({
      code: 'unknown',
      message: 'The job failed without a message.',
    });
  });

  it('gives no error details for a cancelled job and no duration when it never started', () => {
    const cancelled = job(6, 'cancelled', {
      startedAt: null,
      finishedAt: '2024-05-01T10:00:05',
      error: { code: 'cancelled', message: 'the job was cancelled' },
    });
    expect(jobRow(cancelled, null, NOW)).toMatchObject({
      statusLabel: 'Cancelled',
      phase: '—',
      elapsed: '—',
      actions: { cancel: false, resume: true },
      error: null,
    });
  });
});
