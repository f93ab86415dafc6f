/**
 * Plot geometry for the benchmark's charts: data in, SVG coordinates out, no DOM. The report's
 * SVG writer (src/main/bench/report/svg-plot.ts) and a Svelte component can draw the same
 * layout. Everything is deterministic: the same input gives the same numbers, rounded to 0.01.
 *
 * Colour is never the only signal: every series style pairs a colour with a marker shape, a
 * dash pattern and a filled or hollow marker, and the legend shows all of them.
 */

export type AxisScale = 'linear' | 'log';

export type MarkerShape =
  'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross' | 'plus' | 'star';

export const MARKER_SHAPES: readonly MarkerShape[] = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'triangle-down',
  'cross',
  'plus',
  'star',
];

/**
 * Eight colours with at least 3:1 contrast against both a white and a near-black background
 * (WCAG's threshold for graphics), based on Okabe and Ito's colour-blind-safe palette. The
 * first is a neutral grey for a baseline.
 */
export const SERIES_COLORS: readonly string[] = [
  '#6f7f8f',
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#8e6bbf',
  '#b07a00',
  '#cc79a7',
  '#2f8fd8',
];

/** SVG `stroke-dasharray` values: dashed, solid (""), dotted. */
export const DASH_PATTERNS: readonly string[] = ['5 4', '', '1.5 3'];

export interface SeriesStyle {
  color: string;
  marker: MarkerShape;
  /** An SVG stroke-dasharray; "" is a solid line. */
  dash: string;
  /** Markers drawn as an outline instead of filled. */
  hollow: boolean;
}

/**
 * The style of the `index`-th series. Colour and marker cycle every 8, the dash every 3 and
 * hollow markers alternate every 8, so the first 24 indices all differ in a way that is not colour.
 */
export function seriesStyle(index: number): SeriesStyle {
  const i = Math.max(0, Math.floor(index));
  return {
    color: SERIES_COLORS[i % SERIES_COLORS.length] as string,
    marker: MARKER_SHAPES[i % MARKER_SHAPES.length] as MarkerShape,
    dash: DASH_PATTERNS[i % DASH_PATTERNS.length] as string,
    hollow: Math.floor(i / MARKER_SHAPES.length) % 2 === 1,
  };
}

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

/** Rounds to 0.01 so the output is compact and stable. */
export function round2(value: number): number {
  const r = Math.round(value * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

/** Removes float noise: 0.1 × 3 → 0.3. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** The smallest of 1, 2, 5 × 10ⁿ at or above `raw` (1 for anything not positive). */
export function niceStep(raw: number): number {
  if (!Number.isFinite(raw) || raw <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    if (m * power >= raw * (1 - 1e-9)) return clean(m * power);
  }
  return clean(10 * power);
}

/**
 * Linear ticks covering [lo, hi] in about `count` nice steps: the domain grows outwards to the
 * nearest multiples of the step (then is clipped to `bounds`).
 */
export function linearTicks(
  lo: number,
  hi: number,
  count = 5,
  bounds?: [number, number],
): { domain: [number, number]; step: number; ticks: number[] } {
  let a = Math.min(lo, hi);
  let b = Math.max(lo, hi);
  if (a === b) {
    const half = a === 0 ? 1 : Math.abs(a) * 0.05;
    a -= half;
    b += half;
  }
  const step = niceStep((b - a) / Math.max(1, count));
  let from = clean(Math.floor(a / step + 1e-9) * step);
  let to = clean(Math.ceil(b / step - 1e-9) * step);
  if (bounds) {
    from = Math.max(from, bounds[0]);
    to = Math.min(to, bounds[1]);
  }
  const ticks: number[] = [];
  for (let k = Math.ceil(from / step - 1e-9); k * step <= to + step * 1e-9; k++) ticks.push(clean(k * step));
  return { domain: [from, to], step, ticks };
}

/** Decimals that show a step of `step` exactly: 10 → 0, 0.5 → 1, 0.25 → 2. */
function decimalsFor(step: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 10;
}

/** Compact numbers for a log axis: 1, 20, 500, 1k, 20k, 5M, 0.5. */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  for (const [size, suffix] of [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (abs >= size) return `${clean(value / size)}${suffix}`;
  }
  return String(clean(value));
}

/**
 * A log domain around [lo, hi] with `pad` of the span (at least one decade) on each side, so the
 * extreme points do not sit on the frame. One value v gives [v/√10, v·√10].
 */
export function logDomain(lo: number, hi: number, pad = 0.06): [number, number] {
  if (!(lo > 0) || !(hi > 0)) return [1, 10];
  const a = Math.log10(Math.min(lo, hi));
  const b = Math.log10(Math.max(lo, hi));
  if (a === b) return [clean(10 ** (a - 0.5)), clean(10 ** (a + 0.5))];
  const p = Math.max(b - a, 1) * pad;
  return [clean(10 ** (a - p)), clean(10 ** (b + p))];
}

export interface LogTick {
  value: number;
  major: boolean;
  labelled: boolean;
}

/**
 * Ticks of a log axis over [lo, hi]: majors at the powers of ten, minors at 2…9 × 10ⁿ. Labels:
 * over more than 2.5 decades only the powers of ten (every other one past 8 of them); over 1 to
 * 2.5 decades also 2 and 5 × 10ⁿ; within one decade also 3 × 10ⁿ. Minor ticks are left out
 * past 6 decades. When fewer than two ticks would be labelled, every tick in range is.
 */
export function logTicks(lo: number, hi: number): LogTick[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const decades = Math.log10(hi / lo);
  const labelledMantissas = decades <= 1 ? [1, 2, 3, 5] : decades <= 2.5 ? [1, 2, 5] : [1];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const majorsInRange: number[] = [];
  for (let k = first; k <= last; k++) {
    const v = clean(10 ** k);
    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) majorsInRange.push(k);
  }
  const every = majorsInRange.length > 8 ? Math.ceil(majorsInRange.length / 8) : 1;
  const ticks: LogTick[] = [];
  for (let k = first; k <= last; k++) {
    for (let m = 1; m <= 9; m++) {
      const value = clean(m * 10 ** k);
      if (value < lo * (1 - 1e-9) || value > hi * (1 + 1e-9)) continue;
      const major = m === 1;
      if (!major && decades > 6) continue;
      const labelled = major ? k % every === 0 : labelledMantissas.includes(m);
      ticks.push({ value, major, labelled });
    }
  }
  if (ticks.filter((t) => t.labelled).length < 2) for (const t of ticks) t.labelled = true;
  return ticks;
}

/** SVG path data of a marker of "radius" `r` centred on (cx, cy); cross and plus are strokes only. */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r: number): string {
  const p = (x: number, y: number) => `${round2(cx + x)},${round2(cy + y)}`;
  const poly = (pts: [number, number][]) => `M${pts.map(([x, y]) => p(x, y)).join(' L')} Z`;
  switch (shape) {
    case 'circle':
      return `M${p(-r, 0)} A${round2(r)},${round2(r)} 0 1,0 ${p(r, 0)} A${round2(r)},${round2(r)} 0 1,0 ${p(-r, 0)} Z`;
    case 'square': {
      const s = r * 0.88;
      return poly([
        [-s, -s],
        [s, -s],
        [s, s],
        [-s, s],
      ]);
    }
    case 'triangle':
      return poly([
        [0, -r * 1.15],
        [r * 1.05, r * 0.75],
        [-r * 1.05, r * 0.75],
      ]);
    case 'triangle-down':
      return poly([
        [0, r * 1.15],
        [-r * 1.05, -r * 0.75],
        [r * 1.05, -r * 0.75],
      ]);
    case 'diamond':
      return poly([
        [0, -r * 1.2],
        [r * 1.2, 0],
        [0, r * 1.2],
        [-r * 1.2, 0],
      ]);
    case 'cross': {
      const s = r * 0.95;
      return `M${p(-s, -s)} L${p(s, s)} M${p(-s, s)} L${p(s, -s)}`;
    }
    case 'plus': {
      const s = r * 1.15;
      return `M${p(-s, 0)} L${p(s, 0)} M${p(0, -s)} L${p(0, s)}`;
    }
    case 'star': {
      const pts: [number, number][] = [];
      for (let i = 0; i < 10; i++) {
        const radius = i % 2 === 0 ? r * 1.3 : r * 0.55;
        const angle = -Math.PI / 2 + (i * Math.PI) / 5;
        pts.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
      }
      return poly(pts);
    }
  }
}

/** Whether a marker is drawn as strokes only (no area to fill). */
export function isStrokeMarker(shape: MarkerShape): boolean {
  return shape === 'cross' || shape === 'plus';
}

/** The text width a label is laid out for: 0.58 em per character (system-ui's average is lower). */
export function estimateTextWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.58;
}

const DEFAULT_MARGIN: PlotMargins = { top: 16, right: 20, bottom: 48, left: 56 };
const SWATCH = 30;

function usable(x: number, y: number | null, scale: AxisScale): y is number {
  return y !== null && Number.isFinite(y) && Number.isFinite(x) && (scale === 'linear' || x > 0);
}

/** Lays out a chart: axes, ticks, one line with markers and error bars per series, legend, labels. */
export function layoutPlot(series: readonly PlotSeriesInput[], opts: PlotOptions): PlotGeometry {
  const fontSize = opts.fontSize ?? 12;
  const markerSize = opts.markerSize ?? 4.5;
  const margin = { ...DEFAULT_MARGIN, ...opts.margin };
  const scale = opts.xScale;
  const width = opts.width;
  const formatY = opts.formatY;
  const formatX = opts.formatX ?? (scale === 'log' ? formatCompact : undefined);
  const legendMode = opts.legend ?? 'bottom';
  const lineHeight = round2(fontSize * 1.6);

  const styled = series.map((s, i) => ({
    input: s,
    style: { ...seriesStyle(s.styleIndex ?? i), ...s.style },
  }));
  const legendInputs: LegendInput[] = opts.legendEntries
    ? [...opts.legendEntries]
    : styled.map(({ input, style }) => ({
        label: input.label,
        color: style.color,
        marker: style.marker,
        hollow: style.hollow,
        dash: style.dash,
      }));

  // Room for the title, and for a right-hand legend.
  const top = margin.top + (opts.title ? round2(fontSize * 1.35 + 10) : 0);
  const legendTextWidth = Math.max(0, ...legendInputs.map((e) => estimateTextWidth(e.label, fontSize)));
  const legendColumn = SWATCH + 8 + legendTextWidth + 16;
  const right =
    legendMode === 'right' && legendInputs.length > 0 ? margin.right + legendColumn : margin.right;
  const x0 = margin.left;
  const x1 = Math.max(x0 + 1, width - right);
  const y0 = top;
  const y1 = Math.max(y0 + 1, opts.height - margin.bottom);

  // Domains.
  const drawn = styled.flatMap(({ input }) => input.points.filter((p) => usable(p.x, p.y, scale)));
  const xs = [
    ...drawn.map((p) => p.x),
    ...(opts.xRefLines ?? []).map((r) => r.value).filter((v) => scale === 'linear' || v > 0),
  ];
  const ys: number[] = [...(opts.yRefLines ?? []).map((r) => r.value)];
  for (const p of drawn) {
    const y = p.y as number;
    const e = p.yErr && Number.isFinite(p.yErr) ? Math.abs(p.yErr) : 0;
    ys.push(y - e, y + e);
  }
  let xDomain: [number, number];
  if (opts.xDomain) xDomain = [...opts.xDomain];
  else if (xs.length === 0) xDomain = scale === 'log' ? [1, 100] : [0, 1];
  else if (scale === 'log') xDomain = logDomain(Math.min(...xs), Math.max(...xs));
  else xDomain = linearTicks(Math.min(...xs), Math.max(...xs), 6).domain;

  let yTickValues: number[];
  let yStep: number;
  let yDomain: [number, number];
  if (opts.yDomain) {
    const t = linearTicks(opts.yDomain[0], opts.yDomain[1], 6);
    yDomain = [...opts.yDomain];
    yStep = t.step;
    yTickValues = t.ticks.filter((v) => v >= yDomain[0] - 1e-9 && v <= yDomain[1] + 1e-9);
  } else {
    const lo = ys.length ? Math.min(...ys) : (opts.yBounds?.[0] ?? 0);
    const hi = ys.length ? Math.max(...ys) : (opts.yBounds?.[1] ?? 1);
    const pad = (hi - lo) * 0.04;
    const t = linearTicks(lo - pad, hi + pad, 6, opts.yBounds);
    yDomain = t.domain;
    yStep = t.step;
    yTickValues = t.ticks;
  }

  const lx = (v: number) => (scale === 'log' ? Math.log10(v) : v);
  const [dx0, dx1] = [lx(xDomain[0]), lx(xDomain[1])];
  const px = (x: number) => round2(x0 + ((lx(x) - dx0) / (dx1 - dx0 || 1)) * (x1 - x0));
  const py = (y: number) => round2(y1 - ((y - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * (y1 - y0));

  // Ticks.
  let xTicks: AxisTick[];
  if (scale === 'log') {
    xTicks = logTicks(xDomain[0], xDomain[1]).map((t) => ({
      value: t.value,
      at: px(t.value),
      label: t.labelled ? (formatX as (v: number) => string)(t.value) : '',
      major: t.major,
    }));
  } else {
    const t = linearTicks(xDomain[0], xDomain[1], 6);
    const d = decimalsFor(t.step);
    xTicks = t.ticks
      .filter((v) => v >= xDomain[0] - 1e-9 && v <= xDomain[1] + 1e-9)
      .map((value) => ({
        value,
        at: px(value),
        label: formatX ? formatX(value) : value.toFixed(d),
        major: true,
      }));
  }
  const yDecimals = decimalsFor(yStep);
  const yTicks: AxisTick[] = yTickValues.map((value) => ({
    value,
    at: py(value),
    label: formatY ? formatY(value) : value.toFixed(yDecimals),
    major: true,
  }));

  // Series.
  const nonEmpty = styled.filter(({ input }) => input.points.some((p) => usable(p.x, p.y, scale)));
  const dodge = opts.dodge ?? 0;
  const capHalf = round2(Math.max(2.5, markerSize * 0.8));
  const seriesGeometry: SeriesGeometry[] = styled.map(({ input, style }) => {
    const rank = nonEmpty.findIndex((s) => s.input === input);
    const offset = rank < 0 ? 0 : (rank - (nonEmpty.length - 1) / 2) * dodge;
    const sorted = [...input.points].filter((p) => Number.isFinite(p.x)).sort((a, b) => a.x - b.x);
    const points: PlotPointGeometry[] = [];
    const runs: PlotPointGeometry[][] = [];
    let run: PlotPointGeometry[] = [];
    let skipped = input.points.length - sorted.length;
    for (const p of sorted) {
      if (!usable(p.x, p.y, scale)) {
        skipped++;
        if (run.length) runs.push(run);
        run = [];
        continue;
      }
      const err = p.yErr && Number.isFinite(p.yErr) && p.yErr !== 0 ? Math.abs(p.yErr) : null;
      const g = { x: p.x, y: p.y, yErr: err, px: round2(px(p.x) + offset), py: py(p.y) };
      points.push(g);
      run.push(g);
    }
    if (run.length) runs.push(run);
    const errorBars = points
      .filter((p) => p.yErr !== null)
      .map((p) => ({
        px: p.px,
        top: py(Math.min(p.y + (p.yErr as number), yDomain[1])),
        bottom: py(Math.max(p.y - (p.yErr as number), yDomain[0])),
        cap: capHalf,
      }));
    return {
      label: input.label,
      style,
      points,
      polylines: runs.filter((r) => r.length > 1).map((r) => r.map((p) => `${p.px},${p.py}`).join(' ')),
      errorBars,
      skipped,
    };
  });

  // Labels under and beside the axes.
  const xLabel = opts.xLabel
    ? { text: opts.xLabel, x: round2((x0 + x1) / 2), y: round2(y1 + fontSize * 2 + 14) }
    : null;
  const yLabel = opts.yLabel
    ? { text: opts.yLabel, x: round2(Math.max(fontSize, x0 - 44)), y: round2((y0 + y1) / 2) }
    : null;
  const title = opts.title ? { text: opts.title, x: x0, y: round2(margin.top + fontSize * 1.1) } : null;

  // Legend.
  let height = opts.height;
  const legend: LegendEntryGeometry[] = [];
  const entry = (e: LegendInput, x: number, y: number): LegendEntryGeometry => ({
    label: e.label,
    color: e.color ?? null,
    marker: e.marker ?? null,
    hollow: e.hollow ?? false,
    dash: e.dash ?? null,
    x: round2(x),
    y: round2(y),
    textX: round2(x + SWATCH / 2 + 8),
  });
  if (legendMode === 'right' && legendInputs.length > 0) {
    legendInputs.forEach((e, i) =>
      legend.push(entry(e, x1 + 16 + SWATCH / 2, y0 + lineHeight / 2 + i * lineHeight)),
    );
  } else if (legendMode === 'bottom' && legendInputs.length > 0) {
    const columnWidth = SWATCH + 8 + legendTextWidth + 24;
    const available = width - margin.left / 2 - 8;
    const columns = Math.max(1, Math.min(legendInputs.length, Math.floor(available / columnWidth)));
    const rows = Math.ceil(legendInputs.length / columns);
    const startY = opts.height + 2;
    legendInputs.forEach((e, i) => {
      // Column-major, so a column reads top to bottom in the series order.
      const column = Math.floor(i / rows);
      const row = i % rows;
      legend.push(
        entry(
          e,
          margin.left / 2 + SWATCH / 2 + column * columnWidth,
          startY + lineHeight / 2 + row * lineHeight,
        ),
      );
    });
    height = round2(opts.height + rows * lineHeight + 10);
  }

  // Reference lines.
  const refLines: RefLineGeometry[] = [];
  for (const r of opts.yRefLines ?? []) {
    if (r.value < yDomain[0] || r.value > yDomain[1]) continue;
    const y = py(r.value);
    refLines.push({
      axis: 'y',
      value: r.value,
      label: r.label,
      x1: x0,
      y1: y,
      x2: x1,
      y2: y,
      // At the left, clear of the label of a vertical line, which sits at the bottom.
      labelX: round2(x0 + 6),
      labelY: round2(y - 5),
      anchor: 'start',
    });
  }
  for (const r of opts.xRefLines ?? []) {
    if ((scale === 'log' && !(r.value > 0)) || r.value < xDomain[0] || r.value > xDomain[1]) continue;
    const x = px(r.value);
    const roomRight = x1 - x > estimateTextWidth(r.label, fontSize * 0.92) + 8;
    refLines.push({
      axis: 'x',
      value: r.value,
      label: r.label,
      x1: x,
      y1: y0,
      x2: x,
      y2: y1,
      labelX: round2(roomRight ? x + 5 : x - 5),
      // At the bottom, clear of the horizontal lines' labels at the top right.
      labelY: round2(y1 - 7),
      anchor: roomRight ? 'start' : 'end',
    });
  }

  return {
    width,
    height,
    fontSize,
    markerSize,
    frame: { x0, x1, y0, y1 },
    xScale: scale,
    xDomain,
    yDomain,
    xTicks,
    yTicks,
    series: seriesGeometry,
    legend,
    refLines,
    title,
    xLabel,
    yLabel,
    empty: nonEmpty.length === 0,
  };
}
