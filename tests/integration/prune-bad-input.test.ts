import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoreResultDto } from '../../src/shared/api/dto';
import { connect } from '../helpers/api-session';
import { encodeImage, noiseImage } from '../helpers/image-fixtures';
import { writeIdxFixture } from '../helpers/idx-fixture';
import { useTempDirs } from '../helpers/temp-dir';
import { writeFileSync, mkdirSync } from 'node:fs';

const tempDir = useTempDirs();

describe('pruning refuses bad input clearly and stores nothing half-written', () => {
  it("one class, missing dataset, unknown method, IPC 0, a rule for random, no scores yet, another dataset's scores", async () => {
    const { backend, api, run } = connect(tempDir());
    await api.call('projects.create', { project: 'p' });
    const oneClass = tempDir();
    writeIdxFixture(oneClass, { classes: 1, trainPerClass: 6, testPerClass: 2 });
    const one = (
      (await run(await api.call('datasets.import', { project: 'p', params: { path: oneClass } }))) as {
        datasetId: number;
      }
    ).datasetId;
    await expect(
      api.call('scores.start', { project: 'p', params: { datasetId: one } }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/one class only .*at least two classes/),
    });
    await expect(api.call('scores.start', { project: 'p', params: { datasetId: 99 } })).rejects.toMatchObject(
      { code: 'not_found' },
    );
    expect(await api.call('jobs.list', { project: 'p' })).toHaveLength(1); // only the import ran

    const two = tempDir();
    writeIdxFixture(two, { classes: 2, trainPerClass: 8, testPerClass: 2 });
    const ds = (
      (await run(await api.call('datasets.import', { project: 'p', params: { path: two } }))) as {
        datasetId: number;
      }
    ).datasetId;
    const select = (params: Record<string, unknown>) =>
      api.call('selections.create', {
        project: 'p',
        params: { datasetId: ds, budget: { kind: 'ipc', ipc: 2 }, method: 'el2n', ...params } as never,
      });
    await expect(select({ method: 'el2n' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/has no scores yet/),
    });
    await expect(select({ method: 'herding' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/has no scores yet/),
    });
    await expect(select({ method: 'median' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/unknown selection method "median"; use one of random, el2n/),
    });
    await expect(select({ budget: { kind: 'ipc', ipc: 0 } })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/IPC must be at least 1/),
    });
    await expect(select({ budget: { kind: 'fraction', fraction: 1.5 } })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/at most 1/),
    });
    await expect(select({ method: 'random', rule: 'easy' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/rule applies to score-based methods only/),
    });
    // A byte budget below one image per class (2 classes × 8×8 bytes = 128).
    await expect(select({ method: 'random', budget: { kind: 'bytes', bytes: 100 } })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/needs 128 bytes/),
    });
    expect(await api.call('selections.list', { project: 'p' })).toEqual([]);

    // Scores of the two-class dataset cannot drive a selection of the one-class one.
    const scored = (await run(
      await api.call('scores.start', {
        project: 'p',
        params: { datasetId: ds, width: 4, depth: 2, epochs: 2 },
      }),
    )) as ScoreResultDto;
    await expect(
      api.call('selections.create', {
        project: 'p',
        params: {
          datasetId: one,
          method: 'el2n',
          scoreSetId: scored.scoreSet.id,
          budget: { kind: 'ipc', ipc: 1 },
        },
      }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: `score set ${scored.scoreSet.id} was computed on dataset ${ds}, not on dataset ${one}`,
    });
    await expect(api.call('selections.compare', { project: 'p', a: 1, b: 2 })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await api.call('selections.list', { project: 'p' })).toEqual([]);
    await backend.close();
  }, 120_000);

  it('a class with one image is scored, and a selection above a class size keeps all of it and says so', async () => {
    const { backend, api, run } = connect(tempDir());
    await api.call('projects.create', { project: 'q' });
    const folder = tempDir();
    const files: [string, number][] = [
      ['big', 5],
      ['tiny', 1],
    ];
    for (const [cls, count] of files) {
      mkdirSync(join(folder, cls));
      for (let i = 0; i < count; i++)
        writeFileSync(
          join(folder, cls, `${i}.png`),
          await encodeImage(noiseImage(8, 8, i + (cls === 'tiny' ? 50 : 1)), 'png'),
        );
    }
    const ds = (
      (await run(
        await api.call('datasets.import', { project: 'q', params: { path: folder, testFraction: 0 } }),
      )) as { datasetId: number }
    ).datasetId;
    const scored = (await run(
      await api.call('scores.start', {
        project: 'q',
        params: { datasetId: ds, width: 4, depth: 2, epochs: 3, featureDims: 4 },
      }),
    )) as ScoreResultDto;
    expect(scored.scoreSet.samples).toBe(6);
    const s = await api.call('selections.create', {
      project: 'q',
      params: { datasetId: ds, method: 'kcenter', budget: { kind: 'ipc', ipc: 3 } },
    });
    expect(s.perClass.map((c) => [c.name, c.kept, c.available])).toEqual([
      ['big', 3, 5],
      ['tiny', 1, 1],
    ]);
    expect(s.warnings).toEqual(['class "tiny" has only 1 image; kept it (IPC 3)']);
    const projectDir = join(backend.registry.workspace, 'q');
    expect(existsSync(join(projectDir, 'scores'))).toBe(true);
    await backend.close();
  }, 120_000);
});
