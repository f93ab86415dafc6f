import { describe, expect, it } from 'vitest';
import { pickPreviews } from '../../../../src/main/datasets/probe/preview-picks';
import type { FileEntry } from '../../../../src/main/datasets/sources/types';

function entries(perClass: Record<string, number>): FileEntry[] {
  return Object.entries(perClass).flatMap(([className, n]) =>
    Array.from({ length: n }, (_, i) => ({
      kind: 'file' as const,
      path: `/d/${className}/${i}.png`,
      relPath: `${className}/${i}.png`,
      className,
      split: null,
      bytes: 10,
    })),
  );
}

const names = (picks: ReturnType<typeof pickPreviews>) => picks.map((p) => p.entry.relPath);

describe('pickPreviews', () => {
  it('spreads fewer images than classes over evenly spaced classes', () => {
    const classes = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const picks = pickPreviews(classes, entries(Object.fromEntries(classes.map((c) => [c, 5]))), 6);
    expect(picks.map((p) => p.classIndex)).toEqual([0, 1, 3, 5, 6, 8]);
    expect(names(picks)).toEqual(['c0/0.png', 'c1/0.png', 'c3/0.png', 'c5/0.png', 'c6/0.png', 'c8/0.png']);
  });

  it('gives every class its turn when there are more images than classes, spaced inside a class', () => {
    const picks = pickPreviews(['a', 'b', 'c'], entries({ a: 10, b: 10, c: 10 }), 6);
    expect(names(picks)).toEqual(['a/0.png', 'a/5.png', 'b/0.png', 'b/5.png', 'c/0.png', 'c/5.png']);
  });

  it('passes over a class that has run out and never repeats an image', () => {
    const picks = pickPreviews(['a', 'b'], entries({ a: 1, b: 10 }), 5);
    expect(names(picks)).toEqual(['a/0.png', 'b/0.png', 'b/2.png', 'b/5.png', 'b/7.png']);
    expect(new Set(names(picks)).size).toBe(5);
  });

  it('shows at most what there is, keeps the listing class order and ignores empty classes', () => {
    expect(names(pickPreviews(['a', 'b', 'c'], entries({ a: 1, c: 1 }), 12))).toEqual(['a/0.png', 'c/0.png']);
    expect(pickPreviews(['a', 'b', 'c'], entries({ a: 1, c: 1 }), 12).map((p) => p.classIndex)).toEqual([
      0, 2,
    ]);
    expect(pickPreviews([], [], 6)).toEqual([]);
  });

  it('is deterministic', () => {
    const list = entries({ a: 7, b: 3, c: 11 });
    expect(names(pickPreviews(['a', 'b', 'c'], list, 6))).toEqual(
      names(pickPreviews(['a', 'b', 'c'], list, 6)),
    );
  });
});
