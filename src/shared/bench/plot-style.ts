/**
 * How a plot's series look: colour, marker shape, dash pattern and filled or hollow markers, and
 * the markers' SVG paths (drawn by the report's SVG writer and by Svelte components alike).
 *
 * Colour is never the only signal: every series style pairs a colour with a marker shape, a
 * dash pattern and a filled or hollow marker, and the legend shows all of them.
 */
import { round2 } from './plot-axes';

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
