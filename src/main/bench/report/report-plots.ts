/**
 * The report's plots, laid out by src/shared/bench/bench-plots.ts in the report's size and words:
 * accuracy against IPC per label mode and accuracy against stored bytes, each with its caption,
 * drawn inline in the HTML and standalone for the PNG files.
 */
import type { BenchResultDto } from '../../../shared/api/bench-dto';
import type { LabelMode } from '../../../shared/api/bench-params';
import {
  accuracyBytesLayout,
  accuracyIpcLayout,
  formatByteTick,
  methodsWithCells,
  type BenchPlotLook,
} from '../../../shared/bench/bench-plots';
import { labelModesPresent } from '../../../shared/bench/bench-table';
import type { PlotGeometry, PlotPointGeometry } from '../../../shared/bench/plot-geometry';
import { renderPlotSvg } from './svg-plot';

export type BenchPlotKey = 'accuracy-ipc-hard' | 'accuracy-ipc-soft' | 'accuracy-bytes';

/** One plot of the report, laid out; drawn inline in the HTML and to a PNG file. */
export interface BenchPlot {
  key: BenchPlotKey;
  /** The PNG file name: plot-<key>.png. */
  file: string;
  title: string;
  /** What the plot shows, for the caption. */
  caption: string;
  /** A text alternative listing every point, for screen readers (<desc>). */
  description: string;
  geometry: PlotGeometry;
  pointTitle: (seriesLabel: string, point: PlotPointGeometry) => string;
}

/** The report's names of the label modes (also the results table's group headings). */
export const MODE_NAME: Record<LabelMode, string> = { hard: 'Hard labels', soft: 'Soft labels' };

const REPORT_LOOK: BenchPlotLook = {
  width: 760,
  height: 400,
  noPoints: 'no finished seeds',
  teacher: 'Teacher on the full split',
  fullSplit: 'Full training split (PNG)',
  modeLegend: { hard: 'Hard labels (PNG bytes)', soft: 'Soft labels (PNG + soft-label bytes)' },
  formatByteTick,
};

/** Accuracy against IPC for one label mode: one series per method, error bars = std over seeds. */
function accuracyIpcPlot(result: BenchResultDto, mode: LabelMode): BenchPlot {
  const title = `Accuracy against images per class: ${MODE_NAME[mode].toLowerCase()}`;
  const { description, geometry, pointTitle } = accuracyIpcLayout(result, mode, REPORT_LOOK, title);
  return {
    key: mode === 'hard' ? 'accuracy-ipc-hard' : 'accuracy-ipc-soft',
    file: `plot-accuracy-ipc-${mode}.png`,
    title,
    caption:
      `Top-1 test accuracy with ${MODE_NAME[mode].toLowerCase()}, mean over seeds; bars span ± one standard deviation. ` +
      'Points at the same IPC are spread a few pixels sideways so their bars stay apart. Cells without a finished seed are left out.',
    description,
    geometry,
    pointTitle,
  };
}

/** Accuracy against stored bytes: hard cells at their PNG bytes, soft cells with the soft labels added. */
function accuracyBytesPlot(result: BenchResultDto): BenchPlot {
  const title = 'Accuracy against stored bytes';
  const legendMethods = methodsWithCells(result.cells);
  const { description, geometry, pointTitle } = accuracyBytesLayout(
    result,
    legendMethods,
    REPORT_LOOK,
    title,
  );
  return {
    key: 'accuracy-bytes',
    file: 'plot-accuracy-bytes.png',
    title,
    caption:
      'Each cell at the bytes it needs: hard-label cells (filled circles) store only their PNG images; ' +
      'soft-label cells (hollow diamonds) also store the teacher’s labels for every epoch (float16). Lines join a method’s IPCs.',
    description,
    geometry,
    pointTitle,
  };
}

/** The report's plots: accuracy against IPC per label mode present, then accuracy against bytes. */
export function benchReportPlots(result: BenchResultDto): BenchPlot[] {
  const modes = labelModesPresent(result);
  return [...modes.map((m) => accuracyIpcPlot(result, m)), accuracyBytesPlot(result)];
}

/** A plot as SVG: inline for the HTML (inherits the page's colours), or standalone on white for a PNG. */
export function benchPlotSvg(plot: BenchPlot, kind: 'inline' | 'standalone'): string {
  return renderPlotSvg(plot.geometry, {
    title: plot.title,
    description: plot.description,
    standalone: kind === 'standalone',
    background: kind === 'standalone' ? '#ffffff' : null,
    foreground: kind === 'standalone' ? '#1f2328' : 'currentColor',
    surface: '#ffffff',
    pointTitle: plot.pointTitle,
    emptyText: 'No cell has a finished seed yet',
  });
}
