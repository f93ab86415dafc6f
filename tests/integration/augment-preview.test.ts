import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/shared/api/api-client';
import type { JobDto } from '../../src/shared/api/dto';
import { createMemoryTransportPair } from '../../src/shared/rpc/memory-transport';
import { createBackend } from '../../src/main/api/backend';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('sets.previewViews', () => {
  it('shows the views training would draw from a stored mosaic', async () => {
    const backend = createBackend({
      workspace: tempDir(),
      resourcesDir: RESOURCES_DIR,
      launcher: createNodeLauncher(),
    });
    const [a, b] = createMemoryTransportPair();
    backend.connect(b);
    const api = createApiClient(a);
    const done = (job: JobDto) =>
      new Promise<unknown>((resolve) => {
        const off = api.on('jobs.onChange', ({ job: j }) => {
          if (j.id === job.id && j.status === 'succeeded') {
            off();
            resolve(j.result);
          }
        });
      });
    await api.call('projects.create', { project: 'v' });
    const imported = (await done(
      await api.call('datasets.import', {
        project: 'v',
        params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 8 },
      }),
    )) as { datasetId: number };
    const selection = await api.call('selections.create', {
      project: 'v',
      params: { datasetId: imported.datasetId, method: 'random', budget: { kind: 'ipc', ipc: 4 } },
    });
    const set = await api.call('sets.combine', { project: 'v', selectionId: selection.id, k: 2 });

    const views = await api.call('sets.previewViews', {
      project: 'v',
      setId: set.id,
      position: 3,
      count: 6,
      seed: 1,
    });
    expect(views).toMatchObject({ setId: set.id, position: 3, classIndex: 3, grid: 2 });
    expect(views.views).toHaveLength(6);
    expect(views.views.every((v) => v.cell !== null && v.cell >= 0 && v.cell < 4)).toBe(true);
    expect(new Set(views.views.map((v) => v.dataUrl)).size).toBe(6);
    const again = await api.call('sets.previewViews', {
      project: 'v',
      setId: set.id,
      position: 3,
      count: 6,
      seed: 1,
    });
    expect(again.views.map((v) => v.dataUrl)).toEqual(views.views.map((v) => v.dataUrl));
    // No crop and no flip: every view is the stored image itself.
    const plain = await api.call('sets.previewViews', {
      project: 'v',
      setId: set.id,
      position: 3,
      count: 2,
      augment: 'none',
      flip: false,
    });
    expect(plain.views.map((v) => v.dataUrl)).toEqual([plain.original, plain.original]);
    await expect(
      api.call('sets.previewViews', { project: 'v', setId: set.id, position: 10 }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/has 10 stored images; position 10 is past the end/),
    });
    await backend.close();
  });
});
