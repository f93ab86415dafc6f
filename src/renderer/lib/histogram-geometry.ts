import { formatCount } from './format';
import { formatScore } from './prune-summary';

/** A histogram as `scores.classView` returns it: bins + 1 edges, a count and a kept count per bin. */
export interface HistogramData {
  edges: number[];
  counts: number[];
  keptCounts: number[];
}

/** The drawing area: the SVG's size and the margins left for the axis labels. */
export interface PlotBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface HistogramBar {
  index: number;
  from: number;
  to: number;
  count: number;
  kept: number;
  x: number;
  width: number;
  /** The bar for every image in the bin. */
  y: number;
  height: number;
  /** The bar for the kept images in it, drawn over the first from the same baseline. */
  keptY: number;
  keptHeight: number;
}

export interface HistogramLayout {
  bars: HistogramBar[];
  maxCount: number;
  /** The plot's corners: x from x0 to x1, y from y0 (top) to y1 (baseline). */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A bin with at least one image is never drawn thinner than this, so single images stay visible. */
export const MIN_BAR_HEIGHT = 2;
/** Space between neighbouring bars. */
export const BAR_GAP = 1;

/**
 * Bars for equal-width bins (the Node side bins that way): bin i takes the i-th of `bins` equal
 * slots across the plot; heights are proportional to the largest count.
 */
export function layoutHistogram(data: HistogramData, box: PlotBox): HistogramLayout {
  const bins = data.counts.length;
  const x0 = box.left;
  const x1 = box.width - box.right;
  const y0 = box.top;
  const y1 = box.height - box.bottom;
  const maxCount = Math.max(0, ...data.counts);
  const slot = bins > 0 ? (x1 - x0) / bins : 0;
  const heightOf = (n: number) =>
    n <= 0 || maxCount === 0 ? 0 : Math.max(MIN_BAR_HEIGHT, ((y1 - y0) * n) / maxCount);
  const bars = data.counts.map((count, i) => {
    const kept = data.keptCounts[i] ?? 0;
    const height = heightOf(count);
    const keptHeight = Math.min(height, heightOf(kept));
    return {
      index: i,
      from: data.edges[i] ?? 0,
      to: data.edges[i + 1] ?? 0,
      count,
      kept,
      x: x0 + i * slot + BAR_GAP / 2,
      width: Math.max(0, slot - BAR_GAP),
      y: y1 - height,
      height,
      keptY: y1 - keptHeight,
      keptHeight,
    };
  });
  return { bars, maxCount, x0, x1, y0, y1 };
}

/** The lowest and highest score (the first and last edge). */
export function scoreRange(data: HistogramData): { min: number; max: number } {
  return { min: data.edges[0] ?? 0, max: data.edges[data.edges.length - 1] ?? 0 };
}

/** Where the kept images lie: from the first kept bin's lower edge to the last one's upper edge. */
export function keptRange(data: HistogramData): { from: number; to: number } | null {
  const first = data.keptCounts.findIndex((k) => k > 0);
  if (first < 0) return null;
  let last = first;
  data.keptCounts.forEach((k, i) => {
    if (k > 0) last = i;
  });
  return { from: data.edges[first] ?? 0, to: data.edges[last + 1] ?? 0 };
}

/**
 * One sentence for screen readers and the SVG's title: what the chart shows without seeing it.
 * "EL2N of 300 Coat images, from 0.0123 to 1.35 (low is easy). 5 kept, with scores from 0.0123 to 0.0571."
 */
export function histogramSummary(
  data: HistogramData,
  opts: { scoreName: string; className: string; easyEnd: 'low' | 'high'; hasSelection: boolean },
): string {
  const total = data.counts.reduce((a, b) => a + b, 0);
  const kept = data.keptCounts.reduce((a, b) => a + b, 0);
  const { min, max } = scoreRange(data);
  const images = `${formatCount(total)} ${opts.className} image${total === 1 ? '' : 's'}`;
  let text = `${opts.scoreName} of ${images}, from ${formatScore(min)} to ${formatScore(max)} (${opts.easyEnd} is easy).`;
  if (opts.hasSelection) {
    const range = keptRange(data);
    text += range
      ? ` ${formatCount(kept)} kept, with scores from ${formatScore(range.from)} to ${formatScore(range.to)}.`
      : ' None kept.';
  }
  return text;
}

/** A bar's tooltip: "0.0123–0.0571: 40 images, 5 kept". */
export function barLabel(bar: HistogramBar, hasSelection: boolean): string {
  const images = `${formatCount(bar.count)} image${bar.count === 1 ? '' : 's'}`;
  const kept = hasSelection ? `, ${formatCount(bar.kept)} kept` : '';
  return `${formatScore(bar.from)}–${formatScore(bar.to)}: ${images}${kept}`;
}
