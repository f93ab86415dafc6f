import type { JobProgress } from '../../shared/api/dto';

/** A one-line progress bar on stderr (stdout is kept for results). Silent when not a TTY. */
export class ProgressBar {
  private lastPhase = '';
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(p: JobProgress): void {
    const width = 28;
    const filled = Math.round(p.fraction * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const eta = p.etaSeconds === null ? '' : ` ETA ${formatSeconds(p.etaSeconds)}`;
    const rate = p.rate > 0 ? ` ${p.rate.toFixed(p.rate < 10 ? 1 : 0)}/s` : '';
    const line = `${bar} ${(p.fraction * 100).toFixed(0).padStart(3)}%  ${p.phase} ${p.done}/${p.total}${rate}${eta}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${line}`);
    } else if (p.phase !== this.lastPhase) {
      this.stream.write(`${p.phase}…\n`); // logs and CI get one line per phase, not a flood
    }
    this.lastPhase = p.phase;
  }

  done(): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[2K');
  }
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
