/**
 * The benchmark's charts for the panel: the plots of src/shared/bench/bench-plots.ts (the same
 * series the report draws), smaller and in the panel's words, drawn by a Svelte component.
 */
import type { BenchResultDto } from '../../shared/api/bench-dto';
import type { LabelMode } from '../../shared/api/bench-params';
import {
  accuracyBytesLayout,
  accuracyIpcLayout,
  benchMethodsOf,
  byteTickFormat,
  type BenchPlotLook,
} from '../../shared/bench/bench-plots';
import { labelModesPresent } from '../../shared/bench/bench-table';
import type { PlotGeometry, PlotPointGeometry } from '../../shared/bench/plot-geometry';

export interface BenchChart {
  key: string;
  title: string;
  /** What the chart shows and how to read it. */
  caption: string;
  /** Every point in words: the chart's text alternative. */
  description: string;
  geometry: PlotGeometry;
  /** A point's tooltip. */
  pointTitle: (seriesLabel: string, point: PlotPointGeometry) => string;
}

const MODE_NAME: Record<LabelMode, string> = { hard: 'hard labels', soft: 'soft labels' };

const PANEL_LOOK: BenchPlotLook = {
  width: 540,
  height: 300,
  noPoints: 'no finished seed yet',
  teacher: 'Teacher, full split',
  fullSplit: 'Full training split',
  modeLegend: { hard: 'Hard labels: PNG bytes', soft: 'Soft labels: PNG + label bytes' },
  formatByteTick: byteTickFormat('TB'),
};

/** Accuracy against IPC for one label mode: one series per method, bars ± one standard deviation. */
export function accuracyIpcChart(result: BenchResultDto, mode: LabelMode): BenchChart {
  const { description, geometry, pointTitle } = accuracyIpcLayout(result, mode, PANEL_LOOK);
  return {
    key: `accuracy-ipc-${mode}`,
    title: `Accuracy against images per class, ${MODE_NAME[mode]}`,
    caption:
      `Test accuracy with ${MODE_NAME[mode]}, mean over seeds; bars span ± one standard deviation. ` +
      'Cells without a finished seed are left out.',
    description,
    geometry,
    pointTitle,
  };
}

/** Accuracy against stored bytes: one series per method and label mode; soft cells add their labels' bytes. */
export function accuracyBytesChart(result: BenchResultDto): BenchChart {
  const { description, geometry, pointTitle } = accuracyBytesLayout(
    result,
    benchMethodsOf(result),
    PANEL_LOOK,
  );
  return {
    key: 'accuracy-bytes',
    title: 'Accuracy against stored bytes',
    caption:
      'Each cell at the bytes it needs: hard-label cells (filled circles) store only their images as PNG; ' +
      'soft-label cells (hollow diamonds) also store the teacher’s labels for every epoch.',
    description,
    geometry,
    pointTitle,
  };
}

/** The panel's charts: accuracy against IPC per label mode present, then accuracy against bytes. */
export function benchCharts(result: BenchResultDto): BenchChart[] {
  if (result.cells.length === 0) return [];
  return [...labelModesPresent(result).map((m) => accuracyIpcChart(result, m)), accuracyBytesChart(result)];
}
