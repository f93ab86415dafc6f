import { formatCount, formatPercent } from './format';

/** Shading steps of a cell, 0 (empty) to SHADE_LEVELS (its whole row). */
export const SHADE_LEVELS = 5;

export interface ConfusionCell {
  count: number;
  /** The cell's share of its row: of the images of the true class, how many were predicted so. */
  share: number;
  level: number;
  /** On the diagonal: predicted right. */
  correct: boolean;
  /** The cell in words, for its tooltip. */
  label: string;
}

export interface ConfusionRow {
  name: string;
  /** Test images of the true class. */
  total: number;
  cells: ConfusionCell[];
  /** Share of the row predicted right (the class's accuracy); 0 for an empty row. */
  recall: number;
}

export interface ConfusionTable {
  columns: string[];
  rows: ConfusionRow[];
  total: number;
  correct: number;
}

/** 0 for nothing; otherwise ⌈share × levels⌉, so any image at all shows at least the first step. */
export function shadeLevel(share: number): number {
  if (!(share > 0)) return 0;
  return Math.min(SHADE_LEVELS, Math.ceil(share * SHADE_LEVELS - 1e-9));
}

/**
 * A confusion matrix (confusion[true][predicted], counts) as table rows, each cell shaded by
 * its share of the row: rows are normalised so a small class reads as clearly as a large one.
 */
export function confusionTable(
  confusion: readonly (readonly number[])[],
  names: readonly string[],
): ConfusionTable {
  const n = Math.max(confusion.length, names.length);
  const name = (i: number) => names[i] ?? `class ${i}`;
  const columns = Array.from({ length: n }, (_, i) => name(i));
  let total = 0;
  let correct = 0;
  const rows = Array.from({ length: n }, (_, t): ConfusionRow => {
    const counts = Array.from({ length: n }, (_, p) => confusion[t]?.[p] ?? 0);
    const rowTotal = counts.reduce((a, b) => a + b, 0);
    total += rowTotal;
    correct += counts[t] as number;
    const cells = counts.map((count, p) => {
      const share = rowTotal > 0 ? count / rowTotal : 0;
      return {
        count,
        share,
        level: shadeLevel(share),
        correct: p === t,
        label: `True ${name(t)}, predicted ${name(p)}: ${formatCount(count)} of ${formatCount(rowTotal)} (${formatPercent(share)})`,
      };
    });
    return {
      name: name(t),
      total: rowTotal,
      cells,
      recall: rowTotal > 0 ? (counts[t] as number) / rowTotal : 0,
    };
  });
  return { columns, rows, total, correct };
}

/** The largest confusions off the diagonal, in words: "Shirt taken for T-shirt/top: 12 of 40 (30.0%)". */
export function topConfusions(table: ConfusionTable, limit = 3): string[] {
  return table.rows
    .flatMap((row, t) =>
      row.cells
        .map((cell, p) => ({ cell, t, p }))
        .filter(({ cell, p }) => p !== t && cell.count > 0)
        .map(({ cell, p }) => ({
          share: cell.share,
          count: cell.count,
          text: `${row.name} taken for ${table.columns[p]}: ${formatCount(cell.count)} of ${formatCount(row.total)} (${formatPercent(cell.share)})`,
        })),
    )
    .sort((a, b) => b.share - a.share || b.count - a.count)
    .slice(0, limit)
    .map((c) => c.text);
}
