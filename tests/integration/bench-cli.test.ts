import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('datapress bench', () => {
  it('--quick runs the smoke preset on the embedded sample end to end', () => {
    const project = join(tempDir(), 'p');
    const run = runCli(['bench', '--quick', '--project', project, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = run.json as {
      benchId: number;
      reportHtml: string;
      reportDir: string;
      table: { method: string; ipc: number; labels: string; mean: number; seeds: number }[];
      timing: { parallel: number; overhead: number };
    };
    // 6 methods × IPC 1, 2 × hard, soft.
    expect(json.table).toHaveLength(24);
    for (const cell of json.table) {
      expect(cell.seeds).toBe(2);
      expect(cell.mean).toBeGreaterThan(0);
    }
    expect(new Set(json.table.map((c) => c.method))).toEqual(
      new Set(['random', 'el2n-easy', 'herding', 'dm', 'rded', 'pca']),
    );
    expect(existsSync(json.reportHtml)).toBe(true);
    for (const png of ['plot-accuracy-ipc-hard.png', 'plot-accuracy-ipc-soft.png', 'plot-accuracy-bytes.png'])
      expect(existsSync(join(json.reportDir, png)), png).toBe(true);

    // The report again, from what SQLite holds.
    const again = runCli(['bench', '--report', String(json.benchId), '--project', project]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Random');
    expect(again.stdout).toContain(json.reportHtml);
  }, 300_000);

  it('says what is wrong with a definition and exits 2', () => {
    const dir = tempDir();
    const project = join(dir, 'p');
    expect(runCli(['bench', '--project', project]).stderr).toContain('give a definition file or --quick');
    const missing = runCli(['bench', join(dir, 'nope.json'), '--project', project]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the definition');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"methods": [');
    const invalid = runCli(['bench', broken, '--project', project]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('is not valid JSON');
    const list = join(dir, 'list.json');
    writeFileSync(list, '[1, 2]');
    expect(runCli(['bench', list, '--project', project]).stderr).toContain('must be a JSON object');
  });
});
