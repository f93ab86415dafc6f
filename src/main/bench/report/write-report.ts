/**
 * Writes a benchmark's report into a folder: report.html, results.csv, seeds.csv, results.json
 * and one PNG per plot (rendered by sharp from the same SVG the HTML inlines, at twice the size),
 * each file atomically.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { BenchResultDto } from '../../../shared/api/bench-dto';
import { benchResultRows, benchStorageRows } from '../../../shared/bench/bench-table';
import { writeFileAtomic } from '../../fsutil/atomic-write';
import { benchResultsCsv, benchSeedsCsv } from './report-csv';
import { benchReportHtml, type BenchReportOptions } from './report-html';
import { benchPlotSvg, benchReportPlots } from './report-plots';

export interface BenchReportFiles {
  html: string;
  csv: string;
  seedsCsv: string;
  json: string;
  /** The PNG files, in the report's order. */
  plots: string[];
}

/** Every plot file a report can have. */
export const ALL_PLOT_FILES = [
  'plot-accuracy-ipc-hard.png',
  'plot-accuracy-ipc-soft.png',
  'plot-accuracy-bytes.png',
];

/** PNG pixels per SVG unit: 2 gives sharp images on high-density screens and in documents. */
export const PLOT_PNG_SCALE = 2;

/** The JSON file's content: the whole result, the table rows, and what made it. */
export function benchReportJson(result: BenchResultDto, opts: BenchReportOptions): string {
  const doc = {
    format: 'datapress-bench-report',
    version: 1,
    generatedAt: opts.generatedAt,
    appVersion: opts.appVersion,
    result,
    rows: benchResultRows(result),
    storageRows: benchStorageRows(result),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Renders a standalone SVG to PNG with sharp (librsvg), at `scale` pixels per SVG unit. */
export async function svgToPng(svg: string, scale = PLOT_PNG_SCALE): Promise<Buffer> {
  return sharp(Buffer.from(svg, 'utf8'), { density: 72 * scale })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Writes the report files into `dir` (created if missing) and returns their paths. */
export async function writeBenchReport(
  dir: string,
  result: BenchResultDto,
  opts: BenchReportOptions,
): Promise<BenchReportFiles> {
  mkdirSync(dir, { recursive: true });
  const text = (s: string) => Buffer.from(s, 'utf8');
  const files: BenchReportFiles = {
    html: join(dir, 'report.html'),
    csv: join(dir, 'results.csv'),
    seedsCsv: join(dir, 'seeds.csv'),
    json: join(dir, 'results.json'),
    plots: [],
  };
  // Render every PNG before writing anything, so a rendering failure leaves the folder as it was.
  const plots = benchReportPlots(result);
  const pngs = await Promise.all(plots.map((plot) => svgToPng(benchPlotSvg(plot, 'standalone'))));
  writeFileAtomic(files.html, text(benchReportHtml(result, opts)));
  writeFileAtomic(files.csv, text(benchResultsCsv(result)));
  writeFileAtomic(files.seedsCsv, text(benchSeedsCsv(result)));
  writeFileAtomic(files.json, text(benchReportJson(result, opts)));
  plots.forEach((plot, i) => {
    const path = join(dir, plot.file);
    writeFileAtomic(path, pngs[i] as Buffer);
    files.plots.push(path);
  });
  // A plot an earlier report of the folder had and this one has not (a label mode no longer
  // present) would describe other results: remove it.
  for (const file of ALL_PLOT_FILES) {
    if (!plots.some((p) => p.file === file)) rmSync(join(dir, file), { force: true });
  }
  return files;
}
