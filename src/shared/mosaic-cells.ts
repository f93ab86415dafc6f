/**
 * The one rule for where the cells of a k×k mosaic lie: cell j of k along an axis of R pixels
 * spans [round(j·R/k), round((j+1)·R/k)). The mosaic builders and the constrained crop both use
 * it, so a crop stays inside what was pasted as one tile. When k divides R every cell is R/k
 * wide; otherwise cells differ by at most one pixel and still tile the axis exactly (Math.round
 * rounds halves up: R = 6, k = 4 gives 0, 2, 3, 5, 6).
 */
export function cellSpan(j: number, k: number, R: number): [number, number] {
  return [Math.round((j * R) / k), Math.round(((j + 1) * R) / k)];
}

/** The k + 1 cell boundaries along an axis of R pixels. */
export function cellBounds(R: number, k: number): number[] {
  return Array.from({ length: k + 1 }, (_, j) => (j < k ? cellSpan(j, k, R)[0] : R));
}
