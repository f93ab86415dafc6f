import type { JobDto, JobProgress, JobStatus } from '../../shared/api/dto';
import { newest, newestFirst } from './newest';

const TERMINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.has(status);
}

/** How far along a status is; a job never moves back (events and replies can cross on the wire). */
function stage(status: JobStatus): number {
  return status === 'queued' ? 0 : status === 'running' ? 1 : 2;
}

/**
 * Puts a job snapshot into the list, newest first. A snapshot older than what the list holds
 * (a `queued` reply arriving after a `running` event) does not overwrite it.
 */
export function upsertJob(jobs: readonly JobDto[], job: JobDto): JobDto[] {
  const existing = jobs.find((j) => j.id === job.id);
  if (existing && stage(existing.status) > stage(job.status)) return [...jobs];
  const rest = jobs.filter((j) => j.id !== job.id);
  return newestFirst([...rest, job]);
}

/** Replaces the list with a fresh listing while keeping any newer snapshots already seen. */
export function mergeJobList(current: readonly JobDto[], listed: readonly JobDto[]): JobDto[] {
  let out = newestFirst(listed);
  for (const job of current) if (out.some((j) => j.id === job.id)) out = upsertJob(out, job);
  return out;
}

export type ProgressMap = Readonly<Record<number, JobProgress>>;

export function recordProgress(map: ProgressMap, progress: JobProgress): ProgressMap {
  return { ...map, [progress.jobId]: progress };
}

/** The freshest progress known for a job: a streamed event beats the snapshot in the job row. */
export function progressOf(job: JobDto, map: ProgressMap): JobProgress | null {
  return map[job.id] ?? job.progress ?? null;
}

const STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

export function statusLabel(status: JobStatus): string {
  return STATUS_LABELS[status] ?? status;
}

/** The newest job of a kind, if any (what a panel shows when a project opens). */
export function latestJobOfKind(jobs: readonly JobDto[], kind: string): JobDto | null {
  return newest(jobs.filter((j) => j.kind === kind));
}

/** The job the demo panel should show when a project opens: the newest demo job, if any. */
export function latestDemoJob(jobs: readonly JobDto[]): JobDto | null {
  return latestJobOfKind(jobs, 'demo');
}

const KIND_LABELS: Record<string, string> = { demo: 'Demo', import: 'Import', export: 'Export' };

/** "import" → "Import": a job kind as a title word. */
export function jobKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? (kind ? kind[0]!.toUpperCase() + kind.slice(1) : 'Job');
}
