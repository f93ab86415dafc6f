import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainJobResultDto } from '../../src/shared/api/dto';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { connect } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/**
 * A seed's `runs` row is committed before its finished marker is written (the model is saved in
 * between). A job stopped in that gap must not store the run twice when it is started again:
 * the bench's "finished runs are never rerun" and every count of runs depend on it.
 */
describe('a run stored but not marked finished', () => {
  it('is taken from the database, not trained or stored again; without its model it is retrained into the same row', async () => {
    const workspace = tempDir();
    const c = connect(workspace);
    await c.api.call('projects.create', { project: 'p' });
    const { datasetId } = (await c.run(
      await c.api.call('datasets.import', {
        project: 'p',
        params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 10 },
      }),
    )) as { datasetId: number };
    const params = { datasetId, width: 8, depth: 2, epochs: 3, seeds: 1, augment: 'none' as const };
    const first = (await c.run(
      await c.api.call('training.start', { project: 'p', params }),
    )) as TrainJobResultDto;
    const [run] = first.runs;
    const runsDir = join(workspace, 'p', 'runs');
    const markers = () =>
      readdirSync(runsDir, { recursive: true }).filter((f) => String(f).endsWith('seed-0.json'));
    expect(markers()).toHaveLength(1);

    // Stopped after the row, before the marker: the marker is gone, the row and the model stay.
    rmSync(join(runsDir, String(markers()[0])));
    const again = (await c.run(
      await c.api.call('training.start', { project: 'p', params }),
    )) as TrainJobResultDto;
    expect(again.runs[0]).toMatchObject({
      runId: run!.runId,
      accuracy: run!.accuracy,
      perClassAccuracy: run!.perClassAccuracy,
      resumedAfterEpoch: 3, // not trained again
    });
    expect(again.confusion).toEqual(first.confusion);
    expect(await c.api.call('runs.list', { project: 'p' })).toHaveLength(1);
    expect(markers()).toHaveLength(1); // rebuilt

    // Stopped even earlier, before the model was saved: trained again (deterministically), same row.
    rmSync(join(runsDir, String(markers()[0])));
    rmSync(join(workspace, 'p', 'models', `run-${run!.runId}`), { recursive: true });
    const third = (await c.run(
      await c.api.call('training.start', { project: 'p', params }),
    )) as TrainJobResultDto;
    expect(third.runs[0]).toMatchObject({ runId: run!.runId, accuracy: run!.accuracy, resumedAfterEpoch: 0 });
    expect(await c.api.call('runs.list', { project: 'p' })).toHaveLength(1);
    expect(readdirSync(join(workspace, 'p', 'models'))).toContain(`run-${run!.runId}`);
  }, 120_000);
});
