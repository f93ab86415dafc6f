import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { JobStatus } from '../../shared/api/dto';
import type { Backend } from '../api/backend';
import { writeFileAtomic } from '../fsutil/atomic-write';

/*
 * Jobs stopped by quitting the app resume at its next start. At quit the running jobs (project
 * and job id) are written to one small JSON file in the workspace; the runner's shutdown leaves
 * them `interrupted`. At the next start each recorded job that is still `interrupted` is resumed
 * once, as jobs.resume would (checkpointed kinds continue where they stopped), and the file is
 * removed. The file is a convenience: missing or corrupt means "nothing to resume", and no
 * failure here may stop the app from starting or quitting.
 */

/** In the workspace, beside the projects: the leading dot keeps it from being taken for one. */
export const RESUME_FILE = '.datapress-resume.json';

export interface RecordedJob {
  project: string;
  jobId: number;
}

const fileSchema = z.object({
  version: z.literal(1),
  jobs: z.array(z.object({ project: z.string().min(1), jobId: z.number().int().positive() })),
});

/** What resuming needs of the backend (jobsOfBackend adapts the real one). */
export interface ResumableJobs {
  /** Throws when the project or the job no longer exists. */
  statusOf(project: string, jobId: number): JobStatus;
  /** Starts the job again with its parameters (jobs.resume); returns the new job's id. */
  resume(project: string, jobId: number): number;
}

type Log = (message: string) => void;

/** Writes the jobs a quit is stopping; nothing to record removes an older file. */
export function recordJobsToResume(workspace: string, jobs: readonly RecordedJob[], log: Log): void {
  const file = join(workspace, RESUME_FILE);
  try {
    if (jobs.length === 0) {
      rmSync(file, { force: true });
      return;
    }
    const body = JSON.stringify({ version: 1, jobs }, null, 2);
    writeFileAtomic(file, new TextEncoder().encode(body));
  } catch (error) {
    log(`[jobs] could not record the jobs to resume at the next start: ${messageOf(error)}`);
  }
}

/**
 * What quitting does to the backend: record the running jobs, then close it (its runners stop
 * the jobs, which end `interrupted`). The desktop app's will-quit runs this.
 */
export async function closeForQuit(
  backend: Pick<Backend, 'activeJobs' | 'close'>,
  workspace: string,
  log: Log,
): Promise<void> {
  recordJobsToResume(workspace, backend.activeJobs(), log);
  await backend.close();
}

/** The recorded jobs, or none when the file is missing or not what this app writes. */
export function readJobsToResume(workspace: string, log: Log): RecordedJob[] {
  let text: string;
  try {
    text = readFileSync(join(workspace, RESUME_FILE), 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.jobs;
  } catch {
    // not JSON: same as a wrong shape
  }
  log(`[jobs] ignored ${RESUME_FILE}: it is not a list of jobs to resume`);
  return [];
}

/**
 * Resumes the recorded jobs that are still interrupted, each once, then removes the file
 * (first, so a job that crashes the resume is not retried at every start). Returns what was
 * resumed: the recorded job and the id of the job that continues it.
 */
export function resumeRecordedJobs(
  workspace: string,
  jobs: ResumableJobs,
  log: Log,
): { project: string; jobId: number; resumedAs: number }[] {
  const recorded = readJobsToResume(workspace, log);
  try {
    rmSync(join(workspace, RESUME_FILE), { force: true });
  } catch (error) {
    log(`[jobs] could not remove ${RESUME_FILE}: ${messageOf(error)}`);
  }
  const resumed: { project: string; jobId: number; resumedAs: number }[] = [];
  const seen = new Set<string>();
  for (const { project, jobId } of recorded) {
    const key = `${project}#${jobId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      const status = jobs.statusOf(project, jobId);
      // Finished during the shutdown, or resumed by hand since: nothing to do.
      if (status !== 'interrupted') continue;
      resumed.push({ project, jobId, resumedAs: jobs.resume(project, jobId) });
      log(`[jobs] resumed job ${jobId} of "${project}" stopped by the last quit`);
    } catch (error) {
      log(`[jobs] could not resume job ${jobId} of "${project}"; it stays interrupted: ${messageOf(error)}`);
    }
  }
  return resumed;
}

/** The backend's projects and runners as ResumableJobs. */
export function jobsOfBackend(backend: Pick<Backend, 'registry' | 'runnerFor'>): ResumableJobs {
  // registry.get opens the project, which first marks jobs a crashed app left `running` as interrupted.
  const runner = (project: string) => backend.runnerFor(backend.registry.get(project));
  return {
    statusOf: (project, jobId) => runner(project).get(jobId).status,
    resume: (project, jobId) => runner(project).resume(jobId).id,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
