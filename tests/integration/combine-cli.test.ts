import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { runCli } from '../helpers/run-cli';

/** `datapress combine` through the real CLI: JSON and text output, usage errors, unknown ids. */

let root: string;
let project: string;
let selectionId: number;

const combine = (args: string[]) => runCli(['combine', ...args, '--project', project]);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'datapress-combine-cli-'));
  project = join(root, 'P');
  const imported = runCli([
    'import',
    join(RESOURCES_DIR, 'fashion-mnist-sample'),
    '--project',
    project,
    '--json',
  ]);
  expect(imported.code, imported.stderr).toBe(0);
  const selected = runCli(['select', '--method', 'random', '--ipc', '5', '--project', project, '--json']);
  expect(selected.code, selected.stderr).toBe(0);
  selectionId = (selected.json as { selectionId: number }).selectionId;
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('datapress combine', () => {
  it('--json: {setId, grid, perClass, images, bytes}; 5 kept per class at k = 2 fill 2 mosaics with 3 repeats', () => {
    const run = combine([String(selectionId), '--k', '2', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = run.json as {
      setId: number;
      grid: number;
      images: number;
      bytes: number;
      keptImages: number;
      perClass: { name: string; storedImages: number; keptImages: number; repeatedTiles: number }[];
      warnings: string[];
    };
    expect(json).toMatchObject({ grid: 2, images: 20, keptImages: 50, bytes: 20 * 28 * 28 });
    expect(json.perClass).toHaveLength(10);
    expect(json.perClass[0]).toEqual({
      index: 0,
      name: 'T-shirt/top',
      storedImages: 2,
      keptImages: 5,
      repeatedTiles: 3,
    });
    expect(json.warnings).toHaveLength(10);
    expect(json.warnings[0]).toMatch(
      /T-shirt\/top: 5 kept images fill 2 2×2 mosaic\(s\).*3 tile\(s\) repeat/,
    );
    const db = new Database(join(project, 'project.sqlite'), { readonly: true });
    const row = db
      .prepare('SELECT kind, grid, cache_file AS file FROM compressed_sets WHERE id = ?')
      .get(json.setId);
    db.close();
    expect(row).toMatchObject({
      kind: 'mosaic',
      grid: 2,
      file: expect.stringMatching(/^set-\d+-[0-9a-f]+\.u8$/),
    });
  });

  it('text: set id, stored and kept images per class, bytes; interleaved and k = 1 accepted', () => {
    const run = combine([String(selectionId), '--grouping', 'interleaved']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /compressed set #\d+: selection #\d+ as 2×2 mosaics \(interleaved\), 28×28 px/,
    );
    expect(run.stdout).toMatch(/20 stored images from 50 kept images, 15\.3 KiB of pixels/);
    expect(run.stdout).toMatch(/T-shirt\/top\s+2\s+5/);
    const one = combine([String(selectionId), '--k', '1', '--json']);
    expect(one.json).toMatchObject({ grid: 1, images: 50, keptImages: 50 });
    const sets = runCli(['sets', '--project', project]);
    expect(sets.stdout).toMatch(/2×2\s+20/);
  });

  it('bad usage exits 2; an unknown selection exits 1; nothing is stored', () => {
    // Each run starts a CLI process (about 2 s): the cases are few and each says something new.
    const before = runCli(['sets', '--project', project, '--json']).json as { sets: unknown[] };
    const bigK = combine([String(selectionId), '--k', '5']);
    expect(bigK.code).toBe(2);
    expect(bigK.stderr).toMatch(/--k must be between 1 and 4, got 5/);
    const grouping = combine([String(selectionId), '--grouping', 'diagonal']);
    expect(grouping.code).toBe(2);
    expect(grouping.stderr).toMatch(/--grouping must be consecutive or interleaved, got "diagonal"/);
    expect(combine([]).code).toBe(2);
    const missing = combine(['999', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(missing.stderr).toMatch(/selection 999 does not exist in this project/);
    const after = runCli(['sets', '--project', project, '--json']).json as { sets: unknown[] };
    expect(after.sets).toHaveLength(before.sets.length);
    expect(runCli(['--help']).stdout).toMatch(/combine\s+combine a selection's kept images/);
  });
});
