import { describe, expect, it } from 'vitest';
import {
  classCounts,
  probeWarnings,
  sizeSummary,
  skippedSummary,
  splitSourceOf,
} from '../../../../src/main/datasets/probe/source-summary';
import type { ImageProbe } from '../../../../src/main/datasets/sources/probe-image';
import type { FileEntry, FileListing, SplitName } from '../../../../src/main/datasets/sources/types';

function listing(rows: [string, SplitName | null][], format: 'folder' | 'csv' = 'folder'): FileListing {
  const entries: FileEntry[] = rows.map(([className, split], i) => ({
    kind: 'file',
    path: `/d/${i}.png`,
    relPath: `${i}.png`,
    className,
    split,
    bytes: 1,
  }));
  return {
    format,
    root: '/d',
    baseDir: '/d',
    classNames: [...new Set(rows.map(([c]) => c))].sort(),
    entries,
    skipped: [
      { path: '/d/.DS_Store', reason: 'hidden' },
      { path: '/d/a.txt', reason: 'not-an-image' },
      { path: '/d/b.txt', reason: 'not-an-image', detail: 'no image extension' },
    ],
  };
}

const probe = (height: number, width: number, channels: 1 | 3 = 3): ImageProbe => ({
  height,
  width,
  channels,
  format: 'png',
  bitDepth: 8,
  hasAlpha: false,
});

describe('source summary', () => {
  it('counts each class by the split the source gives', () => {
    const l = listing([
      ['cat', 'train'],
      ['cat', 'test'],
      ['dog', 'train'],
      ['dog', 'train'],
    ]);
    expect(classCounts(l)).toEqual([
      { name: 'cat', train: 1, test: 1, unsplit: 0 },
      { name: 'dog', train: 2, test: 0, unsplit: 0 },
    ]);
    expect(splitSourceOf(l)).toBe('folders');
    expect(splitSourceOf(listing([['cat', 'test']], 'csv'))).toBe('manifest');
  });

  it('says when the split is to be held out, or only partly given', () => {
    expect(splitSourceOf(listing([['cat', null]]))).toBe('hold-out');
    expect(
      splitSourceOf(
        listing(
          [
            ['cat', null],
            ['cat', 'test'],
          ],
          'csv',
        ),
      ),
    ).toBe('partial');
  });

  it('groups skipped files by reason', () => {
    expect(skippedSummary(listing([['cat', null]]))).toEqual({
      total: 3,
      byReason: { hidden: 1, 'not-an-image': 2 },
      examples: [
        { path: '/d/.DS_Store', reason: 'hidden' },
        { path: '/d/a.txt', reason: 'not-an-image' },
        { path: '/d/b.txt', reason: 'not-an-image', detail: 'no image extension' },
      ],
    });
  });

  it('finds the most common size and how many differ', () => {
    const l = listing([['cat', null]]);
    const sizes = sizeSummary(l, {
      probes: [probe(28, 28, 1), probe(28, 28, 1), probe(32, 40), probe(28, 28, 1)],
      unreadable: 1,
    });
    expect(sizes).toEqual({
      examined: 5,
      unreadable: 1,
      common: { height: 28, width: 28, count: 3 },
      differing: 1,
      top: [
        { height: 28, width: 28, count: 3 },
        { height: 32, width: 40, count: 1 },
      ],
      allGrey: false,
    });
  });

  it('warns in words about what the import would run into', () => {
    const nothing = sizeSummary(listing([['cat', null]]), { probes: [], unreadable: 4 });
    expect(nothing.common).toBeNull();
    expect(probeWarnings([{ name: 'cat', train: 0, test: 0, unsplit: 4 }], 'hold-out', nothing)).toEqual([
      'none of the 4 files examined could be read as an image: the import would find nothing to import',
      'only one class was found: training needs at least two',
    ]);
    const fine = sizeSummary(listing([['cat', null]]), { probes: [probe(8, 8)], unreadable: 0 });
    expect(
      probeWarnings(
        [
          { name: 'cat', train: 5, test: 0, unsplit: 0 },
          { name: 'dog', train: 1, test: 0, unsplit: 0 },
          { name: 'eel', train: 3, test: 2, unsplit: 0 },
        ],
        'folders',
        fine,
      ),
    ).toEqual([
      'class "cat" has no test image in the source\'s split',
      'class "dog" has a single image (it stays in train)',
    ]);
  });
});
