import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir';
import type { CrashParams } from './fixtures/test-job-worker';
import { alive, SAMPLE, testSession, waitFor, type TestSession } from './fixtures/test-session';

/*
 * A job process that dies hard, runs out of memory or ignores cancel, with a Node child process
 * standing in for Electron's utilityProcess behind the same JobLauncher interface (the utility
 * launcher's own mapping of Electron's exit details is unit-tested in
 * tests/unit/electron/utility-launcher.test.ts). The misbehaving kinds live in a test-only
 * worker (fixtures/test-job-worker.ts).
 */

const tempDir = useTempDirs();

async function importSample(s: TestSession, project: string, limitPerClass: number): Promise<number> {
  const job = await s.api.call('datasets.import', { project, params: { path: SAMPLE, limitPerClass } });
  const done = await s.finished(project, job.id);
  expect(done.status, done.error?.message).toBe('succeeded');
  return (done.result as { datasetId: number }).datasetId;
}

/** Everything a crash must not touch: the dataset rows, a page of samples, the skipped-file rows. */
async function snapshot(s: TestSession, project: string, datasetId: number) {
  const db = new Database(join(s.backend.registry.workspace, project, 'project.sqlite'), { readonly: true });
  try {
    return {
      datasets: await s.api.call('datasets.list', { project }),
      samples: await s.api.call('datasets.samples', { project, datasetId, limit: 20 }),
      skipped: db.prepare('SELECT COUNT(*) AS n FROM import_skipped').get() as { n: number },
      integrity: db.pragma('integrity_check', { simple: true }),
      foreignKeys: db.pragma('foreign_key_check'),
    };
  } finally {
    db.close();
  }
}

describe('a job process that crashes', () => {
  it('fails the job with the exit named; other projects, earlier outputs and the database survive', async () => {
    const s = testSession(tempDir());
    await s.api.call('projects.create', { project: 'a' });
    await s.api.call('projects.create', { project: 'b' });
    const datasetId = await importSample(s, 'a', 5);
    const before = await snapshot(s, 'a', datasetId);
    expect(before.integrity).toBe('ok');

    // Project b imports while a's job dies in the middle of a large uncommitted write.
    const other = await s.api.call('datasets.import', {
      project: 'b',
      params: { path: SAMPLE, limitPerClass: 30 },
    });
    const otherDone = s.finished('b', other.id);
    const crashes: [CrashParams['how'], RegExp][] = [
      ['exit', /job process exited with code 134/],
      ['segv', /job process killed by SIGSEGV/],
    ];
    for (const [how, reason] of crashes) {
      const params: CrashParams = { how, datasetId, rows: 20_000 };
      const job = s.start('a', 'test-crash', params);
      const done = await s.finished('a', job.id);
      expect(done.status).toBe('failed');
      expect(done.error).toEqual({ code: 'internal', message: expect.stringMatching(reason) });
      expect(s.progress.some((p) => p.project === 'a' && p.jobId === job.id && p.phase === 'writing')).toBe(
        true,
      );
      // The app side goes on: same answers as before the crash, nothing half-written, no corruption.
      expect(await snapshot(s, 'a', datasetId)).toEqual(before);
    }
    expect((await otherDone).status).toBe('succeeded');
    expect((await s.api.call('datasets.list', { project: 'b' }))[0]?.classes[0]?.train).toBe(30);

    // The project takes new jobs and writes after the crashes.
    expect(await importSample(s, 'a', 2)).toBeGreaterThan(datasetId);
    expect((await snapshot(s, 'a', datasetId)).integrity).toBe('ok');
    expect(s.backend.runningJobs()).toBe(0);
    await s.backend.close();
  });

  it('names an out-of-memory end and keeps the app serving', async () => {
    const s = testSession(tempDir(), { maxOldSpaceMb: 160 });
    await s.api.call('projects.create', { project: 'm' });
    const job = s.start('m', 'test-oom', {});
    const done = await s.finished('m', job.id);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/ran out of memory \(JavaScript heap limit 160 MB\)/);
    const next = s.start('m', 'test-steady', { ticks: 2, ms: 10 });
    expect((await s.finished('m', next.id)).status).toBe('succeeded');
    expect((await s.api.call('jobs.list', { project: 'm' })).map((j) => j.status)).toEqual([
      'succeeded',
      'failed',
    ]);
    await s.backend.close();
  });
});

describe('cancelling a job process', () => {
  it('kills a job that ignores cancel once the grace period is over; the job ends cancelled', async () => {
    const s = testSession(tempDir(), { cancelGraceMs: 400 });
    await s.api.call('projects.create', { project: 'c' });
    const job = s.start('c', 'test-stubborn', {});
    const end = s.finished('c', job.id);
    await waitFor(() => s.progress.some((p) => p.jobId === job.id), 30_000, 'the first progress');
    const pid = s.pid('c', job.id) as number;
    expect(alive(pid)).toBe(true);

    const asked = performance.now();
    await s.api.call('jobs.cancel', { project: 'c', jobId: job.id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(pid)).toBe(true); // still inside the grace period: not killed yet
    const done = await end;
    const took = performance.now() - asked;
    expect(done.status).toBe('cancelled');
    expect(done.error).toEqual({
      code: 'cancelled',
      message: 'the job was cancelled; it did not stop within 400 ms, so its process was killed',
    });
    expect(took).toBeGreaterThanOrEqual(380);
    expect(took).toBeLessThan(5000);
    await waitFor(() => !alive(pid), 5000, 'the killed process to disappear');
    await s.backend.close();
  });

  it('lets a job that stops by itself end cancelled without killing it', async () => {
    const s = testSession(tempDir(), { cancelGraceMs: 10_000 });
    await s.api.call('projects.create', { project: 'd' });
    const job = s.start('d', 'test-steady', { ticks: 10_000, ms: 20 });
    const end = s.finished('d', job.id);
    await waitFor(() => s.progress.some((p) => p.jobId === job.id), 30_000, 'the first progress');
    const asked = performance.now();
    await s.api.call('jobs.cancel', { project: 'd', jobId: job.id });
    const done = await end;
    expect(done.status).toBe('cancelled');
    expect(done.error).toEqual({ code: 'cancelled', message: 'the job was cancelled' });
    expect(performance.now() - asked).toBeLessThan(5000);
    await s.backend.close();
  });
});

describe('test-only job kinds', () => {
  it('are unknown to the app’s own job process', async () => {
    const s = testSession(tempDir(), {
      entry: join(import.meta.dirname, '../../src/main/jobs/worker-entry.ts'),
    });
    await s.api.call('projects.create', { project: 'e' });
    const job = s.start('e', 'test-crash', { how: 'exit', datasetId: 1, rows: 1 });
    const done = await s.finished('e', job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toEqual({ code: 'bad_request', message: 'unknown job kind "test-crash"' });
    await s.backend.close();
  });
});
