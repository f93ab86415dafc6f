import type { JobDto, JobProgress } from '../../shared/api/dto';
import { ApiError } from '../../shared/rpc/errors';
import type { Db } from '../store/database';
import { finishJob, getJob, insertJob, listJobs, markStarted, saveProgress } from '../store/jobs-repo';
import type { JobLauncher, JobProcess } from './launcher';
import { ProgressMeter } from './progress-meter';

export interface JobRunnerEvents {
  onProgress(progress: JobProgress): void;
  onChange(job: JobDto): void;
}

interface Running {
  process: JobProcess;
  cancelTimer: NodeJS.Timeout | null;
  /** Why the job is being stopped: the user cancelled it, or the app is shutting down. */
  stopping: 'cancel' | 'shutdown' | null;
  /** True once the grace period ran out and the process was killed. */
  killedAfterGrace: boolean;
  settled: boolean;
}

/** The words a job stopped by the app's shutdown keeps, as markInterrupted writes them. */
const INTERRUPTED = { code: 'interrupted', message: 'the app stopped while this job ran' };

/**
 * Runs one project's jobs in separate processes. The runner is the only writer of job rows;
 * the worker reports progress and results by message. One job at a time per project: jobs
 * write the same tables, and two cores are better spent inside one job.
 */
export class JobRunner {
  private readonly running = new Map<number, Running>();

  constructor(
    private readonly db: Db,
    private readonly projectDir: string,
    private readonly resourcesDir: string,
    private readonly launcher: JobLauncher,
    private readonly events: JobRunnerEvents,
    private readonly cancelGraceMs = 5000,
  ) {}

  list(): JobDto[] {
    return listJobs(this.db);
  }

  get(id: number): JobDto {
    return getJob(this.db, id);
  }

  /** OS process id of a running job's process (undefined when it is not running). */
  processId(id: number): number | undefined {
    return this.running.get(id)?.process.pid;
  }

  activeCount(): number {
    return this.running.size;
  }

  start(kind: string, params: unknown): JobDto {
    if (this.running.size > 0) {
      const [id] = this.running.keys();
      throw new ApiError(
        'conflict',
        `job ${id} is still running in this project; wait for it or cancel it first`,
      );
    }
    const job = insertJob(this.db, kind, params);
    const proc = this.launcher();
    const entry: Running = {
      process: proc,
      cancelTimer: null,
      stopping: null,
      killedAfterGrace: false,
      settled: false,
    };
    this.running.set(job.id, entry);
    const meter = new ProgressMeter(job.id);
    let lastSaved = 0;

    proc.onMessage((message) => {
      if (entry.settled) return;
      if (message.type === 'progress') {
        const progress = meter.update(
          message.phase,
          message.done,
          message.total,
          message.fraction,
          message.metrics,
        );
        if (!progress) return;
        // Progress rows are for resuming views after a restart, not for live display: write rarely.
        if (performance.now() - lastSaved > 1000 || progress.done >= progress.total) {
          saveProgress(this.db, job.id, progress);
          lastSaved = performance.now();
        }
        this.events.onProgress(progress);
      } else if (message.type === 'result') {
        this.settle(job.id, entry, 'succeeded', { result: message.result });
      } else if (message.type === 'error') {
        if (message.code === 'cancelled') this.settleStopped(job.id, entry, message.message);
        else
          this.settle(job.id, entry, 'failed', { error: { code: message.code, message: message.message } });
      }
    });
    proc.onExit((_code, reason) => {
      if (entry.settled) return;
      if (entry.stopping) {
        this.settleStopped(job.id, entry);
      } else {
        const message = reason ?? 'job process ended without a result';
        this.settle(job.id, entry, 'failed', { error: { code: 'internal', message } });
      }
    });

    markStarted(this.db, job.id);
    proc.send({
      type: 'start',
      jobId: job.id,
      kind,
      params,
      projectDir: this.projectDir,
      resourcesDir: this.resourcesDir,
    });
    const started = getJob(this.db, job.id);
    this.events.onChange(started);
    return started;
  }

  /**
   * Starts a finished-but-unsuccessful job again with the same parameters. Kinds that keep
   * checkpoints (import, score) continue where the earlier attempt stopped.
   */
  resume(id: number): JobDto {
    const job = getJob(this.db, id);
    if (!['failed', 'cancelled', 'interrupted'].includes(job.status))
      throw new ApiError(
        'conflict',
        `job ${id} is ${job.status}; only a failed, cancelled or interrupted job can be resumed`,
      );
    return this.start(job.kind, job.params);
  }

  /** Ids of the jobs whose processes are running now. */
  activeIds(): number[] {
    return [...this.running.keys()];
  }

  /** Asks the job to stop; kills its process if it has not stopped within the grace period. */
  cancel(id: number): JobDto {
    this.stop(id, 'cancel');
    return getJob(this.db, id);
  }

  /**
   * Stops everything and waits until every job has settled (app shutdown). The jobs end
   * `interrupted`, not `cancelled`: the user stopped the app, not the jobs, and an interrupted
   * job is the one resumed at the next start (jobs/resume-on-start.ts).
   */
  async shutdown(): Promise<void> {
    for (const id of [...this.running.keys()]) this.stop(id, 'shutdown');
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private stop(id: number, why: 'cancel' | 'shutdown'): void {
    const entry = this.running.get(id);
    if (!entry) return; // already finished: stopping is a no-op
    // A shutdown outranks an earlier cancel: the job is then resumable as interrupted.
    if (entry.stopping !== 'shutdown') entry.stopping = why;
    entry.process.send({ type: 'cancel' });
    entry.cancelTimer ??= setTimeout(() => {
      entry.killedAfterGrace = true;
      entry.process.kill();
    }, this.cancelGraceMs);
  }

  /** Settles a job that stopped when asked (cleanly, with the worker's words, or killed after the grace period). */
  private settleStopped(id: number, entry: Running, workerMessage = 'the job was cancelled'): void {
    const killed = entry.killedAfterGrace
      ? `; it did not stop within ${formatSeconds(this.cancelGraceMs)}, so its process was killed`
      : '';
    if (entry.stopping === 'shutdown')
      this.settle(id, entry, 'interrupted', {
        error: { code: INTERRUPTED.code, message: INTERRUPTED.message + killed },
      });
    else
      this.settle(id, entry, 'cancelled', {
        error: { code: 'cancelled', message: workerMessage + killed },
      });
  }

  private settle(
    id: number,
    entry: Running,
    status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted',
    outcome: { result?: unknown; error?: { code: string; message: string } },
  ): void {
    entry.settled = true;
    if (entry.cancelTimer) clearTimeout(entry.cancelTimer);
    this.running.delete(id);
    finishJob(this.db, id, status, outcome);
    // The worker exits by itself after reporting; make sure a stuck one does not linger.
    setTimeout(() => entry.process.kill(), 2000).unref();
    this.events.onChange(getJob(this.db, id));
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
