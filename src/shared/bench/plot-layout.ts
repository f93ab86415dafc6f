/**
 * Lays out a plot: data in, SVG coordinates out (the types of ./plot-geometry.ts), no DOM.
 * Everything is deterministic: the same input gives the same numbers, rounded to 0.01.
 */
import { decimalsFor, formatCompact, linearTicks, logDomain, logTicks, round2 } from './plot-axes';
import type {
  AxisScale,
  AxisTick,
  LegendEntryGeometry,
  LegendInput,
  PlotGeometry,
  PlotMargins,
  PlotOptions,
  PlotPointGeometry,
  PlotSeriesInput,
  RefLineGeometry,
  SeriesGeometry,
} from './plot-geometry';
import { seriesStyle } from './plot-style';

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
