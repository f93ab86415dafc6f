import type { JobProgress } from '../../shared/api/dto';

/**
 * Turns raw worker reports into user-facing progress: per-phase rate and ETA, and a throttle so
 * that at most `maxPerSecond` events leave (phase changes and completion always pass).
 */
export class ProgressMeter {
  private phase = '';
  private phaseStart = 0;
  private phaseStartDone = 0;
  private lastEmit = -Infinity;
  private lastPhaseEmitted = '';

  constructor(
    private readonly jobId: number,
    private readonly maxPerSecond = 5,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Returns the progress to publish, or null when throttled. */
  update(
    phase: string,
    done: number,
    total: number,
    fraction: number,
    metrics?: Record<string, number>,
  ): JobProgress | null {
    const t = this.now();
    if (phase !== this.phase) {
      this.phase = phase;
      this.phaseStart = t;
      this.phaseStartDone = done;
    }
    const elapsed = (t - this.phaseStart) / 1000;
    const rate = elapsed > 0.05 ? (done - this.phaseStartDone) / elapsed : 0;
    const etaSeconds = rate > 0 && total >= done ? (total - done) / rate : null;
    // A report carrying new metrics (an epoch ended) always passes: the chart needs every epoch.
    const force = phase !== this.lastPhaseEmitted || done >= total || metrics !== undefined;
    if (!force && t - this.lastEmit < 1000 / this.maxPerSecond) return null;
    this.lastEmit = t;
    this.lastPhaseEmitted = phase;
    return {
      jobId: this.jobId,
      phase,
      done,
      total,
      rate,
      etaSeconds,
      fraction,
      ...(metrics ? { metrics } : {}),
    };
  }
}
