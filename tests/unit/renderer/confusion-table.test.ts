import { describe, expect, it } from 'vitest';
import { confusionTable, shadeLevel, topConfusions } from '../../../src/renderer/lib/confusion-table';

describe('confusion table', () => {
  it('shades by the share of the row in five steps; any image shows', () => {
    expect([0, 0.01, 0.2, 0.21, 0.6, 0.8, 1].map(shadeLevel)).toEqual([0, 1, 1, 2, 3, 4, 5]);
  });

  it('normalises each row by its true class and counts the diagonal', () => {
    // a: 8 right, 2 taken for b. b: 1 taken for a, 3 right. c: no test images.
    const table = confusionTable(
      [
        [8, 2, 0],
        [1, 3, 0],
        [0, 0, 0],
      ],
      ['a', 'b', 'c'],
    );
    expect(table.columns).toEqual(['a', 'b', 'c']);
    expect([table.total, table.correct]).toEqual([14, 11]);
    const [a, b, c] = table.rows;
    expect([a!.total, a!.recall]).toEqual([10, 0.8]);
    // 8/10 → 4 steps, 2/10 → 1, 0 → 0.
    expect(a!.cells.map((x) => [x.count, x.share, x.level, x.correct])).toEqual([
      [8, 0.8, 4, true],
      [2, 0.2, 1, false],
      [0, 0, 0, false],
    ]);
    // 1/4 → ⌈1.25⌉ = 2 steps, 3/4 → ⌈3.75⌉ = 4.
    expect(b!.cells.map((x) => x.level)).toEqual([2, 4, 0]);
    expect(b!.recall).toBe(0.75);
    expect([c!.total, c!.recall, c!.cells.map((x) => x.level)]).toEqual([0, 0, [0, 0, 0]]);
    expect(a!.cells[1]!.label).toBe('True a, predicted b: 2 of 10 (20.0%)');
  });

  it('fills missing names and names the largest confusions', () => {
    const table = confusionTable(
      [
        [8, 2],
        [1, 3],
      ],
      ['a'],
    );
    expect(table.columns).toEqual(['a', 'class 1']);
    // class 1 → a: 1 of 4 = 25% beats a → class 1: 2 of 10 = 20%.
    expect(topConfusions(table)).toEqual([
      'class 1 taken for a: 1 of 4 (25.0%)',
      'a taken for class 1: 2 of 10 (20.0%)',
    ]);
    expect(topConfusions(table, 1)).toHaveLength(1);
  });
});
