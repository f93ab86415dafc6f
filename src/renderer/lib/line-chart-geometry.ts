import type { PlotBox } from './histogram-geometry';

export type { PlotBox };

/** One line of a chart: its points in data units, and which y axis it is read against. */
export interface ChartSeries {
  id: string;
  label: string;
  axis: 'left' | 'right';
  points: readonly { x: number; y: number }[];
}

export interface Tick {
  value: number;
  /** Position along its axis, in SVG units. */
  at: number;
}

export interface ChartLine {
  id: string;
  /** SVG path data through the points in x order ("" for no points). */
  path: string;
  points: { x: number; y: number; px: number; py: number }[];
}

export interface ChartLayout {
  /** The plot's corners: x from x0 to x1, y from y0 (top) to y1 (baseline). */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xMax: number;
  leftMax: number;
  rightMax: number;
  xTicks: Tick[];
  leftTicks: Tick[];
  rightTicks: Tick[];
  lines: ChartLine[];
}

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (1 for nothing positive). */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const candidate = m * power;
    // Float noise (0.1 × 3 = 0.30000000000000004) must not push a value past its own step.
    if (candidate >= value * (1 - 1e-12)) return Number(candidate.toPrecision(12));
  }
  return 10 * power;
}

/** Ticks from 0 in nice steps up to the first step at or above `max`: about `count` intervals. */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceCeiling((max > 0 ? max : 1) / count);
  const steps = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Whole-number x ticks from 1 to `xMax`: every one up to 10, else nice steps (plus the last). */
export function epochTicks(xMax: number): number[] {
  const last = Math.max(1, Math.floor(xMax));
  if (last <= 10) return Array.from({ length: last }, (_, i) => i + 1);
  const step = Math.max(1, Math.round(niceCeiling(last / 5)));
  const ticks = [1];
  for (let v = step; v < last; v += step) if (v > 1) ticks.push(v);
  ticks.push(last);
  return ticks;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Lays out lines over x from 1 to `xMax` (at least 2, so one point sits at the left edge of a
 * real axis) against two y axes from 0: the left one's top is a nice ceiling of its series'
 * largest value (or `leftMax`), the right one's is `rightMax` (1 for a fraction).
 */
export function layoutLineChart(
  series: readonly ChartSeries[],
  box: PlotBox,
  opts: { xMax?: number; leftMax?: number; rightMax?: number } = {},
): ChartLayout {
  const x0 = box.left;
  const x1 = box.width - box.right;
  const y0 = box.top;
  const y1 = box.height - box.bottom;
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(2, opts.xMax ?? 0, ...all.map((p) => p.x));
  const highest = (axis: 'left' | 'right') =>
    Math.max(0, ...series.filter((s) => s.axis === axis).flatMap((s) => s.points.map((p) => p.y)));
  const leftTickValues = niceTicks(opts.leftMax ?? highest('left'));
  const leftMax = leftTickValues[leftTickValues.length - 1] as number;
  const rightMax = opts.rightMax ?? (niceTicks(highest('right')).at(-1) as number);
  const px = (x: number) => round2(x0 + ((x - 1) / (xMax - 1)) * (x1 - x0));
  const py = (y: number, top: number) => round2(y1 - (Math.min(Math.max(y, 0), top) / top) * (y1 - y0));
  const lines = series.map((s) => {
    const top = s.axis === 'left' ? leftMax : rightMax;
    const points = [...s.points]
      .sort((a, b) => a.x - b.x)
      .map((p) => ({ x: p.x, y: p.y, px: px(p.x), py: py(p.y, top) }));
    const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.px},${p.py}`).join(' ');
    return { id: s.id, path, points };
  });
  return {
    x0,
    x1,
    y0,
    y1,
    xMax,
    leftMax,
    rightMax,
    xTicks: epochTicks(xMax).map((value) => ({ value, at: px(value) })),
    leftTicks: leftTickValues.map((value) => ({ value, at: py(value, leftMax) })),
    rightTicks: niceTicks(rightMax).map((value) => ({ value, at: py(value, rightMax) })),
    lines,
  };
}
