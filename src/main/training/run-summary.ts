import type { SeedRunDto } from '../../shared/api/dto';

/** Mean ± sample std of accuracy over seeds, per-class means, and the summed confusion matrix. */
export function summarizeRuns(
  runs: readonly SeedRunDto[],
  confusions: readonly number[][][],
): {
  runs: SeedRunDto[];
  meanAccuracy: number;
  stdAccuracy: number;
  perClassMean: number[];
  confusion: number[][];
} {
  const n = runs.length;
  if (n === 0) throw new Error('no runs to summarise');
  const mean = runs.reduce((s, r) => s + r.accuracy, 0) / n;
  const variance = n > 1 ? runs.reduce((s, r) => s + (r.accuracy - mean) ** 2, 0) / (n - 1) : 0;
  const classes = runs[0]?.perClassAccuracy.length ?? 0;
  const perClassMean = Array.from(
    { length: classes },
    (_, c) => runs.reduce((s, r) => s + (r.perClassAccuracy[c] as number), 0) / n,
  );
  const confusion = Array.from({ length: classes }, (_, i) =>
    Array.from({ length: classes }, (_, j) => confusions.reduce((s, m) => s + (m[i]?.[j] ?? 0), 0)),
  );
  return { runs: [...runs], meanAccuracy: mean, stdAccuracy: Math.sqrt(variance), perClassMean, confusion };
}
