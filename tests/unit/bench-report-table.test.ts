import { describe, expect, it } from 'vitest';
import {
  benchResultRows,
  benchStorageRows,
  formatBytes,
  formatCount,
  formatMeanStd,
  formatPercent,
  formatPoints,
  formatRatio,
  formatSeconds,
  formatSeeds,
  labelModesPresent,
} from '../../src/shared/bench/bench-table';
import { smallBenchResult } from './fixtures/bench-result';

describe('results table', () => {
  const result = smallBenchResult();
  const rows = benchResultRows(result);

  it('has one row per cell, by label mode, IPC, then the order of BENCH_METHODS', () => {
    expect(rows.map((r) => `${r.labels} ${r.ipc} ${r.method}`)).toEqual([
      'hard 1 random',
      'hard 1 el2n-easy',
      'hard 1 pca',
      'hard 10 random',
      'hard 10 el2n-easy',
      'hard 10 pca',
      'soft 10 random',
      'soft 10 pca',
    ]);
    expect(labelModesPresent(result)).toEqual(['hard', 'soft']);
  });

  it('gives mean ± std, seeds and Δ vs random, worked out by hand', () => {
    const text = rows.map((r) => [
      r.methodLabel,
      r.family,
      formatMeanStd(r.mean, r.std, r.n),
      formatSeeds(r.n, r.seedsPlanned),
      formatPoints(r.vsRandom),
      formatSeconds(r.trainSeconds),
      formatBytes(r.storageBytes),
      r.best,
    ]);
    expect(text).toEqual([
      // [0.40, 0.42, 0.44]: mean 42.0, sample std 2.0; seconds 10, 11, 12 → 11.
      ['Random', 'pruning', '42.0 ± 2.0', '3', '0.0', '11.0 s', '1.50 KB', false],
      // [0.45, 0.47, 0.49]: 47.0 ± 2.0, 47.0 − 42.0 = +5.0 points.
      ['EL2N easy-first', 'pruning', '47.0 ± 2.0', '3', '+5.0', '11.0 s', '1.50 KB', false],
      // [0.50, 0.52]: 51.0, std √((0.01² + 0.01²)/1) = 1.41; two of three seeds; +9.0.
      ['PCA (prune, combine, augment)', 'pca', '51.0 ± 1.4', '2 of 3', '+9.0', '10.5 s', '1.80 KB', true],
      // [0.60, 0.60, 0.60]: no spread.
      ['Random', 'pruning', '60.0 ± 0.0', '3', '0.0', '11.0 s', '15.0 KB', false],
      // No finished seed.
      ['EL2N easy-first', 'pruning', '—', '0 of 3', '—', '—', '15.0 KB', false],
      // [0.70, 0.74, 0.72]: 72.0 ± 2.0, +12.0.
      ['PCA (prune, combine, augment)', 'pca', '72.0 ± 2.0', '3', '+12.0', '11.0 s', '18.0 KB', true],
      // Soft labels: storage adds the soft labels, 15,000 + 54,000 and 18,000 + 54,000 bytes.
      ['Random', 'pruning', '67.0 ± 2.0', '3', '0.0', '11.0 s', '69.0 KB', true],
      // [0.66, 0.66, 0.66] against 67.0: −1.0.
      ['PCA (prune, combine, augment)', 'pca', '66.0 ± 0.0', '3', '−1.0', '11.0 s', '72.0 KB', false],
    ]);
    expect(rows[2]!.vsRandom).toBeCloseTo(0.09, 12);
    expect(rows[2]!.std).toBeCloseTo(Math.SQRT2 / 100, 12);
    expect(rows[4]).toMatchObject({ mean: null, std: null, n: 0, vsRandom: null, trainSeconds: null });
    expect(rows[7]).toMatchObject({ pngBytes: 18_000, softLabelBytes: 54_000, storageBytes: 72_000 });
  });

  it('computes Δ vs random from the means when the cell does not carry it', () => {
    const r = smallBenchResult();
    for (const c of r.cells) c.vsRandom = null;
    const pca = benchResultRows(r).find(
      (row) => row.method === 'pca' && row.ipc === 10 && row.labels === 'hard',
    );
    expect(pca!.vsRandom).toBeCloseTo(0.12, 12);
  });

  it('marks every row tied for the best mean', () => {
    const r = smallBenchResult();
    const random = r.cells.find((c) => c.method === 'random' && c.labels === 'soft')!;
    random.mean = 0.66;
    const best = benchResultRows(r).filter((row) => row.labels === 'soft' && row.best);
    expect(best.map((row) => row.method)).toEqual(['random', 'pca']);
  });
});

describe('storage table', () => {
  it('has one row per set, by IPC then method, with the ratios to the full split', () => {
    const rows = benchStorageRows(smallBenchResult());
    expect(
      rows.map((r) => [
        r.methodLabel,
        r.ipc,
        r.storedImages,
        r.sourceImages,
        formatBytes(r.pngBytes),
        formatBytes(r.softLabelBytes),
        formatRatio(r.ratioToFull),
        formatRatio(r.ratioWithSoftLabels),
      ]),
    ).toEqual([
      // 3 classes × IPC 1; soft labels 300 epochs × 3 images × 3 classes × 2 bytes = 5,400.
      // Full split: 1,000,000 PNG bytes, so 1,500 → 0.15 % and 6,900 → 0.69 %.
      ['Random', 1, 3, 3, '1.50 KB', '5.40 KB', '0.15%', '0.69%'],
      ['EL2N easy-first', 1, 3, 3, '1.50 KB', '5.40 KB', '0.15%', '0.69%'],
      // PCA's 3 stored mosaics draw on 3 × 2² = 12 source images.
      ['PCA (prune, combine, augment)', 1, 3, 12, '1.80 KB', '5.40 KB', '0.18%', '0.72%'],
      ['Random', 10, 30, 30, '15.0 KB', '54.0 KB', '1.5%', '6.9%'],
      ['EL2N easy-first', 10, 30, 30, '15.0 KB', '54.0 KB', '1.5%', '6.9%'],
      ['PCA (prune, combine, augment)', 10, 30, 120, '18.0 KB', '54.0 KB', '1.8%', '7.2%'],
    ]);
  });
});

describe('formatting', () => {
  it('gives bytes in decimal units with 3 significant digits', () => {
    expect(
      [0, 999, 1000, 1234, 12_345, 123_456, 999_499, 999_500, 157_000_000, 5.8e9, 1.2e13].map(formatBytes),
    ).toEqual([
      '0 B',
      '999 B',
      '1.00 KB',
      '1.23 KB',
      '12.3 KB',
      '123 KB',
      '999 KB',
      '1.00 MB',
      '157 MB',
      '5.80 GB',
      '12.0 TB',
    ]);
    expect([null, -1, Number.NaN].map(formatBytes)).toEqual(['—', '—', '—']);
  });

  it('gives percentages with one decimal and points with a sign', () => {
    expect([0.8734, 1, 0, null].map((v) => formatPercent(v))).toEqual(['87.3', '100.0', '0.0', '—']);
    expect([0.05, -0.01, 0.0004, -0.0004, null].map((v) => formatPoints(v))).toEqual([
      '+5.0',
      '−1.0',
      '0.0',
      '0.0',
      '—',
    ]);
    expect(formatMeanStd(0.42, 0.02, 3)).toBe('42.0 ± 2.0');
    expect(formatMeanStd(0.42, 0, 1)).toBe('42.0');
    expect(formatMeanStd(null, null, 0)).toBe('—');
  });

  it('gives ratios, counts, seeds and durations', () => {
    expect([0.0015, 0.0123456, 0.5, 0.99996, 1, 36.94, 1234.5, 0, null].map(formatRatio)).toEqual([
      '0.15%',
      '1.23%',
      '50%',
      '1.00×',
      '1.00×',
      '36.9×',
      '1,235×',
      '0%',
      '—',
    ]);
    expect([0, 999, 60_000, 1_234_567].map(formatCount)).toEqual(['0', '999', '60,000', '1,234,567']);
    expect([formatSeeds(3, 3), formatSeeds(1, 3)]).toEqual(['3', '1 of 3']);
    expect([0.42, 12.34, 754, 3 * 3600 + 59, null].map(formatSeconds)).toEqual([
      '0.42 s',
      '12.3 s',
      '12 min 34 s',
      '3 h 01 min',
      '—',
    ]);
  });
});
