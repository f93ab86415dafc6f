import { describe, expect, it } from 'vitest';
import {
  columnCount,
  gridWindow,
  isScrollKey,
  scrollTargetForKey,
  type GridInput,
} from '../../../src/renderer/lib/virtual-grid';

/**
 * 64 px cells, 4 px gaps: a row every 68 px. 500 px across holds 7 cells (7·64 + 6·4 = 472;
 * 8 would need 540). 100 items make ⌈100/7⌉ = 15 rows, 15·68 − 4 = 1016 px high.
 */
const base: GridInput = {
  scrollTop: 0,
  viewportHeight: 200,
  containerWidth: 500,
  itemCount: 100,
  cellSize: 64,
  gap: 4,
  overscanRows: 1,
};

describe('columnCount', () => {
  it('fits as many cells as the width holds, gaps only between them, at least one', () => {
    expect(columnCount(200, 64, 4)).toBe(3); // 3·64 + 2·4 = 200 exactly
    expect(columnCount(199, 64, 4)).toBe(2);
    expect(columnCount(500, 64, 4)).toBe(7);
    expect(columnCount(30, 64, 4)).toBe(1);
    expect(columnCount(0, 64, 4)).toBe(1);
  });
});

describe('gridWindow', () => {
  it('renders the rows the viewport crosses plus the overscan', () => {
    // Viewport 150–350: row 2 (136–200) through row 5 (340–404); overscan adds rows 1 and 6.
    expect(gridWindow({ ...base, scrollTop: 150 })).toEqual({
      columns: 7,
      rows: 15,
      rowStride: 68,
      totalHeight: 1016,
      firstVisible: 14,
      endVisible: 42,
      firstRow: 1,
      endRow: 7,
      firstIndex: 7,
      endIndex: 49,
      offsetTop: 68,
    });
  });

  it('does not count a row that starts exactly at the viewport bottom', () => {
    // Viewport 0–136: rows 0 (0–64) and 1 (68–132); row 2 starts at 136.
    const w = gridWindow({ ...base, viewportHeight: 136, overscanRows: 0 });
    expect([w.firstVisible, w.endVisible, w.firstIndex, w.endIndex, w.offsetTop]).toEqual([0, 14, 0, 14, 0]);
  });

  it('ends with the last, partly filled row and clamps an overscrolled position', () => {
    // Bottom: 1016 − 200 = 816; rows 12 (816–880) to 14; the last row holds items 98 and 99.
    const end = {
      columns: 7,
      rows: 15,
      rowStride: 68,
      totalHeight: 1016,
      firstVisible: 84,
      endVisible: 100,
      firstRow: 11,
      endRow: 15,
      firstIndex: 77,
      endIndex: 100,
      offsetTop: 748,
    };
    expect(gridWindow({ ...base, scrollTop: 816 })).toEqual(end);
    expect(gridWindow({ ...base, scrollTop: 5000 })).toEqual(end);
    expect(gridWindow({ ...base, scrollTop: -40 }).firstVisible).toBe(0);
  });

  it('keeps 100,000 items to about a hundred rendered cells at the very end', () => {
    // 900 px: 13 across; 7,693 rows (13·7,692 = 99,996); 7,693·68 − 4 = 523,120 px.
    // Bottom 523,120 − 420 = 522,700 → first visible row ⌊522,700/68⌋ = 7,686, overscan 2 → 7,684.
    const w = gridWindow({
      ...base,
      containerWidth: 900,
      itemCount: 100_000,
      viewportHeight: 420,
      scrollTop: 1e9,
      overscanRows: 2,
    });
    expect(w).toMatchObject({
      columns: 13,
      rows: 7693,
      totalHeight: 523_120,
      firstVisible: 99_918,
      endVisible: 100_000,
      firstIndex: 99_892,
      endIndex: 100_000,
      offsetTop: 522_512,
    });
    expect(w.endIndex - w.firstIndex).toBe(108);
  });

  it('is empty without items and still has a column', () => {
    expect(gridWindow({ ...base, itemCount: 0, scrollTop: 300 })).toMatchObject({
      columns: 7,
      rows: 0,
      totalHeight: 0,
      firstIndex: 0,
      endIndex: 0,
      firstVisible: 0,
      endVisible: 0,
      offsetTop: 0,
    });
  });

  it('shows at least one row before the viewport has been measured', () => {
    const w = gridWindow({ ...base, viewportHeight: 0, overscanRows: 0 });
    expect([w.firstIndex, w.endIndex]).toEqual([0, 7]);
  });
});

describe('scrollTargetForKey', () => {
  // Viewport 200, grid 1016 high (bottom at 816), a row every 68.
  const target = (key: Parameters<typeof scrollTargetForKey>[0], top: number) =>
    scrollTargetForKey(key, top, 200, 1016, 68);

  it('moves a row for the arrows, a viewport less one row for the page keys, to the ends for Home and End', () => {
    expect(target('ArrowDown', 0)).toBe(68);
    expect(target('ArrowUp', 100)).toBe(32);
    expect(target('PageDown', 0)).toBe(132); // 200 − 68
    expect(target('PageUp', 500)).toBe(368);
    expect(target('Home', 500)).toBe(0);
    expect(target('End', 0)).toBe(816);
  });

  it('stays within the grid', () => {
    expect(target('ArrowUp', 0)).toBe(0);
    expect(target('PageDown', 800)).toBe(816);
    expect(scrollTargetForKey('End', 0, 200, 100, 68)).toBe(0); // shorter than the viewport
    expect(scrollTargetForKey('PageDown', 0, 50, 1016, 68)).toBe(68); // a page is at least a row
  });

  it('knows which keys it handles', () => {
    expect(['ArrowDown', 'PageUp', 'End', 'Home'].every(isScrollKey)).toBe(true);
    expect(isScrollKey('ArrowLeft')).toBe(false);
    expect(isScrollKey('a')).toBe(false);
  });
});
