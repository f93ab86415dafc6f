import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainJobResultDto } from '../../src/shared/api/dto';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { connect, type ApiSession } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Sample (20 per class and split) → random IPC 8 → 2×2 mosaics: 20 stored images. */
async function mosaicSet(c: ApiSession, project: string): Promise<number> {
  await c.api.call('projects.create', { project });
  const imported = (await c.run(
    await c.api.call('datasets.import', {
      project,
      params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 20 },
    }),
  )) as { datasetId: number };
  const selection = await c.api.call('selections.create', {
    project,
    params: { datasetId: imported.datasetId, method: 'random', budget: { kind: 'ipc', ipc: 8 } },
  });
  return (await c.api.call('sets.combine', { project, selectionId: selection.id, k: 2 })).id;
}

const params = (setId: number) => ({
  setId,
  width: 8,
  depth: 2,
  epochs: 60,
  seeds: 1,
  checkpointEvery: 5,
  labels: 'soft' as const,
  teacherEpochs: 2,
  augment: 'constrained' as const,
});

describe('training jobs', () => {
  it('resumes a soft-label run killed mid-way and ends as an uninterrupted run; per-epoch metrics stream', async () => {
    const ref = connect(tempDir());
    const refResult = (await ref.run(
      await ref.api.call('training.start', { project: 'r', params: params(await mosaicSet(ref, 'r')) }),
    )) as TrainJobResultDto;
    expect(refResult).toMatchObject({
      trainImages: 20,
      testImages: 200,
      epochs: 60,
      grid: 2,
      labels: 'soft',
      augment: 'constrained',
    });
    expect(refResult.teacher?.reused).toBe(false);
    const epochs = ref.metrics.filter((m) => m['epoch'] !== undefined).map((m) => m['epoch']);
    expect(epochs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(ref.metrics.at(-1)).toMatchObject({ loss: expect.any(Number), trainAccuracy: expect.any(Number) });

    const c = connect(tempDir());
    const setId = await mosaicSet(c, 'k');
    const job = await c.api.call('training.start', { project: 'k', params: params(setId) });
    const end = c.finished(job.id);
    const runsDir = join(c.backend.registry.workspace, 'k', 'runs');
    const deadline = Date.now() + 60_000;
    const hasCheckpoint = () =>
      existsSync(runsDir) && readdirSync(runsDir).some((d) => existsSync(join(runsDir, d, 'seed-0.ckpt')));
    while (!hasCheckpoint() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    process.kill(c.backend.runnerFor(c.backend.registry.get('k')).processId(job.id) as number, 'SIGKILL');
    expect((await end).status).toBe('failed');
    const resumed = (await c.run(
      await c.api.call('jobs.resume', { project: 'k', jobId: job.id }),
    )) as TrainJobResultDto;
    const after = resumed.runs[0]?.resumedAfterEpoch as number;
    expect(after).toBeGreaterThanOrEqual(5);
    expect(after).toBeLessThan(60);
    expect(resumed.teacher?.reused).toBe(true);
    expect(resumed.runs[0]?.accuracy).toBe(refResult.runs[0]?.accuracy);
    expect(resumed.confusion).toEqual(refResult.confusion);
    const [a, b] = await Promise.all([
      ref.api.call('runs.get', { project: 'r', runId: refResult.runs[0]?.runId as number }),
      c.api.call('runs.get', { project: 'k', runId: resumed.runs[0]?.runId as number }),
    ]);
    expect(b.losses).toEqual(a.losses);
    expect(a.trainAccuracy).toHaveLength(60);
    expect(b.trainAccuracy).toEqual(a.trainAccuracy);
    expect(b.confusion.flat().reduce((s, v) => s + v, 0)).toBe(200);
    await ref.backend.close();
    await c.backend.close();
  }, 240_000);

  it('refuses bad training requests before a job starts', async () => {
    const c = connect(tempDir());
    await c.api.call('projects.create', { project: 'b' });
    await expect(c.api.call('training.start', { project: 'b', params: { setId: 7 } })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(c.api.call('training.start', { project: 'b', params: {} })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/give a compressed set \(setId\) or a dataset/),
    });
    await expect(
      c.api.call('training.start', { project: 'b', params: { datasetId: 1, labels: 'fuzzy' } as never }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect(await c.api.call('jobs.list', { project: 'b' })).toEqual([]);
    await c.backend.close();
  });
});
