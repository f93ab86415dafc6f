import { describe, expect, it } from 'vitest';
import type { ScoreSetDto, SelectionComparisonDto, SelectionDto } from '../../../src/shared/api/dto';
import {
  compareRows,
  defaultComparePair,
  describeScoreSet,
  describeSelection,
  formatScore,
  formatShortDuration,
  keptPage,
  methodWords,
  scoreLabel,
  scoreSetRow,
  selectionClassRows,
} from '../../../src/renderer/lib/prune-summary';

const scoreSet = {
  id: 1,
  model: 'convnet',
  width: 8,
  depth: 3,
  epochs: 2,
  seeds: [0],
  seconds: 3.66,
  imagesPerSecond: 2092.29,
  finalTrainAccuracy: 0.641,
  featureDims: 64,
  featureExplained: 0.9972,
} as ScoreSetDto;

describe('prune summaries', () => {
  it('formats short times and scores', () => {
    expect(formatShortDuration(0.0236)).toBe('24 ms');
    expect(formatShortDuration(3.44)).toBe('3.4 s');
    expect(formatShortDuration(9.96)).toBe('10 s');
    expect(formatShortDuration(125)).toBe('2 min 05 s');
    expect(formatScore(0.023456)).toBe('0.0235');
    expect(formatScore(2.1749)).toBe('2.17');
    expect(formatScore(1234.5)).toBe('1230');
    expect(formatScore(-2)).toBe('-2');
    expect(formatScore(Number.NaN)).toBe('—');
  });

  it('turns a score set into a table row and a picker label', () => {
    expect(scoreSetRow(scoreSet)).toEqual({
      id: 1,
      model: 'ConvNet-3, width 8',
      epochs: '2',
      runs: '1',
      time: '3.7 s',
      rate: '2,092',
      accuracy: '64.1%',
      features: '64 (99.7% of the variation)',
    });
    expect(describeScoreSet(scoreSet)).toBe('#1 · width 8 · 2 epochs × 1 run');
    expect(describeScoreSet({ ...scoreSet, epochs: 1, seeds: [0, 1] })).toBe(
      '#1 · width 8 · 1 epoch × 2 runs',
    );
  });

  it('names methods and rules in words', () => {
    expect(methodWords('el2n', 'easy')).toBe('EL2N, easiest');
    expect(methodWords('aum', 'ccs')).toBe('AUM, spread (CCS)');
    expect(methodWords('random', 'none')).toBe('Random');
    expect(methodWords('kcenter', 'none')).toBe('k-center');
    const selection = { id: 4, method: 'forgetting', rule: 'hard', ipc: 5, kept: 48 } as SelectionDto;
    expect(describeSelection(selection)).toBe('#4 · Forgetting, hardest · 5 per class · 48 images');
    expect(scoreLabel('aum')).toBe('AUM');
    expect(scoreLabel('el2n')).toBe('EL2N');
  });

  it('compares the newest two selections first, the older as A', () => {
    const sels = [{ id: 1 }, { id: 3 }, { id: 2 }] as SelectionDto[];
    expect(defaultComparePair(sels)).toEqual({ a: 2, b: 3 });
    expect(defaultComparePair([{ id: 1 }] as SelectionDto[])).toEqual({ a: null, b: 1 });
  });

  it('turns a comparison into rows and a total', () => {
    // 5 and 5 kept, 1 shared: Jaccard = 1 / (5 + 5 − 1) = 0.111…
    const result: SelectionComparisonDto = {
      a: 1,
      b: 2,
      perClass: [
        { classIndex: 0, name: 'Coat', countA: 5, countB: 5, overlap: 1, jaccard: 1 / 9 },
        { classIndex: 1, name: 'Bag', countA: 5, countB: 5, overlap: 5, jaccard: 1 },
      ],
      countA: 10,
      countB: 10,
      overlap: 6,
      jaccard: 6 / 14,
    };
    expect(compareRows(result)).toEqual({
      rows: [
        { name: 'Coat', countA: '5', countB: '5', overlap: '1', jaccard: '0.11' },
        { name: 'Bag', countA: '5', countB: '5', overlap: '5', jaccard: '1.00' },
      ],
      total: { name: 'All classes', countA: '10', countB: '10', overlap: '6', jaccard: '0.43' },
    });
  });

  it('pages through kept images a grid at a time', () => {
    expect(keptPage(0, 8, 5)).toEqual({ label: 'Kept 1–5 of 5', previous: null, next: null });
    expect(keptPage(0, 8, 20)).toEqual({ label: 'Kept 1–8 of 20', previous: null, next: 8 });
    expect(keptPage(8, 8, 20)).toEqual({ label: 'Kept 9–16 of 20', previous: 0, next: 16 });
    expect(keptPage(16, 8, 20)).toEqual({ label: 'Kept 17–20 of 20', previous: 8, next: null });
    expect(keptPage(0, 8, 0)).toEqual({ label: 'Nothing kept in this class', previous: null, next: null });
  });

  it('gives a selection a row per class: kept of available and the share', () => {
    const perClass = [
      { classIndex: 0, name: 'cat', kept: 5, available: 300 },
      { classIndex: 1, name: 'dog', kept: 1200, available: 1200 },
      { classIndex: 2, name: 'eel', kept: 0, available: 0 },
    ];
    expect(selectionClassRows({ perClass })).toEqual([
      { key: 0, name: 'cat', cells: ['5 of 300', '1.7%'] },
      { key: 1, name: 'dog', cells: ['1,200 of 1,200', '100.0%'] },
      { key: 2, name: 'eel', cells: ['0 of 0', '0.0%'] },
    ]);
  });
});
