import { describe, expect, it } from 'vitest';
import {
  benchResultsCsv,
  benchSeedsCsv,
  csvDocument,
  csvField,
  RESULTS_CSV_COLUMNS,
} from '../../src/main/bench/report/report-csv';
import { smallBenchResult } from './fixtures/bench-result';

/** A minimal RFC 4180 reader, to check the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV fields', () => {
  it('quotes a field with a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect([csvField(null), csvField(undefined), csvField(Number.NaN), csvField(0.125), csvField(0)]).toEqual(
      ['', '', '', '0.125', '0'],
    );
  });

  it('ends every line with CRLF', () => {
    expect(csvDocument(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
});

describe('results CSV', () => {
  const name = 'Run 3, "final"';
  const csv = benchResultsCsv(smallBenchResult(name));
  const rows = parseCsv(csv);

  it('quotes a benchmark name with a comma and a quote', () => {
    expect(csv.split('\r\n')[1]!.startsWith('"Run 3, ""final""",digits,random,')).toBe(true);
    expect(rows[1]![0]).toBe(name);
  });

  it('has the header and one row per cell in the table order, with raw numbers', () => {
    expect(rows[0]).toEqual([...RESULTS_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 8);
    const record = (i: number) => Object.fromEntries(RESULTS_CSV_COLUMNS.map((c, j) => [c, rows[i]![j]]));
    const pca1 = record(3);
    expect(pca1).toMatchObject({
      method: 'pca',
      method_label: 'PCA (prune, combine, augment)',
      family: 'pca',
      ipc: '1',
      labels: 'hard',
      n: '2',
      seeds_planned: '3',
      train_seconds: '10.5',
      png_bytes: '1800',
      soft_label_bytes: '5400',
      storage_bytes: '1800',
      best: '1',
    });
    expect(Number(pca1.accuracy)).toBeCloseTo(0.51, 12);
    expect(Number(pca1.std)).toBeCloseTo(Math.SQRT2 / 100, 12);
    expect(Number(pca1.vs_random)).toBeCloseTo(0.09, 12);
    // The cell without a finished seed: empty accuracy, std, Δ and seconds.
    expect(record(5)).toMatchObject({
      method: 'el2n-easy',
      ipc: '10',
      accuracy: '',
      std: '',
      n: '0',
      vs_random: '',
      train_seconds: '',
      best: '0',
    });
    // Soft labels: storage = PNG + soft-label bytes.
    expect(record(8)).toMatchObject({ method: 'pca', labels: 'soft', storage_bytes: '72000' });
  });
});

describe('seeds CSV', () => {
  it('has one row per finished seed, in the table order', () => {
    const rows = parseCsv(benchSeedsCsv(smallBenchResult()));
    expect(rows[0]).toEqual(['method', 'ipc', 'labels', 'seed', 'accuracy', 'seconds', 'run_id']);
    // 3 + 3 + 2 + 3 + 0 + 3 + 3 + 3 seeds.
    expect(rows).toHaveLength(1 + 20);
    expect(rows[1]!.slice(0, 6)).toEqual(['random', '1', 'hard', '0', '0.4', '10']);
    expect(rows.slice(7, 9).map((r) => r.slice(0, 6))).toEqual([
      ['pca', '1', 'hard', '0', '0.5', '10'],
      ['pca', '1', 'hard', '1', '0.52', '11'],
    ]);
    expect(rows.slice(1).every((r) => r.length === 7 && /^\d+$/.test(r[6]!))).toBe(true);
    expect(new Set(rows.slice(1).map((r) => r[6])).size).toBe(20);
  });
});
