import type { DemoResultDto, TrainResultDto } from '../../shared/api/dto';
import { formatSeconds } from './progress-bar';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

/** The demo's short result table: the compressed set's accuracy beside the full data's. */
export function demoTable(r: DemoResultDto): string {
  const rows: [string, TrainResultDto][] = [[`compressed set (random, IPC ${r.ipc})`, r.compressed]];
  if (r.full) rows.push(['full training split', r.full]);
  const head = ['training data', 'images', 'epochs', 'test top-1', 'train time', 'img/s'];
  const body = rows.map(([name, t]) => [
    name,
    String(t.trainImages),
    String(t.epochs),
    pct(t.accuracy),
    formatSeconds(t.seconds),
    t.imagesPerSecond.toFixed(0),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ');
  const ratio =
    r.export.fullDatasetBytes > 0 ? r.export.images / (r.full?.trainImages ?? r.export.images) : 0;
  return [
    line(head),
    line(widths.map((w) => '─'.repeat(w))),
    ...body.map(line),
    '',
    `exported ${r.export.images} PNG images (${formatBytes(r.export.bytes)}) to ${r.export.dir}`,
    r.full ? `kept ${(ratio * 100).toFixed(1)} % of the training images` : '',
    `tensor backend: ${r.backend.name} — ${r.backend.reason}`,
    `total time: ${formatSeconds(r.seconds)}`,
  ]
    .filter((s) => s !== '')
    .join('\n');
}
