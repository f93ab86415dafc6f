import { describe, expect, it } from 'vitest';
import {
  accuracyBytesLayout,
  accuracyIpcLayout,
  benchMethodsOf,
  byteTickFormat,
  formatByteTick,
  methodStyle,
  methodStyleIndex,
  methodsWithCells,
  type BenchPlotLook,
} from '../../src/shared/bench/bench-plots';
import { seriesStyle } from '../../src/shared/bench/plot-style';
import { smallBenchResult } from './fixtures/bench-result';
import { benchResult } from './renderer/bench-fixture';

const LOOK: BenchPlotLook = {
  width: 500,
  height: 300,
  noPoints: 'none yet',
  teacher: 'Teacher',
  fullSplit: 'Full split',
  modeLegend: { hard: 'Hard', soft: 'Soft' },
  formatByteTick,
};

describe('bench plots', () => {
  it('styles a method the same in every plot: random grey, then the next styles', () => {
    const result = benchResult({ 'random/1/hard': [0.2] });
    expect(benchMethodsOf(result)).toEqual(['random', 'herding', 'dm']);
    expect(methodStyle(result, 'random')).toEqual(seriesStyle(0));
    expect(methodStyle(result, 'dm')).toEqual(seriesStyle(2));
    // A method with a set but no cell keeps its place; one the result lacks falls back to BENCH_METHODS.
    const setsOnly = { ...result, cells: result.cells.filter((c) => c.method !== 'dm') };
    expect(methodsWithCells(setsOnly.cells)).toEqual(['random', 'herding']);
    expect(methodStyleIndex(setsOnly, 'dm')).toBe(2);
  });

  it('lays out accuracy against IPC with the look’s words, and a title only when given', () => {
    const result = smallBenchResult();
    const plain = accuracyIpcLayout(result, 'hard', LOOK);
    expect(plain.geometry.title).toBeNull();
    expect(accuracyIpcLayout(result, 'hard', LOOK, 'T').geometry.title?.text).toBe('T');
    expect(plain.geometry.refLines.map((r) => r.label)).toEqual(['Teacher: 80.0%']);
    expect(plain.description).toContain('EL2N easy-first: IPC 1 47.0%');
    const soft = accuracyIpcLayout(result, 'soft', LOOK);
    expect(soft.geometry.series.map((s) => s.label)).toEqual(['Random', 'PCA (prune, combine, augment)']);
  });

  it('lists the given methods in the bytes legend, then the label modes', () => {
    const result = benchResult({ 'random/1/hard': [0.2] });
    result.cells = result.cells.filter((c) => c.method !== 'dm');
    const labels = (methods: Parameters<typeof accuracyBytesLayout>[1]) =>
      accuracyBytesLayout(result, methods, LOOK).geometry.legend.map((e) => e.label);
    expect(labels(methodsWithCells(result.cells))).toEqual(['Random', 'Herding', 'Hard', 'Soft']);
    expect(labels(benchMethodsOf(result))).toEqual([
      'Random',
      'Herding',
      'DM (distribution matching)',
      'Hard',
      'Soft',
    ]);
    const layout = accuracyBytesLayout(result, [], LOOK);
    expect(layout.geometry.series.map((s) => s.label)).toEqual([
      'Random, hard labels',
      'Herding, hard labels',
      'Random, soft labels',
      'Herding, soft labels',
    ]);
    expect(layout.description).toContain('Herding, hard labels: none yet');
    expect(layout.geometry.refLines.map((r) => r.label)).toEqual(['Full split']);
  });

  it('labels byte ticks in decimal units, up to PB or TB', () => {
    expect([1, 1000, 25_000, 1e6, 3.2e9, 1e15].map((v) => formatByteTick(v))).toEqual([
      '1 B',
      '1 KB',
      '25 KB',
      '1 MB',
      '3.2 GB',
      '1 PB',
    ]);
    const upToTb = byteTickFormat('TB');
    expect([100, 10_000, 2.5e8, 1e15].map((v) => upToTb(v))).toEqual(['100 B', '10 KB', '250 MB', '1000 TB']);
  });
});
