import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('datapress score / select / selections', () => {
  it('scores, selects with --json, compares, and refuses bad usage with exit 2', () => {
    const project = join(tempDir(), 'proj');
    const sample = join(RESOURCES_DIR, 'fashion-mnist-sample');
    // The import command has no per-class limit: the full sample (3,000 training images) is scored.
    expect(runCli(['import', sample, '--project', project, '--json']).code).toBe(0);

    const estimate = runCli([
      'score',
      '--project',
      project,
      '--width',
      '4',
      '--depth',
      '2',
      '--epochs',
      '1',
      '--estimate',
      '--json',
    ]);
    expect(estimate.code).toBe(0);
    expect(estimate.json).toMatchObject({ estimate: { trainImages: 3000, imagePasses: 3000 } });

    const score = runCli([
      'score',
      '--project',
      project,
      '--width',
      '4',
      '--depth',
      '2',
      '--epochs',
      '1',
      '--json',
    ]);
    expect(score.code, score.stderr).toBe(0);
    expect(score.json).toMatchObject({
      scoreSetId: 1,
      reused: false,
      scoreSet: { samples: 3000, epochs: 1, width: 4 },
    });
    expect(score.json?.['trainSeconds']).toBeGreaterThan(0);

    const easy = runCli([
      'select',
      '--project',
      project,
      '--method',
      'el2n',
      '--rule',
      'easy',
      '--ipc',
      '4',
      '--json',
    ]);
    expect(easy.code, easy.stderr).toBe(0);
    expect(easy.json).toMatchObject({ selectionId: 1, ipc: 4, kept: 40, warnings: [] });
    const perClass = easy.json?.['perClass'] as { kept: number; available: number }[];
    expect(perClass.map((c) => [c.kept, c.available])).toEqual(Array(10).fill([4, 300]));

    const random = runCli([
      'select',
      '--project',
      project,
      '--method',
      'random',
      '--fraction',
      '0.01',
      '--seed',
      '3',
      '--json',
    ]);
    expect(random.json).toMatchObject({ selectionId: 2, ipc: 3, kept: 30 });
    const text = runCli(['selections', '--project', project, '--compare', '1,2']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/selection #1 against #2/);
    expect(text.stdout).toMatch(/Ankle boot\s+4\s+3\s+\d+/);

    const unknown = runCli(['select', '--project', project, '--method', 'median', '--ipc', '4']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown method "median"/);
    const noBudget = runCli(['select', '--project', project, '--method', 'el2n']);
    expect(noBudget.code).toBe(2);
    expect(noBudget.stderr).toMatch(/exactly one budget/);
    const zero = runCli(['select', '--project', project, '--method', 'el2n', '--ipc', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--ipc must be between 1 and/);
    const list = runCli(['selections', '--project', project, '--json']);
    expect((list.json?.['selections'] as unknown[]).length).toBe(2);
  }, 180_000);
});
