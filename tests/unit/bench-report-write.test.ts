import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { benchReportPlots } from '../../src/main/bench/report/report-plots';
import { PLOT_PNG_SCALE, writeBenchReport } from '../../src/main/bench/report/write-report';
import { realisticBenchResult, smallBenchResult } from './fixtures/bench-result';

const OPTS = { generatedAt: '2026-05-02T08:00:00.000Z', appVersion: '0.1.0' };
const root = mkdtempSync(join(tmpdir(), 'datapress-bench-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeBenchReport', () => {
  it('writes the HTML, both CSVs, the JSON and one valid PNG per plot into a new folder', async () => {
    const dir = join(root, 'nested', 'report');
    const result = smallBenchResult('Run 3, "final"');
    const files = await writeBenchReport(dir, result, OPTS);
    expect(files).toEqual({
      html: join(dir, 'report.html'),
      csv: join(dir, 'results.csv'),
      seedsCsv: join(dir, 'seeds.csv'),
      json: join(dir, 'results.json'),
      plots: ['plot-accuracy-ipc-hard.png', 'plot-accuracy-ipc-soft.png', 'plot-accuracy-bytes.png'].map(
        (f) => join(dir, f),
      ),
    });
    // Nothing else: no temporary files left behind.
    expect(readdirSync(dir).sort()).toEqual(
      [
        'plot-accuracy-bytes.png',
        'plot-accuracy-ipc-hard.png',
        'plot-accuracy-ipc-soft.png',
        'report.html',
        'results.csv',
        'results.json',
        'seeds.csv',
      ].sort(),
    );
    expect(readFileSync(files.html, 'utf8')).toContain('<h1>Run 3, &quot;final&quot;</h1>');
    expect(readFileSync(files.csv, 'utf8').split('\r\n')).toHaveLength(1 + 8 + 1);
    expect(readFileSync(files.seedsCsv, 'utf8').split('\r\n')).toHaveLength(1 + 20 + 1);
    const json = JSON.parse(readFileSync(files.json, 'utf8'));
    expect(json).toMatchObject({ format: 'datapress-bench-report', version: 1, appVersion: '0.1.0' });
    expect(json.result).toEqual(result);
    expect(json.rows).toHaveLength(8);
    expect(json.storageRows).toHaveLength(6);

    const plots = benchReportPlots(result);
    for (const [i, path] of files.plots.entries()) {
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const meta = await sharp(bytes).metadata();
      const g = plots[i]!.geometry;
      expect([meta.format, meta.width, meta.height]).toEqual([
        'png',
        Math.round(g.width * PLOT_PNG_SCALE),
        Math.round(g.height * PLOT_PNG_SCALE),
      ]);
      // A drawn plot, not a blank page: the white background and darker ink both occur.
      const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
      expect(info.channels).toBe(1);
      let dark = 0;
      let white = 0;
      for (const v of data) {
        if (v < 128) dark++;
        else if (v > 250) white++;
      }
      expect(white / data.length).toBeGreaterThan(0.5);
      expect(dark).toBeGreaterThan(500);
    }
  });

  it('writes only the plots of the label modes present, and replaces an earlier report', async () => {
    const dir = join(root, 'again');
    await writeBenchReport(dir, realisticBenchResult(), OPTS);
    const hardOnly = smallBenchResult('hard only');
    hardOnly.cells = hardOnly.cells.filter((c) => c.labels === 'hard');
    const files = await writeBenchReport(dir, hardOnly, OPTS);
    expect(files.plots.map((p) => p.slice(dir.length + 1))).toEqual([
      'plot-accuracy-ipc-hard.png',
      'plot-accuracy-bytes.png',
    ]);
    expect(readFileSync(files.html, 'utf8')).toContain('<h1>hard only</h1>');
    // The earlier report's soft-label plot is gone.
    expect(existsSync(join(dir, 'plot-accuracy-ipc-soft.png'))).toBe(false);
  });
});
