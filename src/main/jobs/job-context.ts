import type { Db } from '../store/database';
import type { ProjectPaths } from '../store/project-store';

/** What a job kind gets inside its worker process. */
export interface JobContext {
  jobId: number;
  params: unknown;
  db: Db;
  paths: ProjectPaths;
  resourcesDir: string;
  /** Reports progress within a phase; `fraction` is the overall 0..1 across all phases. */
  progress(
    phase: string,
    done: number,
    total: number,
    fraction: number,
    metrics?: Record<string, number>,
  ): void;
  /** True once the user asked to cancel; long loops check it between steps. */
  shouldStop(): boolean;
  /** Throws a `cancelled` ApiError when the user asked to cancel. */
  checkCancelled(): void;
  log(message: string): void;
}

export type JobKindRunner = (ctx: JobContext) => Promise<unknown>;

/**
 * Splits a job's overall progress into weighted phases, so one bar moves smoothly from 0 to 1
 * while each phase reports its own done/total.
 */
export class PhasePlan {
  private readonly offsets = new Map<string, { start: number; weight: number }>();

  constructor(phases: readonly (readonly [name: string, weight: number])[]) {
    const total = phases.reduce((sum, [, w]) => sum + w, 0) || 1;
    let start = 0;
    for (const [name, weight] of phases) {
      this.offsets.set(name, { start: start / total, weight: weight / total });
      start += weight;
    }
  }

  fraction(phase: string, done: number, total: number): number {
    const entry = this.offsets.get(phase);
    if (!entry) return 0;
    const within = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    return entry.start + entry.weight * within;
  }
}
