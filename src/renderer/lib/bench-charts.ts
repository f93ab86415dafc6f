/**
 * The benchmark's charts for the panel: the series of each chart from a `BenchResultDto`, laid out
 * by the shared plot geometry (src/shared/bench/plot-geometry.ts). The report draws the same
 * charts; here they are smaller and drawn by a Svelte component.
 */
import type { BenchCellDto, BenchResultDto } from '../../shared/api/bench-dto';
import {
  BENCH_METHOD_LABEL,
  BENCH_METHODS,
  type BenchMethod,
  type LabelMode,
} from '../../shared/api/bench-params';
import { formatBytes, labelModesPresent } from '../../shared/bench/bench-table';
import {
  layoutPlot,
  seriesStyle,
  type LegendInput,
  type MarkerShape,
  type PlotGeometry,
  type PlotPointGeometry,
  type PlotSeriesInput,
  type SeriesStyle,
} from '../../shared/bench/plot-geometry';

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
/** In the bytes chart the label mode is the marker: filled circles hard, hollow diamonds soft. */
const MODE_MARKER: Record<LabelMode, MarkerShape> = { hard: 'circle', soft: 'diamond' };
const WIDTH = 540;
const HEIGHT = 300;

/** The methods a result has, in BENCH_METHODS order. */
export function methodsOf(result: BenchResultDto): BenchMethod[] {
  return BENCH_METHODS.filter(
    (m) => result.cells.some((c) => c.method === m) || result.sets.some((s) => s.method === m),
  );
}

/**
 * A method's style in every chart and table of one benchmark: its position among the benchmark's
 * methods (random, first when present, gets the neutral grey), as in the report.
 */
export function methodStyle(result: BenchResultDto, method: BenchMethod): SeriesStyle {
  const i = methodsOf(result).indexOf(method);
  return seriesStyle(i < 0 ? BENCH_METHODS.indexOf(method) : i);
}

function styleIndex(result: BenchResultDto, method: BenchMethod): number {
  const i = methodsOf(result).indexOf(method);
  return i < 0 ? BENCH_METHODS.indexOf(method) : i;
}

function accuracyPoint(cell: BenchCellDto) {
  return {
    x: cell.ipc,
    y: cell.mean === null ? null : cell.mean * 100,
    yErr: cell.std !== null && cell.runs.length > 1 ? cell.std * 100 : null,
  };
}

const pct = (v: number) => `${v.toFixed(1)}%`;

function pointText(p: PlotPointGeometry): string {
  return `${pct(p.y)}${p.yErr !== null ? ` ± ${p.yErr.toFixed(1)}` : ''}`;
}

/** "Random: IPC 1 21.0%, IPC 2 30.5%; Herding: …." */
function describeSeries(series: readonly PlotSeriesInput[], xText: (x: number) => string): string {
  const parts = series.map((s) => {
    const points = s.points
      .filter((p) => p.y !== null)
      .map((p) => `${xText(p.x)} ${pct(p.y as number)}`)
      .join(', ');
    return `${s.label}: ${points || 'no finished seed yet'}`;
  });
  return parts.length ? `${parts.join('; ')}.` : 'No cells.';
}

function teacherLine(result: BenchResultDto) {
  return result.teacherAccuracy === null
    ? []
    : [
        {
          value: result.teacherAccuracy * 100,
          label: `Teacher, full split: ${pct(result.teacherAccuracy * 100)}`,
        },
      ];
}

/** Byte ticks of a log axis: 1e4 → "10 KB". */
export function formatByteTick(value: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  let v = value;
  while (v >= 1000 && unit < units.length - 1) {
    v /= 1000;
    unit++;
  }
  return `${Number(v.toPrecision(3))} ${units[unit]}`;
}

/** Accuracy against IPC for one label mode: one series per method, bars ± one standard deviation. */
export function accuracyIpcChart(result: BenchResultDto, mode: LabelMode): BenchChart {
  const cells = result.cells.filter((c) => c.labels === mode);
  const series: PlotSeriesInput[] = methodsOf(result)
    .filter((m) => cells.some((c) => c.method === m))
    .map((method) => ({
      label: BENCH_METHOD_LABEL[method],
      styleIndex: styleIndex(result, method),
      points: cells.filter((c) => c.method === method).map(accuracyPoint),
    }));
  const title = `Accuracy against images per class, ${MODE_NAME[mode]}`;
  return {
    key: `accuracy-ipc-${mode}`,
    title,
    caption:
      `Test accuracy with ${MODE_NAME[mode]}, mean over seeds; bars span ± one standard deviation. ` +
      'Cells without a finished seed are left out.',
    description: describeSeries(series, (x) => `IPC ${x}`),
    geometry: layoutPlot(series, {
      width: WIDTH,
      height: HEIGHT,
      xScale: 'log',
      yBounds: [0, 100],
      xLabel: 'Images per class (IPC, log scale)',
      yLabel: 'Test accuracy (%)',
      dodge: series.length > 1 ? Math.min(4, 36 / series.length) : 0,
      yRefLines: teacherLine(result),
    }),
    pointTitle: (label, p) => `${label}, IPC ${p.x}: ${pointText(p)}`,
  };
}

/** Accuracy against stored bytes: one series per method and label mode; soft cells add their labels' bytes. */
export function accuracyBytesChart(result: BenchResultDto): BenchChart {
  const modes = labelModesPresent(result);
  const methods = methodsOf(result);
  const series: PlotSeriesInput[] = [];
  for (const mode of modes) {
    for (const method of methods) {
      const cells = result.cells.filter((c) => c.labels === mode && c.method === method);
      if (!cells.length) continue;
      series.push({
        label: `${BENCH_METHOD_LABEL[method]}, ${MODE_NAME[mode]}`,
        styleIndex: styleIndex(result, method),
        style: { marker: MODE_MARKER[mode], hollow: mode === 'soft' },
        points: cells.map((c) => ({ ...accuracyPoint(c), x: c.storageBytes })),
      });
    }
  }
  const legendEntries: LegendInput[] = [
    ...methods.map((method) => {
      const style = methodStyle(result, method);
      return { label: BENCH_METHOD_LABEL[method], color: style.color, dash: style.dash };
    }),
    ...modes.map((mode) => ({
      label: mode === 'hard' ? 'Hard labels: PNG bytes' : 'Soft labels: PNG + label bytes',
      marker: MODE_MARKER[mode],
      hollow: mode === 'soft',
    })),
  ];
  return {
    key: 'accuracy-bytes',
    title: 'Accuracy against stored bytes',
    caption:
      'Each cell at the bytes it needs: hard-label cells (filled circles) store only their images as PNG; ' +
      'soft-label cells (hollow diamonds) also store the teacher’s labels for every epoch.',
    description: describeSeries(series, (x) => formatBytes(x)),
    geometry: layoutPlot(series, {
      width: WIDTH,
      height: HEIGHT,
      xScale: 'log',
      yBounds: [0, 100],
      xLabel: 'Stored bytes (log scale)',
      yLabel: 'Test accuracy (%)',
      formatX: formatByteTick,
      legendEntries,
      xRefLines:
        result.fullPngBytes > 0 ? [{ value: result.fullPngBytes, label: 'Full training split' }] : [],
      yRefLines: teacherLine(result),
    }),
    pointTitle: (label, p) => `${label}, ${formatBytes(p.x)}: ${pointText(p)}`,
  };
}

/** The panel's charts: accuracy against IPC per label mode present, then accuracy against bytes. */
export function benchCharts(result: BenchResultDto): BenchChart[] {
  if (result.cells.length === 0) return [];
  return [...labelModesPresent(result).map((m) => accuracyIpcChart(result, m)), accuracyBytesChart(result)];
}
