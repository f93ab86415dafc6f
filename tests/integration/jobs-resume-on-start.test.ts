import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  closeForQuit,
  jobsOfBackend,
  RESUME_FILE,
  resumeRecordedJobs,
} from '../../src/main/jobs/resume-on-start';
import { useTempDirs } from '../helpers/temp-dir';
import { testSession, waitFor } from './fixtures/test-session';

/*
 * Quit with jobs running, start again: the jobs the quit stopped resume by themselves. Real
 * backends and job processes, the same two calls the desktop app's main.ts makes (closeForQuit at
 * will-quit, resumeRecordedJobs after start).
 */

const tempDir = useTempDirs();

describe('jobs stopped by quitting resume at the next start', () => {
  it('records the running jobs at quit, leaves them interrupted, and resumes them to the end', async () => {
    const workspace = tempDir();
    const first = testSession(workspace, { cancelGraceMs: 2000 });
    await first.api.call('projects.create', { project: 'a' });
    await first.api.call('projects.create', { project: 'b' });
    const a = first.start('a', 'test-steady', { ticks: 40, ms: 50 });
    const b = first.start('b', 'test-steady', { ticks: 40, ms: 50 });
    await waitFor(
      () => new Set(first.progress.map((p) => p.project)).size === 2,
      30_000,
      'both jobs under way',
    );

    const logs: string[] = [];
    await closeForQuit(first.backend, workspace, (l) => logs.push(l));
    expect(existsSync(join(workspace, RESUME_FILE))).toBe(true);

    const second = testSession(workspace);
    const ends = [second.finished('a', a.id + 1), second.finished('b', b.id + 1)];
    const resumed = resumeRecordedJobs(workspace, jobsOfBackend(second.backend), (l) => logs.push(l));
    expect(resumed).toEqual([
      { project: 'a', jobId: a.id, resumedAs: a.id + 1 },
      { project: 'b', jobId: b.id, resumedAs: b.id + 1 },
    ]);
    expect(existsSync(join(workspace, RESUME_FILE))).toBe(false);
    for (const project of ['a', 'b']) {
      const [again, stopped] = await second.api.call('jobs.list', { project });
      expect(stopped).toMatchObject({ status: 'interrupted', error: { code: 'interrupted' } });
      expect(again).toMatchObject({ kind: 'test-steady', params: { ticks: 40, ms: 50 }, status: 'running' });
    }
    for (const done of await Promise.all(ends))
      expect(done).toMatchObject({ status: 'succeeded', result: { ticks: 40 } });
    expect(logs.filter((l) => l.includes('could not'))).toEqual([]);
    await second.backend.close();

    // The start after that has nothing to resume.
    const third = testSession(workspace);
    expect(resumeRecordedJobs(workspace, jobsOfBackend(third.backend), () => {})).toEqual([]);
    await third.backend.close();
  });

  it('starts normally past a corrupt record, resuming nothing', async () => {
    const workspace = tempDir();
    const s = testSession(workspace);
    await s.api.call('projects.create', { project: 'a' });
    writeFileSync(join(workspace, RESUME_FILE), '{"version":1,"jobs":[{"proj');
    const logs: string[] = [];
    expect(resumeRecordedJobs(workspace, jobsOfBackend(s.backend), (l) => logs.push(l))).toEqual([]);
    expect(logs).toEqual([`[jobs] ignored ${RESUME_FILE}: it is not a list of jobs to resume`]);
    expect(await s.api.call('projects.list', {})).toHaveLength(1);
    expect(existsSync(join(workspace, RESUME_FILE))).toBe(false);
    await s.backend.close();
  });
});
