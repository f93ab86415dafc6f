import { describe, expect, it } from 'vitest';
import type { JobDto, JobProgress } from '../../../src/shared/api/dto';
import {
  isTerminal,
  jobKindLabel,
  latestDemoJob,
  latestJobOfKind,
  mergeJobList,
  progressOf,
  recordProgress,
  statusLabel,
  upsertJob,
} from '../../../src/renderer/lib/jobs';

function job(id: number, status: JobDto['status'], extra: Partial<JobDto> = {}): JobDto {
  return {
    id,
    kind: 'demo',
    status,
    params: {},
    progress: null,
    result: null,
    error: null,
    createdAt: '2024-01-01T00:00:00Z',
    startedAt: null,
    finishedAt: null,
    ...extra,
  };
}

const progress = (jobId: number, fraction: number): JobProgress => ({
  jobId,
  phase: 'train',
  done: 1,
  total: 2,
  rate: 1,
  etaSeconds: 1,
  fraction,
});

describe('job list state', () => {
  it('knows which statuses are final', () => {
    expect(['queued', 'running'].map((s) => isTerminal(s as JobDto['status']))).toEqual([false, false]);
    expect(
      ['succeeded', 'failed', 'cancelled', 'interrupted'].every((s) => isTerminal(s as JobDto['status'])),
    ).toBe(true);
    expect(statusLabel('cancelled')).toBe('Cancelled');
  });

  it('adds and replaces jobs, newest first', () => {
    let jobs = upsertJob([], job(1, 'succeeded'));
    jobs = upsertJob(jobs, job(2, 'queued'));
    jobs = upsertJob(jobs, job(2, 'running'));
    expect(jobs.map((j) => [j.id, j.status])).toEqual([
      [2, 'running'],
      [1, 'succeeded'],
    ]);
  });

  it('never moves a job back to an earlier status when replies and events cross', () => {
    const running = upsertJob([], job(3, 'running'));
    expect(upsertJob(running, job(3, 'queued'))[0]!.status).toBe('running');
    const cancelled = upsertJob(running, job(3, 'cancelled'));
    expect(upsertJob(cancelled, job(3, 'running'))[0]!.status).toBe('cancelled');
  });

  it('merges a fresh listing with newer snapshots already seen', () => {
    const seen = [job(5, 'succeeded'), job(9, 'running')];
    const listed = [job(5, 'running'), job(4, 'failed')];
    expect(mergeJobList(seen, listed).map((j) => [j.id, j.status])).toEqual([
      [5, 'succeeded'],
      [4, 'failed'],
    ]);
  });

  it('prefers streamed progress over the snapshot in the job row', () => {
    const j = job(1, 'running', { progress: progress(1, 0.1) });
    expect(progressOf(j, {})?.fraction).toBe(0.1);
    const map = recordProgress({}, progress(1, 0.6));
    expect(progressOf(j, map)?.fraction).toBe(0.6);
    expect(progressOf(job(2, 'queued'), map)).toBeNull();
  });

  it('picks the newest demo job to show', () => {
    expect(latestDemoJob([])).toBeNull();
    expect(
      latestDemoJob([job(1, 'succeeded'), job(3, 'failed'), job(4, 'running', { kind: 'export' })])?.id,
    ).toBe(3);
  });

  it('picks the newest job of a kind and names kinds', () => {
    const jobs = [
      job(1, 'succeeded', { kind: 'import' }),
      job(2, 'failed', { kind: 'import' }),
      job(3, 'running'),
    ];
    expect(latestJobOfKind(jobs, 'import')?.id).toBe(2);
    expect(latestJobOfKind(jobs, 'export')).toBeNull();
    expect(jobKindLabel('import')).toBe('Import');
    expect(jobKindLabel('demo')).toBe('Demo');
    expect(jobKindLabel('combine')).toBe('Combine');
  });
});
