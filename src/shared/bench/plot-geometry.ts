/**
 * Plot geometry for the benchmark's charts: what a plot is laid out from (series and options) and
 * what it is laid out to by ./plot-layout.ts (SVG coordinates, no DOM). The report's SVG writer
 * (src/main/bench/report/svg-plot.ts) and a Svelte component can draw the same layout.
 */
import type { MarkerShape, SeriesStyle } from './plot-style';

export type AxisScale = 'linear' | 'log';

export interface PlotPointInput {
  x: number;
  /** null: a missing value (a cell without finished seeds); it is skipped and breaks the line. */
  y: number | null;
  /** Half the error bar's length, in y units (a standard deviation); none when absent or 0. */
  yErr?: number | null;
}

export interface PlotSeriesInput {
  label: string;
  points: readonly PlotPointInput[];
  /** Which `seriesStyle` to use (default: the series' position), then any overrides. */
  styleIndex?: number;
  style?: Partial<SeriesStyle>;
}

export interface LegendInput {
  label: string;
  /** Absent: the text colour (an entry that explains a marker or a line, not a series). */
  color?: string;
  marker?: MarkerShape | null;
  hollow?: boolean;
  /** A line sample with this dash; absent or null: no line. */
  dash?: string | null;
}

export interface RefLineInput {
  value: number;
  label: string;
}

export interface PlotMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotOptions {
  /** The SVG's width, and the height of the chart without a bottom legend (which adds its rows). */
  width: number;
  height: number;
  margin?: Partial<PlotMargins>;
  xScale: AxisScale;
  /** Fixed domains; otherwise from the data, the error bars and the reference lines. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Bounds the automatic y domain never crosses (0 and 100 for a percentage). */
  yBounds?: [number, number];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  formatX?: (value: number) => string;
  formatY?: (value: number) => string;
  /** Default 'bottom'. */
  legend?: 'bottom' | 'right' | 'none';
  /** Replaces the one-entry-per-series legend. */
  legendEntries?: readonly LegendInput[];
  /** Spreads series sharing an x by this many pixels each, so their error bars do not overlap. */
  dodge?: number;
  xRefLines?: readonly RefLineInput[];
  yRefLines?: readonly RefLineInput[];
  fontSize?: number;
  markerSize?: number;
}

export interface AxisTick {
  value: number;
  /** Position along the axis in SVG units. */
  at: number;
  /** "" for an unlabelled minor tick. */
  label: string;
  major: boolean;
}

export interface PlotPointGeometry {
  x: number;
  y: number;
  yErr: number | null;
  px: number;
  py: number;
}

export interface ErrorBarGeometry {
  px: number;
  /** y of the upper and lower ends (top < bottom in SVG units). */
  top: number;
  bottom: number;
  /** Half the width of the caps. */
  cap: number;
}

export interface SeriesGeometry {
  label: string;
  style: SeriesStyle;
  /** The drawn points (finite, and positive on a log axis), in x order. */
  points: PlotPointGeometry[];
  /** SVG `points` attributes, one per unbroken run of points (a missing value breaks the line). */
  polylines: string[];
  errorBars: ErrorBarGeometry[];
  /** Points left out: missing values, or x ≤ 0 on a log axis. */
  skipped: number;
}

export interface LegendEntryGeometry {
  label: string;
  color: string | null;
  marker: MarkerShape | null;
  hollow: boolean;
  dash: string | null;
  /** The centre of the swatch, and where the text starts (baseline at `y`, middle-aligned). */
  x: number;
  y: number;
  textX: number;
}

export interface RefLineGeometry {
  axis: 'x' | 'y';
  value: number;
  label: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Where the label goes and its anchor. */
  labelX: number;
  labelY: number;
  anchor: 'start' | 'end';
}

export interface TextGeometry {
  text: string;
  x: number;
  y: number;
}

export interface PlotGeometry {
  width: number;
  height: number;
  fontSize: number;
  markerSize: number;
  /** The plotting area: x from x0 to x1, y from y0 (top) to y1 (bottom). */
  frame: { x0: number; x1: number; y0: number; y1: number };
  xScale: AxisScale;
  xDomain: [number, number];
  yDomain: [number, number];
  xTicks: AxisTick[];
  yTicks: AxisTick[];
  series: SeriesGeometry[];
  legend: LegendEntryGeometry[];
  refLines: RefLineGeometry[];
  title: TextGeometry | null;
  xLabel: TextGeometry | null;
  /** Drawn rotated by −90° about (x, y). */
  yLabel: TextGeometry | null;
  /** No series has a point to draw. */
  empty: boolean;
}
