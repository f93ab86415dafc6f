import { describe, expect, it } from 'vitest';
import { groupByClass, selectRandomBalanced } from '../../../src/main/compress/random-selection';

describe('class-balanced random selection', () => {
  const byClass = new Map([
    [0, [5, 1, 3, 7, 9]],
    [1, [2, 4, 6, 8, 10, 12]],
  ]);

  it('keeps exactly IPC distinct members of each class', () => {
    const out = selectRandomBalanced(byClass, 3, 0);
    expect(out.get(0)).toHaveLength(3);
    expect(out.get(1)).toHaveLength(3);
    expect(new Set(out.get(0)).size).toBe(3);
    for (const id of out.get(0) ?? []) expect([1, 3, 5, 7, 9]).toContain(id);
    for (const id of out.get(1) ?? []) expect([2, 4, 6, 8, 10, 12]).toContain(id);
  });

  it('depends on the seed and on the ids only, not on their input order', () => {
    const a = selectRandomBalanced(byClass, 2, 7);
    const shuffled = new Map([
      [1, [12, 10, 8, 6, 4, 2]],
      [0, [9, 7, 5, 3, 1]],
    ]);
    expect(selectRandomBalanced(shuffled, 2, 7)).toEqual(a);
    const seeds = new Set(
      Array.from({ length: 8 }, (_, s) => JSON.stringify([...selectRandomBalanced(byClass, 2, s)])),
    );
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('names the classes that hold fewer images than the IPC', () => {
    expect(() => selectRandomBalanced(byClass, 6, 0, ['shoe', 'bag'])).toThrow(
      'IPC 6 is larger than what some classes hold: "shoe" has 5',
    );
  });

  it('groups samples by class', () => {
    expect(
      groupByClass([
        { id: 1, classIndex: 1 },
        { id: 2, classIndex: 0 },
        { id: 3, classIndex: 1 },
      ]),
    ).toEqual(
      new Map([
        [1, [1, 3]],
        [0, [2]],
      ]),
    );
  });
});
