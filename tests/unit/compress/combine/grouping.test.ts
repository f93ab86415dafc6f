import { describe, expect, it } from 'vitest';
import { groupTiles, mosaicCount, repeatedSlots } from '../../../../src/main/compress/combine/grouping';

/** Expected groups worked out by hand from METHODS.md's rules (see grouping.ts). */
describe('groupTiles', () => {
  const eight = [10, 11, 12, 13, 14, 15, 16, 17];

  it('consecutive: mosaic j takes ranks j·k² … j·k² + k² − 1', () => {
    expect(groupTiles(eight, 2, 'consecutive')).toEqual([
      [10, 11, 12, 13],
      [14, 15, 16, 17],
    ]);
  });

  it('interleaved: with n = 2 mosaics, mosaic 0 takes ranks 0, 2, 4, 6 and mosaic 1 ranks 1, 3, 5, 7', () => {
    expect(groupTiles(eight, 2, 'interleaved')).toEqual([
      [10, 12, 14, 16],
      [11, 13, 15, 17],
    ]);
  });

  it('a class short of n·k² images repeats its images from rank 0 on (slot r holds rank r mod L)', () => {
    // L = 5, k = 2: n = 2 mosaics, 8 slots; slots 5, 6, 7 hold ranks 0, 1, 2.
    const five = [1, 2, 3, 4, 5];
    expect(mosaicCount(5, 2)).toBe(2);
    expect(repeatedSlots(5, 2)).toBe(3);
    expect(groupTiles(five, 2, 'consecutive')).toEqual([
      [1, 2, 3, 4],
      [5, 1, 2, 3],
    ]);
    // Interleaved takes slots j, n + j, 2n + j, 3n + j: mosaic 0 = slots 0, 2, 4, 6; mosaic 1 = 1, 3, 5, 7.
    expect(groupTiles(five, 2, 'interleaved')).toEqual([
      [1, 3, 5, 2],
      [2, 4, 1, 3],
    ]);
  });

  it('k = 3 with 10 images: 2 mosaics of 9, slots 10…17 wrap to ranks 0…7', () => {
    const ten = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(groupTiles(ten, 3, 'consecutive')).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
      [9, 0, 1, 2, 3, 4, 5, 6, 7],
    ]);
    expect(groupTiles(ten, 3, 'interleaved')).toEqual([
      [0, 2, 4, 6, 8, 0, 2, 4, 6],
      [1, 3, 5, 7, 9, 1, 3, 5, 7],
    ]);
    expect(repeatedSlots(10, 3)).toBe(8);
  });

  it('k = 1 gives one tile per mosaic in rank order, for either grouping', () => {
    expect(groupTiles([7, 8, 9], 1, 'consecutive')).toEqual([[7], [8], [9]]);
    expect(groupTiles([7, 8, 9], 1, 'interleaved')).toEqual([[7], [8], [9]]);
    expect(repeatedSlots(3, 1)).toBe(0);
  });

  it('one image fills a whole mosaic; no images give no mosaics', () => {
    expect(groupTiles([42], 2, 'interleaved')).toEqual([[42, 42, 42, 42]]);
    expect(groupTiles([], 2, 'consecutive')).toEqual([]);
    expect(repeatedSlots(0, 2)).toBe(0);
  });

  it('refuses a k that is not a positive integer and an unknown grouping', () => {
    expect(() => groupTiles(eight, 0, 'consecutive')).toThrow(/positive integer/);
    expect(() => groupTiles(eight, 1.5, 'consecutive')).toThrow(/positive integer/);
    expect(() => groupTiles(eight, 2, 'diagonal' as never)).toThrow(/unknown grouping "diagonal"/);
  });
});
