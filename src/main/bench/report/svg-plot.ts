/**
 * Draws a `PlotGeometry` (src/shared/bench/plot-geometry.ts) as an SVG string: attributes only
 * (no <style>, no scripts, no external fonts), every text escaped. Axes, grid and labels use
 * `foreground` (by default `currentColor`, so an SVG inlined in a page takes the page's text
 * colour in light and dark mode); series keep their own colours.
 */
import type {
  LegendEntryGeometry,
  PlotGeometry,
  PlotPointGeometry,
} from '../../../shared/bench/plot-geometry';
import {
  isStrokeMarker,
  markerPath,
  type MarkerShape,
  type SeriesStyle,
} from '../../../shared/bench/plot-style';

export interface SvgPlotOptions {
  /** The accessible name (<title> and aria-label); default: the geometry's title. */
  title?: string;
  /** A longer text alternative (<desc>). */
  description?: string;
  /**
   * A document of its own (with the SVG namespace), for a file or for rendering to PNG. Inline in
   * HTML the namespace is implied, so the page holds no URL at all.
   */
  standalone?: boolean;
  /** A background rectangle's colour; none by default (transparent). */
  background?: string | null;
  /** Colour of text, axes and grid. Default `currentColor`. */
  foreground?: string;
  /** Fill of hollow markers: the colour of the surface the plot sits on. Default white. */
  surface?: string;
  /** A tooltip (<title>) for each marker; default "label: x, y ± err". */
  pointTitle?: (seriesLabel: string, point: PlotPointGeometry) => string;
  /** Shown in the plot area when no series has a point. */
  emptyText?: string;
}

const FONT_FAMILY = 'system-ui, sans-serif';

/** The class of hollow markers' paths, for a page's stylesheet to fill with its background. */
export const HOLLOW_CLASS = 'dp-hollow';

/** Escapes text and attribute values for XML and HTML. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Attrs = Record<string, string | number | null | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function el(name: string, a: Attrs, content?: string): string {
  return content === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${content}</${name}>`;
}

function text(content: string, a: Attrs): string {
  return el('text', a, escapeXml(content));
}

function marker(
  shape: MarkerShape,
  cx: number,
  cy: number,
  r: number,
  color: string,
  hollow: boolean,
  surface: string,
  inner = '',
): string {
  const d = markerPath(shape, cx, cy, r);
  if (isStrokeMarker(shape)) {
    return el(
      'path',
      { d, fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-linecap': 'round' },
      inner,
    );
  }
  return el(
    'path',
    {
      d,
      fill: hollow ? surface : color,
      stroke: color,
      'stroke-width': hollow ? 1.6 : 1,
      'stroke-linejoin': 'round',
      // A page can restyle the fill of hollow markers to its own background (dark mode).
      class: hollow ? HOLLOW_CLASS : null,
    },
    inner,
  );
}

/** A series' marker alone, as a small decorative inline SVG (for a table's method column). */
export function markerSvg(style: SeriesStyle, size = 14, surface = '#ffffff'): string {
  const c = size / 2;
  return el(
    'svg',
    { width: size, height: size, viewBox: `0 0 ${size} ${size}`, 'aria-hidden': 'true', focusable: 'false' },
    marker(style.marker, c, c, size * 0.3, style.color, style.hollow, surface),
  );
}

function defaultPointTitle(label: string, p: PlotPointGeometry): string {
  return `${label}: ${p.x}, ${p.y}${p.yErr !== null ? ` ± ${p.yErr}` : ''}`;
}

function legendEntry(e: LegendEntryGeometry, g: PlotGeometry, fg: string, surface: string): string {
  const color = e.color ?? fg;
  const parts: string[] = [];
  if (e.dash !== null) {
    parts.push(
      el('line', {
        x1: e.x - 15,
        y1: e.y,
        x2: e.x + 15,
        y2: e.y,
        stroke: color,
        'stroke-width': 2,
        'stroke-dasharray': e.dash,
      }),
    );
  }
  if (e.marker) parts.push(marker(e.marker, e.x, e.y, g.markerSize, color, e.hollow, surface));
  parts.push(text(e.label, { x: e.textX, y: round(e.y + g.fontSize * 0.35), fill: fg }));
  return el('g', {}, parts.join(''));
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The SVG markup of a laid-out plot. */
export function renderPlotSvg(g: PlotGeometry, opts: SvgPlotOptions = {}): string {
  const fg = opts.foreground ?? 'currentColor';
  const surface = opts.surface ?? '#ffffff';
  const name = opts.title ?? g.title?.text ?? 'Plot';
  const pointTitle = opts.pointTitle ?? defaultPointTitle;
  const { x0, x1, y0, y1 } = g.frame;
  const fs = g.fontSize;
  const out: string[] = [];

  out.push(el('title', {}, escapeXml(name)));
  if (opts.description) out.push(el('desc', {}, escapeXml(opts.description)));
  if (opts.background) out.push(el('rect', { width: g.width, height: g.height, fill: opts.background }));

  // Grid: horizontal lines at the y ticks, vertical ones at the x ticks (fainter for minors).
  const grid: string[] = [];
  for (const t of g.yTicks) grid.push(`M${x0},${t.at} H${x1}`);
  const xMajor = g.xTicks.filter((t) => t.major).map((t) => `M${t.at},${y0} V${y1}`);
  const xMinor = g.xTicks.filter((t) => !t.major).map((t) => `M${t.at},${y0} V${y1}`);
  if (grid.length || xMajor.length)
    out.push(
      el('path', {
        d: [...grid, ...xMajor].join(' '),
        stroke: fg,
        'stroke-opacity': 0.12,
        'stroke-width': 1,
      }),
    );
  if (xMinor.length)
    out.push(el('path', { d: xMinor.join(' '), stroke: fg, 'stroke-opacity': 0.06, 'stroke-width': 1 }));

  // Axes and tick marks.
  out.push(el('path', { d: `M${x0},${y0} V${y1} H${x1}`, fill: 'none', stroke: fg, 'stroke-opacity': 0.55 }));
  const marks = [
    ...g.yTicks.map((t) => `M${x0 - 5},${t.at} H${x0}`),
    ...g.xTicks.map((t) => `M${t.at},${y1} V${y1 + (t.major || t.label ? 5 : 3)}`),
  ];
  if (marks.length) out.push(el('path', { d: marks.join(' '), stroke: fg, 'stroke-opacity': 0.55 }));
  const tickLabels: string[] = [];
  for (const t of g.yTicks) {
    if (t.label)
      tickLabels.push(text(t.label, { x: x0 - 8, y: round(t.at + fs * 0.35), 'text-anchor': 'end' }));
  }
  for (const t of g.xTicks) {
    if (t.label) tickLabels.push(text(t.label, { x: t.at, y: round(y1 + fs + 7), 'text-anchor': 'middle' }));
  }
  out.push(
    el('g', { fill: fg, 'fill-opacity': 0.8, 'font-variant-numeric': 'tabular-nums' }, tickLabels.join('')),
  );

  // Reference lines.
  for (const r of g.refLines) {
    out.push(
      el(
        'g',
        {},
        el('line', {
          x1: r.x1,
          y1: r.y1,
          x2: r.x2,
          y2: r.y2,
          stroke: fg,
          'stroke-opacity': 0.6,
          'stroke-width': 1.25,
          'stroke-dasharray': '6 3 1.5 3',
        }) +
          text(r.label, {
            x: r.labelX,
            y: r.labelY,
            'text-anchor': r.anchor,
            fill: fg,
            'fill-opacity': 0.75,
            'font-size': round(fs * 0.92),
            'font-style': 'italic',
          }),
      ),
    );
  }

  // Series: lines, then error bars, then markers on top.
  for (const s of g.series) {
    if (s.points.length === 0) continue;
    const { color, dash, hollow } = s.style;
    const parts: string[] = [el('title', {}, escapeXml(s.label))];
    for (const points of s.polylines) {
      parts.push(
        el('polyline', {
          points,
          fill: 'none',
          stroke: color,
          'stroke-width': 1.75,
          'stroke-dasharray': dash,
          'stroke-linejoin': 'round',
          'stroke-linecap': 'round',
        }),
      );
    }
    if (s.errorBars.length) {
      const d = s.errorBars
        .map(
          (b) =>
            `M${b.px},${b.top} V${b.bottom} M${round(b.px - b.cap)},${b.top} H${round(b.px + b.cap)} M${round(b.px - b.cap)},${b.bottom} H${round(b.px + b.cap)}`,
        )
        .join(' ');
      parts.push(el('path', { d, fill: 'none', stroke: color, 'stroke-width': 1.2, 'stroke-opacity': 0.9 }));
    }
    for (const p of s.points) {
      parts.push(
        marker(
          s.style.marker,
          p.px,
          p.py,
          g.markerSize,
          color,
          hollow,
          surface,
          el('title', {}, escapeXml(pointTitle(s.label, p))),
        ),
      );
    }
    out.push(el('g', {}, parts.join('')));
  }

  if (g.empty) {
    out.push(
      text(opts.emptyText ?? 'No data yet', {
        x: round((x0 + x1) / 2),
        y: round((y0 + y1) / 2),
        'text-anchor': 'middle',
        fill: fg,
        'fill-opacity': 0.7,
      }),
    );
  }

  // Titles and legend.
  if (g.title)
    out.push(
      text(g.title.text, {
        x: g.title.x,
        y: g.title.y,
        fill: fg,
        'font-size': round(fs * 1.2),
        'font-weight': 600,
      }),
    );
  if (g.xLabel)
    out.push(text(g.xLabel.text, { x: g.xLabel.x, y: g.xLabel.y, 'text-anchor': 'middle', fill: fg }));
  if (g.yLabel)
    out.push(
      text(g.yLabel.text, {
        x: g.yLabel.x,
        y: g.yLabel.y,
        'text-anchor': 'middle',
        transform: `rotate(-90 ${g.yLabel.x} ${g.yLabel.y})`,
        fill: fg,
      }),
    );
  if (g.legend.length) out.push(el('g', {}, g.legend.map((e) => legendEntry(e, g, fg, surface)).join('')));

  const root: Attrs = {
    xmlns: opts.standalone ? 'http://www.w3.org/2000/svg' : null,
    width: g.width,
    height: g.height,
    viewBox: `0 0 ${g.width} ${g.height}`,
    role: 'img',
    'aria-label': name,
    'font-family': FONT_FAMILY,
    'font-size': fs,
    color: fg === 'currentColor' ? null : fg,
  };
  const svg = el('svg', root, out.join(''));
  return opts.standalone ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n` : svg;
}
