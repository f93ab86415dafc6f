import { describe, expect, it } from 'vitest';
import { layoutPlot } from '../../src/shared/bench/plot-layout';
import { escapeXml, HOLLOW_CLASS, markerSvg, renderPlotSvg } from '../../src/main/bench/report/svg-plot';

const geometry = () =>
  layoutPlot(
    [
      {
        label: 'A <b>&</b> "B"',
        points: [
          { x: 1, y: 50, yErr: 2 },
          { x: 10, y: 60 },
        ],
      },
      { label: 'hollow', styleIndex: 8, points: [{ x: 1, y: 40 }] },
    ],
    {
      width: 400,
      height: 300,
      xScale: 'log',
      title: 'Accuracy <vs> IPC',
      xLabel: 'IPC',
      yLabel: 'Accuracy (%)',
      yRefLines: [{ value: 90, label: 'teacher & co' }],
    },
  );

describe('renderPlotSvg', () => {
  it('escapes every text and names the image for assistive technology', () => {
    const svg = renderPlotSvg(geometry());
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="Accuracy &lt;vs&gt; IPC"/);
    expect(svg).toContain('<title>Accuracy &lt;vs&gt; IPC</title>');
    expect(svg).toContain('A &lt;b&gt;&amp;&lt;/b&gt; &quot;B&quot;');
    expect(svg).toContain('teacher &amp; co');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('font-family="system-ui, sans-serif"');
  });

  it('has no namespace (no URL) inline, and one with a background when standalone', () => {
    const inline = renderPlotSvg(geometry());
    expect(inline).not.toContain('http');
    expect(inline).not.toContain('<rect');
    expect(inline).toContain('stroke="currentColor"');
    const file = renderPlotSvg(geometry(), {
      standalone: true,
      background: '#ffffff',
      foreground: '#222222',
    });
    expect(file).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    expect(file).toContain('<rect width="400"');
    expect(file).toContain('color="#222222"');
    expect(file).not.toContain('currentColor');
  });

  it('draws one polyline per run, error bars, a marker with a tooltip per point, and the legend', () => {
    const svg = renderPlotSvg(geometry(), { description: 'two series' });
    expect(svg).toContain('<desc>two series</desc>');
    expect(svg.match(/<polyline /g)).toHaveLength(1);
    expect(svg.match(/<title>A &lt;b&gt;&amp;&lt;\/b&gt; &quot;B&quot;: /g)).toHaveLength(2);
    expect(svg).toContain('± 2</title>');
    expect(svg).toContain(`class="${HOLLOW_CLASS}"`);
    expect(svg.match(/<text /g)!.length).toBeGreaterThan(8);
  });

  it('says so when there is nothing to draw', () => {
    const empty = layoutPlot([{ label: 'a', points: [{ x: 1, y: null }] }], {
      width: 300,
      height: 200,
      xScale: 'log',
    });
    expect(renderPlotSvg(empty, { emptyText: 'Nothing yet' })).toContain('>Nothing yet</text>');
  });

  it('draws a lone marker for a table', () => {
    expect(markerSvg({ color: '#123456', marker: 'square', dash: '', hollow: false })).toMatch(
      /^<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><path d="M[^"]+" fill="#123456"/,
    );
  });
});
