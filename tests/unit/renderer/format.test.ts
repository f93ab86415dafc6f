import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatPhase,
  formatRate,
  formatTimestamp,
  secondsBetween,
} from '../../../src/renderer/lib/format';

describe('renderer formatting', () => {
  it('formats byte sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(9_420_000)).toBe('9.0 MiB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('formats counts, percentages and rates', () => {
    expect(formatCount(60000)).toBe('60,000');
    expect(formatPercent(0.8734)).toBe('87.3%');
    expect(formatPercent(1, 0)).toBe('100%');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatRate(1234.4)).toBe('1,234/s');
    expect(formatRate(12.345)).toBe('12.3/s');
    expect(formatRate(1.234)).toBe('1.23/s');
    expect(formatRate(0)).toBe('—');
  });

  it('formats durations and unknown ETAs', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(0.4)).toBe('0 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });

  it('turns phase identifiers into labels', () => {
    expect(formatPhase('train-compressed')).toBe('Train compressed');
    expect(formatPhase('import')).toBe('Import');
    expect(formatPhase('')).toBe('');
  });

  it('formats timestamps and spans between them', () => {
    expect(formatTimestamp(null)).toBe('—');
    expect(formatTimestamp('garbage')).toBe('garbage');
    expect(formatTimestamp('2024-03-05T07:08:09')).toBe('2024-03-05 07:08:09');
    expect(secondsBetween('2024-01-01T00:00:00Z', '2024-01-01T00:01:30Z')).toBe(90);
    expect(secondsBetween(null, '2024-01-01T00:00:00Z')).toBeNull();
  });
});
