import { describe, expect, it } from 'vitest';
import { seriesStyle } from '../../../src/shared/bench/plot-style';
import { accuracyBytesChart, accuracyIpcChart, benchCharts } from '../../../src/renderer/lib/bench-charts';
import { benchResult } from './bench-fixture';

const full = () =>
  benchResult({
    'random/1/hard': [0.2],
    'random/2/hard': [0.3],
    'herding/1/hard': [0.25],
    'herding/2/hard': [0.35],
    'dm/1/hard': [0.28],
    'dm/2/hard': [0.4, 0.44],
    'random/1/soft': [0.3],
    'random/2/soft': [0.4],
    'herding/1/soft': [0.32],
    'herding/2/soft': [0.45],
    'dm/1/soft': [0.38],
    'dm/2/soft': [0.5],
  });

describe('benchmark charts', () => {
  it('gives one chart per label mode and one of bytes', () => {
    expect(benchCharts(full()).map((c) => c.key)).toEqual([
      'accuracy-ipc-hard',
      'accuracy-ipc-soft',
      'accuracy-bytes',
    ]);
    expect(benchCharts({ ...full(), cells: [] })).toEqual([]);
  });

  it('draws one series per method against IPC, in percent, with its bars', () => {
    const chart = accuracyIpcChart(full(), 'hard');
    const g = chart.geometry;
    expect(g.series.map((s) => s.label)).toEqual(['Random', 'Herding', 'DM (distribution matching)']);
    expect(g.series.every((s) => s.points.length === 2)).toBe(true);
    expect(g.series[2]!.points.map((p) => Number(p.y.toFixed(6)))).toEqual([28, 42]);
    expect(g.series[2]!.errorBars).toHaveLength(1);
    expect(g.xScale).toBe('log');
    expect(g.yDomain[0]).toBeGreaterThanOrEqual(0);
    expect(g.yDomain[1]).toBeLessThanOrEqual(100);
    expect(chart.title).toBe('Accuracy against images per class, hard labels');
    expect(chart.description).toBe(
      'Random: IPC 1 20.0%, IPC 2 30.0%; Herding: IPC 1 25.0%, IPC 2 35.0%; DM (distribution matching): IPC 1 28.0%, IPC 2 42.0%.',
    );
    expect(chart.pointTitle('DM', g.series[2]!.points[1]!)).toBe('DM, IPC 2: 42.0% ± 2.0');
  });

  it('styles a method the same in every chart: random grey, then the next styles', () => {
    const result = full();
    const soft = accuracyIpcChart(result, 'soft').geometry.series;
    const bytes = accuracyBytesChart(result).geometry.series;
    expect(soft[2]!.style.color).toBe(seriesStyle(2).color);
    expect(bytes.find((s) => s.label === 'DM (distribution matching), soft labels')!.style).toMatchObject({
      color: seriesStyle(2).color,
      marker: 'diamond',
      hollow: true,
    });
  });

  it('puts each cell at the bytes it stores, soft labels added, with a legend of methods and label modes', () => {
    const chart = accuracyBytesChart(full());
    const g = chart.geometry;
    expect(g.series).toHaveLength(6);
    const hardDm = g.series.find((s) => s.label === 'DM (distribution matching), hard labels')!;
    expect(hardDm.points.map((p) => p.x)).toEqual([5000, 10_000]);
    expect(hardDm.style.marker).toBe('circle');
    const softRandom = g.series.find((s) => s.label === 'Random, soft labels')!;
    expect(softRandom.points.map((p) => p.x)).toEqual([13_000, 26_000]);
    expect(g.legend.map((e) => e.label)).toEqual([
      'Random',
      'Herding',
      'DM (distribution matching)',
      'Hard labels: PNG bytes',
      'Soft labels: PNG + label bytes',
    ]);
    expect(g.refLines.map((r) => r.label)).toEqual(['Full training split']);
    expect(chart.description).toContain('Random, hard labels: 5.00 KB 20.0%, 10.0 KB 30.0%');
  });

  it('leaves out cells without a finished seed and shows a teacher line when there is one', () => {
    const partial = benchResult({ 'random/1/hard': [0.2] }, { teacherAccuracy: 0.8 });
    const g = accuracyIpcChart(partial, 'hard').geometry;
    expect(g.series.map((s) => s.points.length)).toEqual([1, 0, 0]);
    expect(g.refLines.map((r) => r.label)).toEqual(['Teacher, full split: 80.0%']);
    expect(accuracyIpcChart(benchResult(), 'soft').geometry.empty).toBe(true);
    expect(accuracyIpcChart(benchResult(), 'soft').description).toContain('Random: no finished seed yet');
  });

  it('labels byte ticks in decimal units, up to TB', () => {
    const ticks = accuracyBytesChart(full()).geometry.xTicks.filter((t) => t.label !== '');
    expect(ticks.map((t) => t.label)).toContain('10 KB');
  });
});
