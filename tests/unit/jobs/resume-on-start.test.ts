import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/shared/api/dto';
import {
  readJobsToResume,
  recordJobsToResume,
  RESUME_FILE,
  resumeRecordedJobs,
  type ResumableJobs,
} from '../../../src/main/jobs/resume-on-start';
import { useTempDirs } from '../../helpers/temp-dir';

/* The resume file and what the next start does with it, against a scripted set of jobs. */

const tempDir = useTempDirs();

function fakeJobs(statuses: Record<string, JobStatus>, failing: string[] = []) {
  const resumed: string[] = [];
  let next = 100;
  const jobs: ResumableJobs = {
    statusOf(project, jobId) {
      const status = statuses[`${project}#${jobId}`];
      if (!status) throw new Error(`job ${jobId} does not exist in this project`);
      return status;
    },
    resume(project, jobId) {
      if (failing.includes(`${project}#${jobId}`)) throw new Error('job 3 is still running in this project');
      resumed.push(`${project}#${jobId}`);
      return next++;
    },
  };
  return { jobs, resumed };
}

describe('jobs stopped by a quit resume at the next start', () => {
  it('records the running jobs atomically and reads them back', () => {
    const ws = tempDir();
    const logs: string[] = [];
    recordJobsToResume(
      ws,
      [
        { project: 'a', jobId: 3 },
        { project: 'b', jobId: 1 },
      ],
      (l) => logs.push(l),
    );
    expect(JSON.parse(readFileSync(join(ws, RESUME_FILE), 'utf8'))).toEqual({
      version: 1,
      jobs: [
        { project: 'a', jobId: 3 },
        { project: 'b', jobId: 1 },
      ],
    });
    expect(readdirSync(ws)).toEqual([RESUME_FILE]); // no temporary file left beside it
    expect(readJobsToResume(ws, (l) => logs.push(l))).toHaveLength(2);
    // Quitting with nothing running removes an older record.
    recordJobsToResume(ws, [], (l) => logs.push(l));
    expect(existsSync(join(ws, RESUME_FILE))).toBe(false);
    expect(logs).toEqual([]);
  });

  it('resumes each recorded job still interrupted, once, and removes the file', () => {
    const ws = tempDir();
    recordJobsToResume(
      ws,
      [
        { project: 'a', jobId: 3 },
        { project: 'a', jobId: 3 },
        { project: 'b', jobId: 1 },
        { project: 'c', jobId: 2 },
      ],
      () => {},
    );
    const { jobs, resumed } = fakeJobs({ 'a#3': 'interrupted', 'b#1': 'succeeded', 'c#2': 'interrupted' });
    const logs: string[] = [];
    expect(resumeRecordedJobs(ws, jobs, (l) => logs.push(l))).toEqual([
      { project: 'a', jobId: 3, resumedAs: 100 },
      { project: 'c', jobId: 2, resumedAs: 101 },
    ]);
    expect(resumed).toEqual(['a#3', 'c#2']); // b finished during the shutdown: left alone
    expect(existsSync(join(ws, RESUME_FILE))).toBe(false);
    expect(resumeRecordedJobs(ws, jobs, () => {})).toEqual([]); // and not again at the start after
    expect(logs).toHaveLength(2);
  });

  it('leaves a job that cannot resume interrupted, with a log line, and goes on', () => {
    const ws = tempDir();
    const recorded = [
      { project: 'gone', jobId: 1 },
      { project: 'busy', jobId: 2 },
      { project: 'ok', jobId: 3 },
    ];
    recordJobsToResume(ws, recorded, () => {});
    const { jobs, resumed } = fakeJobs({ 'busy#2': 'interrupted', 'ok#3': 'interrupted' }, ['busy#2']);
    const logs: string[] = [];
    expect(resumeRecordedJobs(ws, jobs, (l) => logs.push(l)).map((r) => r.project)).toEqual(['ok']);
    expect(resumed).toEqual(['ok#3']);
    expect(logs.filter((l) => /could not resume/.test(l))).toEqual([
      '[jobs] could not resume job 1 of "gone"; it stays interrupted: job 1 does not exist in this project',
      '[jobs] could not resume job 2 of "busy"; it stays interrupted: job 3 is still running in this project',
    ]);
    expect(existsSync(join(ws, RESUME_FILE))).toBe(false);
  });

  it('ignores and removes a corrupt or foreign file', () => {
    for (const body of ['{"version":1,"jobs":[{"project":"a"', '{"version":2,"jobs":[]}', '[1,2,3]', '']) {
      const ws = tempDir();
      writeFileSync(join(ws, RESUME_FILE), body);
      const { jobs, resumed } = fakeJobs({ 'a#1': 'interrupted' });
      const logs: string[] = [];
      expect(resumeRecordedJobs(ws, jobs, (l) => logs.push(l))).toEqual([]);
      expect(resumed).toEqual([]);
      expect(logs).toEqual([`[jobs] ignored ${RESUME_FILE}: it is not a list of jobs to resume`]);
      expect(existsSync(join(ws, RESUME_FILE))).toBe(false);
    }
    // No file at all: nothing to do, nothing to say.
    const logs: string[] = [];
    expect(resumeRecordedJobs(tempDir(), fakeJobs({}).jobs, (l) => logs.push(l))).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('logs instead of throwing when the record cannot be written', () => {
    const logs: string[] = [];
    recordJobsToResume(join(tempDir(), 'no', 'such', 'folder'), [{ project: 'a', jobId: 1 }], (l) =>
      logs.push(l),
    );
    expect(logs[0]).toMatch(/could not record the jobs to resume/);
  });
});
