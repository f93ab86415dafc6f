/**
 * The benchmark's plots as series and layouts, from a `BenchResultDto`: accuracy against IPC per
 * label mode, and accuracy against stored bytes. Pure: the HTML report
 * (src/main/bench/report/report-html.ts) and the panel's charts (src/renderer/lib/bench-charts.ts)
 * build the same plots from here, each in its own size and words (`BenchPlotLook`).
 */
import type { BenchCellDto, BenchResultDto } from '../api/bench-dto';
import { BENCH_METHOD_LABEL, BENCH_METHODS, type BenchMethod, type LabelMode } from '../api/bench-params';
import { formatBytes, labelModesPresent } from './bench-table';
import type {
  LegendInput,
  PlotGeometry,
  PlotPointGeometry,
  PlotOptions,
  PlotSeriesInput,
} from './plot-geometry';
import { layoutPlot } from './plot-layout';
import { seriesStyle, type MarkerShape, type SeriesStyle } from './plot-style';

/** The methods a result has (a cell or a set), in BENCH_METHODS order. */
export function benchMethodsOf(result: BenchResultDto): BenchMethod[] {
  return BENCH_METHODS.filter(
    (m) => result.cells.some((c) => c.method === m) || result.sets.some((s) => s.method === m),
  );
}

/** The methods these cells have, in BENCH_METHODS order. */
export function methodsWithCells(cells: readonly BenchCellDto[]): BenchMethod[] {
  return BENCH_METHODS.filter((m) => cells.some((c) => c.method === m));
}

/**
 * A method's style in every plot and table of one benchmark: its position among the benchmark's
 * methods in BENCH_METHODS order, so up to 8 methods all get different colours (and random,
 * first when present, the neutral grey).
 */
export function methodStyleIndex(result: BenchResultDto, method: BenchMethod): number {
  const i = benchMethodsOf(result).indexOf(method);
  return i < 0 ? BENCH_METHODS.indexOf(method) : i;
}

export function methodStyle(result: BenchResultDto, method: BenchMethod): SeriesStyle {
  return seriesStyle(methodStyleIndex(result, method));
}

export type ByteTickUnit = 'TB' | 'PB';

/** Byte ticks of a log axis in decimal units up to `largest`: 1e4 → "10 KB", 2.5e8 → "250 MB". */
export function byteTickFormat(largest: ByteTickUnit): (value: number) => string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'].slice(0, largest === 'PB' ? 6 : 5);
  return (value) => {
    let unit = 0;
    let v = value;
    while (v >= 1000 && unit < units.length - 1) {
      v /= 1000;
      unit++;
    }
    return `${Number(v.toPrecision(3))} ${units[unit]}`;
  };
}

/** Byte ticks up to PB: 1e4 → "10 KB", 2.5e8 → "250 MB". */
export const formatByteTick = byteTickFormat('PB');

/** A cell as a point: x its IPC, y its mean in percent, a bar of ± one std when 2+ seeds finished. */
export function accuracyPoint(cell: BenchCellDto) {
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

/** "Random: IPC 1 21.0%, IPC 2 30.5%; Herding: …."; `noPoints` for a series without any. */
export function describeSeries(
  series: readonly PlotSeriesInput[],
  xText: (x: number) => string,
  noPoints: string,
): string {
  const parts = series.map((s) => {
    const points = s.points
      .filter((p) => p.y !== null)
      .map((p) => `${xText(p.x)} ${pct(p.y as number)}`)
      .join(', ');
    return `${s.label}: ${points || noPoints}`;
  });
  return parts.length ? `${parts.join('; ')}.` : 'No cells.';
}

/** Size and words of one reader's plots; the series, styles and numbers are the same in all. */
export interface BenchPlotLook {
  width: number;
  height: number;
  /** A series without a finished seed in the text alternative: "Random: no finished seeds". */
  noPoints: string;
  /** The teacher's reference line: "<teacher>: 80.0%". */
  teacher: string;
  /** The full training split's reference line in the bytes plot. */
  fullSplit: string;
  /** The bytes plot's legend entries for the label modes' markers. */
  modeLegend: Record<LabelMode, string>;
  /** The bytes plot's x tick labels. */
  formatByteTick: (value: number) => string;
}

/** A plot laid out, with its text alternative and its points' tooltips. */
export interface BenchPlotLayout {
  description: string;
  geometry: PlotGeometry;
  pointTitle: (seriesLabel: string, point: PlotPointGeometry) => string;
}

/** In series labels: "Random, hard labels". */
const MODE_WORDS: Record<LabelMode, string> = { hard: 'hard labels', soft: 'soft labels' };
/** In the bytes plot the label mode is the marker: filled circles hard, hollow diamonds soft. */
const MODE_MARKER: Record<LabelMode, MarkerShape> = { hard: 'circle', soft: 'diamond' };

/** What both plots share: a log x axis, accuracy in percent on y, and the teacher's line. */
function accuracyAxes(result: BenchResultDto, look: BenchPlotLook, title: string | undefined): PlotOptions {
  const teacher = result.teacherAccuracy;
  return {
    width: look.width,
    height: look.height,
    xScale: 'log',
    yBounds: [0, 100],
    title,
    yLabel: 'Test accuracy (%)',
    yRefLines:
      teacher === null ? [] : [{ value: teacher * 100, label: `${look.teacher}: ${pct(teacher * 100)}` }],
  };
}

/**
 * Accuracy against IPC for one label mode: one series per method, bars ± one standard deviation,
 * points at the same IPC spread a few pixels sideways. `title`, when given, is drawn in the plot.
 */
export function accuracyIpcLayout(
  result: BenchResultDto,
  mode: LabelMode,
  look: BenchPlotLook,
  title?: string,
): BenchPlotLayout {
  const cells = result.cells.filter((c) => c.labels === mode);
  const series: PlotSeriesInput[] = methodsWithCells(cells).map((method) => ({
    label: BENCH_METHOD_LABEL[method],
    styleIndex: methodStyleIndex(result, method),
    points: cells.filter((c) => c.method === method).map(accuracyPoint),
  }));
  return {
    description: describeSeries(series, (x) => `IPC ${x}`, look.noPoints),
    geometry: layoutPlot(series, {
      ...accuracyAxes(result, look, title),
      xLabel: 'Images per class (IPC, log scale)',
      dodge: series.length > 1 ? Math.min(4, 36 / series.length) : 0,
    }),
    pointTitle: (label, p) => `${label}, IPC ${p.x}: ${pointText(p)}`,
  };
}

/**
 * Accuracy against stored bytes: one series per method and label mode present, hard cells at their
 * PNG bytes, soft cells with the soft labels' bytes added. The legend lists `legendMethods`' styles,
 * then the label modes' markers. `title`, when given, is drawn in the plot.
 */
export function accuracyBytesLayout(
  result: BenchResultDto,
  legendMethods: readonly BenchMethod[],
  look: BenchPlotLook,
  title?: string,
): BenchPlotLayout {
  const modes = labelModesPresent(result);
  const series: PlotSeriesInput[] = [];
  for (const mode of modes) {
    for (const method of methodsWithCells(result.cells)) {
      const cells = result.cells.filter((c) => c.labels === mode && c.method === method);
      if (!cells.length) continue;
      series.push({
        label: `${BENCH_METHOD_LABEL[method]}, ${MODE_WORDS[mode]}`,
        styleIndex: methodStyleIndex(result, method),
        style: { marker: MODE_MARKER[mode], hollow: mode === 'soft' },
        points: cells.map((c) => ({ ...accuracyPoint(c), x: c.storageBytes })),
      });
    }
  }
  const legendEntries: LegendInput[] = [
    ...legendMethods.map((method) => {
      const style = methodStyle(result, method);
      return { label: BENCH_METHOD_LABEL[method], color: style.color, dash: style.dash };
    }),
    ...modes.map((mode) => ({
      label: look.modeLegend[mode],
      marker: MODE_MARKER[mode],
      hollow: mode === 'soft',
    })),
  ];
  return {
    description: describeSeries(series, formatBytes, look.noPoints),
    geometry: layoutPlot(series, {
      ...accuracyAxes(result, look, title),
      xLabel: 'Stored bytes (log scale)',
      formatX: look.formatByteTick,
      legendEntries,
      xRefLines: result.fullPngBytes > 0 ? [{ value: result.fullPngBytes, label: look.fullSplit }] : [],
    }),
    pointTitle: (label, p) => `${label}, ${formatBytes(p.x)}: ${pointText(p)}`,
  };
}
