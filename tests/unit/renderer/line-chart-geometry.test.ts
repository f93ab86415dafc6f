import { describe, expect, it } from 'vitest';
import {
  epochTicks,
  layoutLineChart,
  niceCeiling,
  niceTicks,
  type PlotBox,
} from '../../../src/renderer/lib/line-chart-geometry';

/** Plot from x 10 to 90 (80 wide) and y 5 to 45 (40 high). */
const box: PlotBox = { width: 100, height: 60, left: 10, right: 10, top: 5, bottom: 15 };

describe('line chart geometry', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.5775, 0.3, 2.31, 2.5, 7, 250, 0.019].map(niceCeiling)).toEqual([
      1, 0.5, 2.5, 2.5, 10, 250, 0.02,
    ]);
    expect([0, -1, NaN].map(niceCeiling)).toEqual([1, 1, 1]);
  });

  it('puts about four nice steps from 0 to just above the largest value', () => {
    // 2.31 / 4 = 0.58 → step 1 → 0, 1, 2, 3.
    expect(niceTicks(2.31)).toEqual([0, 1, 2, 3]);
    // A fraction: steps of 0.25 up to 1.
    expect(niceTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // 0.9 / 4 = 0.225 → 0.25 → 0 … 1.
    expect(niceTicks(0.9)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0)).toEqual([0, 0.25]);
  });

  it('labels every epoch up to 10, then nice steps and the last', () => {
    expect(epochTicks(3)).toEqual([1, 2, 3]);
    expect(epochTicks(1)).toEqual([1]);
    // 30 / 5 = 6 → step 10.
    expect(epochTicks(30)).toEqual([1, 10, 20, 30]);
    // 60 / 5 = 12 → step 20.
    expect(epochTicks(60)).toEqual([1, 20, 40, 60]);
  });

  it('places two series against their own axes', () => {
    const layout = layoutLineChart(
      [
        {
          id: 'loss',
          label: 'Loss',
          axis: 'left',
          points: [
            { x: 3, y: 0.5 },
            { x: 1, y: 2 },
            { x: 2, y: 1 },
          ],
        },
        {
          id: 'accuracy',
          label: 'Accuracy',
          axis: 'right',
          points: [
            { x: 1, y: 0.1 },
            { x: 3, y: 0.5 },
          ],
        },
      ],
      box,
      { xMax: 5, rightMax: 1 },
    );
    expect([layout.x0, layout.x1, layout.y0, layout.y1]).toEqual([10, 90, 5, 45]);
    // x from 1 to 5 over 80 px: 20 px an epoch.
    expect(layout.xTicks).toEqual([
      { value: 1, at: 10 },
      { value: 2, at: 30 },
      { value: 3, at: 50 },
      { value: 4, at: 70 },
      { value: 5, at: 90 },
    ]);
    // Left: largest loss 2 → ticks 0, 0.5, … 2 (2 / 4 = 0.5); 10 px each.
    expect(layout.leftMax).toBe(2);
    expect(layout.leftTicks.map((t) => [t.value, t.at])).toEqual([
      [0, 45],
      [0.5, 35],
      [1, 25],
      [1.5, 15],
      [2, 5],
    ]);
    expect(layout.rightTicks.map((t) => [t.value, t.at])).toEqual([
      [0, 45],
      [0.25, 35],
      [0.5, 25],
      [0.75, 15],
      [1, 5],
    ]);
    // Loss sorted by epoch: (1, 2) → (10, 5), (2, 1) → (30, 25), (3, 0.5) → (50, 35).
    expect(layout.lines[0]!.path).toBe('M10,5 L30,25 L50,35');
    // Accuracy on 0–1: 0.1 → 45 − 4 = 41, 0.5 → 25.
    expect(layout.lines[1]!.path).toBe('M10,41 L50,25');
    expect(layout.lines[1]!.points.map((p) => [p.px, p.py])).toEqual([
      [10, 41],
      [50, 25],
    ]);
  });

  it('gives one point a real axis and an empty series no path', () => {
    const layout = layoutLineChart(
      [
        { id: 'a', label: 'A', axis: 'left', points: [{ x: 1, y: 3 }] },
        { id: 'b', label: 'B', axis: 'right', points: [] },
      ],
      box,
    );
    // x from 1 to 2 at least; 3 → step 1 (3 / 4 = 0.75 → 1) → ticks 0 … 3.
    expect(layout.xMax).toBe(2);
    expect(layout.leftTicks.map((t) => t.value)).toEqual([0, 1, 2, 3]);
    expect(layout.lines[0]!.path).toBe('M10,5');
    expect(layout.lines[1]!.path).toBe('');
  });
});
