/**
 * Equal-width binning over [min, max] with the maximum in the last bin. CCS's strata use this same
 * function, so the histogram a user sees has exactly the strata CCS sampled from when bins match.
 * All-equal values (max === min) all land in bin 0.
 */
export function equalWidthBin(value: number, min: number, max: number, bins: number): number {
  if (max <= min) return 0;
  const b = Math.floor(((value - min) / (max - min)) * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

export interface ScoreHistogram {
  min: number;
  max: number;
  /** bins + 1 edges; edges[0] = min, edges[bins] = max exactly. */
  edges: number[];
  counts: number[];
  /** Of `counts`, how many the selection kept. */
  keptCounts: number[];
}

/**
 * Histogram of one score over a class (or a dataset), with the kept samples counted apart, so the
 * UI can show where a rule took its images from. Empty input gives min = max = 0 and zero counts.
 */
export function scoreHistogram(
  values: ArrayLike<number>,
  kept: ArrayLike<boolean>,
  bins: number,
): ScoreHistogram {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be an integer ≥ 1, got ${bins}`);
  if (kept.length !== values.length)
    throw new Error(`histogram has ${values.length} values but ${kept.length} kept flags`);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new Error(`histogram value ${i} is ${v}`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0) min = max = 0;
  const edges: number[] = [];
  // Computed from min rather than accumulated, so rounding does not drift; the last edge is pinned.
  for (let k = 0; k < bins; k++) edges.push(min + ((max - min) * k) / bins);
  edges.push(max);
  const counts = new Array<number>(bins).fill(0);
  const keptCounts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const b = equalWidthBin(values[i] as number, min, max, bins);
    counts[b] = (counts[b] as number) + 1;
    if (kept[i]) keptCounts[b] = (keptCounts[b] as number) + 1;
  }
  return { min, max, edges, counts, keptCounts };
}
