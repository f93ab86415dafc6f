import { describe, expect, it } from 'vitest';
import {
  barLabel,
  histogramSummary,
  keptRange,
  layoutHistogram,
  MIN_BAR_HEIGHT,
  scoreRange,
  type PlotBox,
} from '../../../src/renderer/lib/histogram-geometry';

/** Plot from x 10 to 90 (80 wide) and y 5 to 45 (40 high). */
const box: PlotBox = { width: 100, height: 60, left: 10, right: 10, top: 5, bottom: 15 };

describe('histogram geometry', () => {
  it('gives each bin an equal slot and heights proportional to the largest count', () => {
    const layout = layoutHistogram(
      { edges: [0, 1, 2, 3, 4], counts: [4, 2, 0, 1], keptCounts: [1, 0, 0, 1] },
      box,
    );
    expect([layout.x0, layout.x1, layout.y0, layout.y1, layout.maxCount]).toEqual([10, 90, 5, 45, 4]);
    // 4 bins in 80 px: slots of 20, bars 19 wide after the 1 px gap, starting half a gap in.
    expect(layout.bars.map((b) => [b.x, b.width])).toEqual([
      [10.5, 19],
      [30.5, 19],
      [50.5, 19],
      [70.5, 19],
    ]);
    // Heights: 4/4·40 = 40, 2/4·40 = 20, 0, 1/4·40 = 10; each bar rises from the baseline at 45.
    expect(layout.bars.map((b) => [b.y, b.height])).toEqual([
      [5, 40],
      [25, 20],
      [45, 0],
      [35, 10],
    ]);
    // Kept: 1 of 4 → 10 px; none → 0; 1 of 1 → the whole bar.
    expect(layout.bars.map((b) => [b.keptY, b.keptHeight])).toEqual([
      [35, 10],
      [45, 0],
      [45, 0],
      [35, 10],
    ]);
    expect(layout.bars[1]).toMatchObject({ index: 1, from: 1, to: 2, count: 2, kept: 0 });
  });

  it('keeps a bin with one image visible next to a tall one', () => {
    const layout = layoutHistogram({ edges: [0, 1, 2], counts: [100, 1], keptCounts: [0, 1] }, box);
    // 1/100·40 = 0.4 px would vanish: drawn at the minimum instead, kept too.
    expect(layout.bars[1]).toMatchObject({
      height: MIN_BAR_HEIGHT,
      keptHeight: MIN_BAR_HEIGHT,
      y: 43,
      keptY: 43,
    });
  });

  it('draws nothing for an empty class', () => {
    const layout = layoutHistogram({ edges: [0, 0, 0], counts: [0, 0], keptCounts: [0, 0] }, box);
    expect(layout.maxCount).toBe(0);
    expect(layout.bars.map((b) => b.height)).toEqual([0, 0]);
  });

  it('finds the score range and where the kept images lie', () => {
    const data = { edges: [0, 1, 2, 3, 4], counts: [1, 1, 1, 2], keptCounts: [0, 1, 0, 2] };
    expect(scoreRange(data)).toEqual({ min: 0, max: 4 });
    // Kept in bins 1 and 3: from bin 1's lower edge (1) to bin 3's upper edge (4).
    expect(keptRange(data)).toEqual({ from: 1, to: 4 });
    expect(keptRange({ ...data, keptCounts: [0, 0, 0, 0] })).toBeNull();
  });

  it('summarises the chart in one sentence', () => {
    const data = { edges: [0.5, 1, 1.5, 2], counts: [3, 1, 0], keptCounts: [2, 0, 0] };
    const opts = { scoreName: 'EL2N', className: 'Coat', easyEnd: 'low' as const, hasSelection: true };
    expect(histogramSummary(data, opts)).toBe(
      'EL2N of 4 Coat images, from 0.5 to 2 (low is easy). 2 kept, with scores from 0.5 to 1.',
    );
    expect(histogramSummary(data, { ...opts, hasSelection: false })).toBe(
      'EL2N of 4 Coat images, from 0.5 to 2 (low is easy).',
    );
    expect(histogramSummary({ ...data, keptCounts: [0, 0, 0] }, { ...opts, easyEnd: 'high' })).toBe(
      'EL2N of 4 Coat images, from 0.5 to 2 (high is easy). None kept.',
    );
  });

  it('labels each bar with its range and counts', () => {
    const [bar] = layoutHistogram({ edges: [0.5, 1], counts: [3], keptCounts: [2] }, box).bars;
    expect(barLabel(bar!, true)).toBe('0.5–1: 3 images, 2 kept');
    expect(barLabel({ ...bar!, count: 1 }, false)).toBe('0.5–1: 1 image');
  });
});
