import { describe, expect, it } from 'vitest';
import { formatCompact, linearTicks, logDomain, logTicks, niceStep } from '../../src/shared/bench/plot-axes';
import type { PlotOptions } from '../../src/shared/bench/plot-geometry';
import { layoutPlot } from '../../src/shared/bench/plot-layout';
import { markerPath, MARKER_SHAPES, seriesStyle, SERIES_COLORS } from '../../src/shared/bench/plot-style';

// A 400 × 300 chart with margins 50 (left), 50 (right), 20 (top), 40 (bottom):
// the frame spans x 50..350 and y 20..260.
const box: PlotOptions = {
  width: 400,
  height: 300,
  margin: { left: 50, right: 50, top: 20, bottom: 40 },
  xScale: 'log',
  legend: 'none',
};

describe('log axis', () => {
  it('puts 1, 10 and 100 at equal distances: the ends of a [1, 100] domain and its middle', () => {
    const g = layoutPlot([{ label: 'a', points: [1, 10, 100].map((x) => ({ x, y: 50 })) }], {
      ...box,
      xDomain: [1, 100],
      yDomain: [0, 100],
    });
    expect(g.frame).toEqual({ x0: 50, x1: 350, y0: 20, y1: 260 });
    expect(g.series[0]!.points.map((p) => p.px)).toEqual([50, 200, 350]);
    // y = 50 of [0, 100] is half way up: 260 − 0.5 × 240.
    expect(g.series[0]!.points.map((p) => p.py)).toEqual([140, 140, 140]);
  });

  it('keeps 1, 10, 100 equally spaced with the automatic (padded) domain', () => {
    const g = layoutPlot([{ label: 'a', points: [1, 10, 100].map((x) => ({ x, y: 1 })) }], box);
    const [a, b, c] = g.series[0]!.points.map((p) => p.px) as [number, number, number];
    expect(b - a).toBeCloseTo(c - b, 1);
    // Two decades padded by 6 % of the span on each side: 10^−0.12 … 10^2.12.
    expect(g.xDomain[0]).toBeCloseTo(0.7586, 3);
    expect(g.xDomain[1]).toBeCloseTo(131.83, 1);
    // The 2.24 decades map onto 300 px: 1 sits 0.12/2.24 of the way in.
    expect(a).toBeCloseTo(50 + (0.12 / 2.24) * 300, 1);
  });

  it('pads a single value by half a decade each way', () => {
    expect(logDomain(10, 10)).toEqual([3.16227766017, 31.6227766017]);
    expect(logDomain(0, 10)).toEqual([1, 10]);
  });

  it('labels only powers of ten over more than 2.5 decades, with minor ticks between', () => {
    const ticks = logTicks(0.5, 200);
    expect(ticks.filter((t) => t.labelled).map((t) => t.value)).toEqual([1, 10, 100]);
    expect(ticks.filter((t) => t.major).map((t) => t.value)).toEqual([1, 10, 100]);
    // 0.5 … 0.9, 1 … 9, 10 … 90, 100, 200.
    expect(ticks.map((t) => t.value)).toEqual([
      0.5, 0.6, 0.7, 0.8, 0.9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200,
    ]);
  });

  it('labels 2 and 5 × 10ⁿ too over 1 to 2.5 decades (IPC 1 to 50)', () => {
    const ticks = logTicks(0.8, 60);
    expect(ticks.filter((t) => t.labelled).map((t) => t.value)).toEqual([1, 2, 5, 10, 20, 50]);
    expect(ticks[0]).toEqual({ value: 0.8, major: false, labelled: false });
  });

  it('labels 2, 3 and 5 × 10ⁿ within one decade', () => {
    const ticks = logTicks(9, 55);
    expect(ticks.filter((t) => t.labelled).map((t) => t.value)).toEqual([10, 20, 30, 50]);
  });

  it('drops minor ticks past 6 decades and labels every other power past 8 of them', () => {
    expect(logTicks(1e3, 1e10).map((t) => t.value)).toEqual([1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]);
    const wide = logTicks(1, 1e12);
    expect(wide.filter((t) => t.labelled).map((t) => t.value)).toEqual([1, 1e2, 1e4, 1e6, 1e8, 1e10, 1e12]);
  });

  it('labels every tick when fewer than two would be', () => {
    // Within one decade 2, 3 and 5 × 10ⁿ are labelled: 11 … 45 has 20 and 30, enough.
    expect(
      logTicks(11, 45)
        .filter((t) => t.labelled)
        .map((t) => t.value),
    ).toEqual([20, 30]);
    // 25 … 45 has only 30 of them, so 40 is labelled as well.
    expect(logTicks(25, 45)).toEqual([
      { value: 30, major: false, labelled: true },
      { value: 40, major: false, labelled: true },
    ]);
  });

  it('formats log ticks compactly', () => {
    expect([0.5, 1, 20, 500, 1000, 25000, 3e6].map(formatCompact)).toEqual([
      '0.5',
      '1',
      '20',
      '500',
      '1k',
      '25k',
      '3M',
    ]);
  });

  it('leaves out x ≤ 0 on a log axis', () => {
    const g = layoutPlot(
      [
        {
          label: 'a',
          points: [
            { x: 0, y: 1 },
            { x: 10, y: 2 },
          ],
        },
      ],
      box,
    );
    expect(g.series[0]!.points.map((p) => p.x)).toEqual([10]);
    expect(g.series[0]!.skipped).toBe(1);
  });
});

describe('linear ticks', () => {
  it('picks 1, 2 or 5 × 10ⁿ steps', () => {
    expect([9.34, 0.098, 3, 1.5, 2, 0.3].map(niceStep)).toEqual([10, 0.1, 5, 2, 2, 0.5]);
  });

  it('grows the domain to whole steps: 41.2 … 87.9 in about 5 steps → 40 … 90 by 10', () => {
    expect(linearTicks(41.2, 87.9, 5)).toEqual({
      domain: [40, 90],
      step: 10,
      ticks: [40, 50, 60, 70, 80, 90],
    });
  });

  it('keeps ticks free of float noise', () => {
    expect(linearTicks(0.12, 0.61, 5).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('clips to the bounds (a percentage never passes 100)', () => {
    expect(linearTicks(55, 104, 5, [0, 100])).toEqual({
      domain: [50, 100],
      step: 10,
      ticks: [50, 60, 70, 80, 90, 100],
    });
  });

  it('widens an empty range by 5 % each way, then to whole steps', () => {
    // 47.5 … 52.5 in 5 steps: step 1, so 47 … 53.
    expect(linearTicks(50, 50, 5).domain).toEqual([47, 53]);
  });

  it('lays out a linear x axis', () => {
    const g = layoutPlot(
      [
        {
          label: 'a',
          points: [
            { x: 0, y: 0 },
            { x: 6, y: 1 },
          ],
        },
      ],
      { ...box, xScale: 'linear' },
    );
    expect(g.xDomain).toEqual([0, 6]);
    expect(g.xTicks.map((t) => t.label)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(g.xTicks.map((t) => t.at)).toEqual([50, 100, 150, 200, 250, 300, 350]);
  });
});

describe('series', () => {
  it('skips a missing value and breaks the line there', () => {
    const g = layoutPlot(
      [
        {
          label: 'a',
          points: [
            { x: 1, y: 10 },
            { x: 2, y: 20 },
            { x: 5, y: null },
            { x: 10, y: 30 },
            { x: 20, y: 40 },
          ],
        },
      ],
      box,
    );
    const s = g.series[0]!;
    expect(s.points.map((p) => p.x)).toEqual([1, 2, 10, 20]);
    expect(s.skipped).toBe(1);
    expect(s.polylines).toHaveLength(2);
    expect(s.polylines[0]!.split(' ')).toHaveLength(2);
  });

  it('draws no line through a lone point, and marks a chart with nothing to draw as empty', () => {
    const g = layoutPlot(
      [
        {
          label: 'a',
          points: [
            { x: 1, y: 10 },
            { x: 10, y: null },
          ],
        },
        { label: 'b', points: [{ x: 1, y: null }] },
      ],
      box,
    );
    expect(g.series[0]!.polylines).toEqual([]);
    expect(g.series[0]!.points).toHaveLength(1);
    expect(g.series[1]!.points).toEqual([]);
    expect(g.empty).toBe(false);
    expect(layoutPlot([{ label: 'b', points: [{ x: 1, y: null }] }], box).empty).toBe(true);
  });

  it('sorts points by x and draws error bars of ± yErr', () => {
    const g = layoutPlot(
      [
        {
          label: 'a',
          points: [
            { x: 100, y: 70, yErr: 0 },
            { x: 1, y: 50, yErr: 5 },
          ],
        },
      ],
      { ...box, xDomain: [1, 100], yDomain: [0, 100] },
    );
    const s = g.series[0]!;
    expect(s.points.map((p) => [p.px, p.py])).toEqual([
      [50, 140],
      [350, 92],
    ]);
    expect(s.polylines).toEqual(['50,140 350,92']);
    // 55 → 260 − 0.55 × 240 = 128; 45 → 152. No bar for a zero spread.
    expect(s.errorBars).toEqual([{ px: 50, top: 128, bottom: 152, cap: 3.6 }]);
  });

  it('includes the error bars and the reference lines in the automatic y domain', () => {
    const g = layoutPlot([{ label: 'a', points: [{ x: 1, y: 50, yErr: 20 }] }], {
      ...box,
      yRefLines: [{ value: 92, label: 'teacher' }],
      yBounds: [0, 100],
    });
    expect(g.yDomain[0]).toBeLessThanOrEqual(30);
    expect(g.yDomain[1]).toBeGreaterThanOrEqual(92);
    expect(g.refLines).toHaveLength(1);
    expect(g.refLines[0]).toMatchObject({ axis: 'y', x1: 50, x2: 350, label: 'teacher' });
  });

  it('spreads series sharing an x by the dodge', () => {
    const g = layoutPlot(
      [
        { label: 'a', points: [{ x: 10, y: 1 }] },
        { label: 'b', points: [{ x: 10, y: 2 }] },
        { label: 'c', points: [{ x: 10, y: null }] },
      ],
      { ...box, xDomain: [1, 100], dodge: 4 },
    );
    expect(g.series.map((s) => s.points.map((p) => p.px))).toEqual([[198], [202], []]);
  });

  it('is deterministic', () => {
    const series = [
      {
        label: 'a',
        points: [
          { x: 3, y: 0.123456, yErr: 0.01 },
          { x: 30, y: 0.6 },
        ],
      },
    ];
    expect(layoutPlot(series, box)).toEqual(layoutPlot(series, box));
  });
});

describe('styles and legend', () => {
  it('never tells the first 24 series apart by colour alone', () => {
    const keys = Array.from({ length: 24 }, (_, i) => {
      const s = seriesStyle(i);
      return `${s.marker}|${s.dash}|${s.hollow}`;
    });
    expect(new Set(keys).size).toBe(24);
    expect(new Set(Array.from({ length: 8 }, (_, i) => seriesStyle(i).color)).size).toBe(
      SERIES_COLORS.length,
    );
    expect(new Set(Array.from({ length: 8 }, (_, i) => seriesStyle(i).marker)).size).toBe(
      MARKER_SHAPES.length,
    );
  });

  it('applies a style index and overrides', () => {
    const g = layoutPlot([{ label: 'a', points: [], styleIndex: 3, style: { marker: 'star' } }], box);
    expect(g.series[0]!.style).toEqual({ ...seriesStyle(3), marker: 'star' });
  });

  it('lays the legend out under the chart, column by column, and grows the height', () => {
    const series = ['one', 'two', 'three'].map((label) => ({ label, points: [{ x: 1, y: 1 }] }));
    const g = layoutPlot(series, { ...box, width: 200, legend: 'bottom' });
    // One column fits in 200 px: three rows of 12 × 1.6 = 19.2 px, plus 10.
    expect(g.legend.map((e) => e.label)).toEqual(['one', 'two', 'three']);
    expect(g.legend.map((e) => e.x)).toEqual([40, 40, 40]);
    expect(g.legend.map((e) => e.y)).toEqual([311.6, 330.8, 350]);
    expect(g.height).toBe(367.6);
    expect(g.legend[1]).toMatchObject({ marker: 'square', dash: '', color: SERIES_COLORS[1] });
  });

  it('takes explicit legend entries, and a right-hand legend narrows the frame', () => {
    const g = layoutPlot([{ label: 'a', points: [{ x: 1, y: 1 }] }], {
      ...box,
      legend: 'right',
      legendEntries: [
        { label: 'Hard', marker: 'circle' },
        { label: 'Soft', marker: 'diamond', hollow: true },
      ],
    });
    expect(g.legend.map((e) => [e.label, e.marker, e.color, e.dash, e.hollow])).toEqual([
      ['Hard', 'circle', null, null, false],
      ['Soft', 'diamond', null, null, true],
    ]);
    // 50 + swatch 30 + 8 + 4 characters × 12 × 0.58 + 16.
    expect(g.frame.x1).toBeCloseTo(400 - (50 + 30 + 8 + 4 * 12 * 0.58 + 16), 5);
    expect(g.height).toBe(300);
  });

  it('draws markers as closed paths, crosses as strokes', () => {
    expect(markerPath('square', 10, 10, 5)).toBe('M5.6,5.6 L14.4,5.6 L14.4,14.4 L5.6,14.4 Z');
    expect(markerPath('cross', 0, 0, 2)).toBe('M-1.9,-1.9 L1.9,1.9 M-1.9,1.9 L1.9,-1.9');
    for (const shape of MARKER_SHAPES) expect(markerPath(shape, 0, 0, 4)).toMatch(/^M/);
  });
});
