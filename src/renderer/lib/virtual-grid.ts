/**
 * The geometry of a virtualised grid of equal square cells: which rows a scroll position shows,
 * and where to draw them. Pure, so the numbers are tested by hand; the component only renders
 * the rows this returns, whatever the item count.
 */

export interface GridInput {
  scrollTop: number;
  viewportHeight: number;
  /** Inner width of the scroll container (without its scrollbar). */
  containerWidth: number;
  itemCount: number;
  /** Side of a cell in CSS pixels. */
  cellSize: number;
  /** Space between cells, across and down. */
  gap: number;
  /** Rows rendered beyond each edge of the viewport, so a small scroll never shows a blank row. */
  overscanRows: number;
}

export interface GridWindow {
  columns: number;
  rows: number;
  /** Distance from one row's top to the next: cell plus gap. */
  rowStride: number;
  /** Height of the whole grid: rows cells and the gaps between them (0 when empty). */
  totalHeight: number;
  /** The viewport's items (without overscan): the first, and one past the last. */
  firstVisible: number;
  endVisible: number;
  /** Rendered rows (with overscan): the first, and one past the last. */
  firstRow: number;
  endRow: number;
  /** Rendered items: the first, and one past the last. */
  firstIndex: number;
  endIndex: number;
  /** Top of the first rendered row, from the grid's top. */
  offsetTop: number;
}

/** As many cells as fit across, never fewer than one (a narrow container still scrolls). */
export function columnCount(containerWidth: number, cellSize: number, gap: number): number {
  return Math.max(1, Math.floor((Math.max(0, containerWidth) + gap) / (cellSize + gap)));
}

export function gridWindow(input: GridInput): GridWindow {
  const { viewportHeight, itemCount, cellSize, gap, overscanRows } = input;
  const columns = columnCount(input.containerWidth, cellSize, gap);
  const rows = Math.ceil(Math.max(0, itemCount) / columns);
  const rowStride = cellSize + gap;
  const totalHeight = rows === 0 ? 0 : rows * rowStride - gap;
  if (rows === 0) {
    return {
      columns,
      rows,
      rowStride,
      totalHeight,
      firstVisible: 0,
      endVisible: 0,
      firstRow: 0,
      endRow: 0,
      firstIndex: 0,
      endIndex: 0,
      offsetTop: 0,
    };
  }
  // Overscrolled or stale positions (the count just shrank) are clamped to the real range.
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const top = Math.min(Math.max(0, input.scrollTop), maxScroll);
  // Row r covers [r·stride, r·stride + cell); the viewport covers [top, top + height).
  const firstVisibleRow = Math.min(rows - 1, Math.floor(top / rowStride));
  const endVisibleRow = Math.min(
    rows,
    Math.max(firstVisibleRow + 1, Math.ceil((top + viewportHeight) / rowStride)),
  );
  const firstRow = Math.max(0, firstVisibleRow - overscanRows);
  const endRow = Math.min(rows, endVisibleRow + overscanRows);
  return {
    columns,
    rows,
    rowStride,
    totalHeight,
    firstVisible: firstVisibleRow * columns,
    endVisible: Math.min(itemCount, endVisibleRow * columns),
    firstRow,
    endRow,
    firstIndex: firstRow * columns,
    endIndex: Math.min(itemCount, endRow * columns),
    offsetTop: firstRow * rowStride,
  };
}

/** The keys that scroll the grid when it has focus. */
export type ScrollKey = 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

export function isScrollKey(key: string): key is ScrollKey {
  return ['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'].includes(key);
}

/**
 * Where a key moves the scroll position: a row for the arrows, a viewport less one row for the
 * page keys (one row stays in sight, so the reader keeps their place), the ends for Home/End.
 */
export function scrollTargetForKey(
  key: ScrollKey,
  scrollTop: number,
  viewportHeight: number,
  totalHeight: number,
  rowStride: number,
): number {
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const page = Math.max(rowStride, viewportHeight - rowStride);
  const moves: Record<ScrollKey, number> = {
    ArrowUp: scrollTop - rowStride,
    ArrowDown: scrollTop + rowStride,
    PageUp: scrollTop - page,
    PageDown: scrollTop + page,
    Home: 0,
    End: maxScroll,
  };
  return Math.min(Math.max(0, moves[key]), maxScroll);
}
