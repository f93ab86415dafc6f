import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/shared/api/api-client';
import type { JobDto } from '../../src/shared/api/dto';
import { createMemoryTransportPair } from '../../src/shared/rpc/memory-transport';
import { createBackend } from '../../src/main/api/backend';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { writeIdxFixture } from '../helpers/idx-fixture';
import { useTempDirs } from '../helpers/temp-dir';

/** Combine refuses bad requests with a message that names the problem, and stores nothing. */

const tempDir = useTempDirs();

async function setUp() {
  const workspace = tempDir();
  const backend = createBackend({ workspace, resourcesDir: RESOURCES_DIR, launcher: createNodeLauncher() });
  const [a, b] = createMemoryTransportPair();
  backend.connect(b);
  const api = createApiClient(a);
  const run = (job: JobDto) =>
    new Promise<unknown>((resolve, reject) => {
      const off = api.on('jobs.onChange', ({ job: j }) => {
        if (j.id !== job.id || ['running', 'queued'].includes(j.status)) return;
        off();
        if (j.status === 'succeeded') resolve(j.result);
        else reject(new Error(`${j.status}: ${j.error?.message}`));
      });
    });
  const source = tempDir();
  writeIdxFixture(source, { classes: 2, trainPerClass: 8, testPerClass: 2 });
  await api.call('projects.create', { project: 'p' });
  await api.call('projects.create', { project: 'q' });
  const { datasetId } = (await run(
    await api.call('datasets.import', { project: 'p', params: { path: source } }),
  )) as { datasetId: number };
  const selection = await api.call('selections.create', {
    project: 'p',
    params: { datasetId, method: 'random', budget: { kind: 'ipc', ipc: 4 } },
  });
  const cacheDir = (project: string) => join(workspace, project, 'cache');
  const stored = (project: string) => ({
    sets: (
      backend.registry.get(project).db.prepare('SELECT COUNT(*) AS n FROM compressed_sets').get() as {
        n: number;
      }
    ).n,
    files: project === 'p' ? readdirSync(cacheDir(project)).filter((f) => /^\.?set-/.test(f)) : [],
  });
  return { backend, api, workspace, selectionId: selection.id, stored, cacheDir };
}

describe('combine refuses bad input', () => {
  it('k out of 1–4, a bad grouping or resolution, a missing selection, one of another project, a class not kept', async () => {
    const { backend, api, selectionId, stored } = await setUp();
    const before = stored('p');
    const combine = (params: Record<string, unknown>) =>
      api.call('sets.combine', { project: 'p', selectionId, k: 2, ...params } as never);
    await expect(combine({ k: 5 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/k: k must be from 1 to 4/),
    });
    await expect(combine({ k: 0 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/k must be from 1 to 4/),
    });
    await expect(combine({ k: 1.5 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/k must be an integer/),
    });
    await expect(combine({ grouping: 'diagonal' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/grouping/),
    });
    await expect(combine({ resolution: 1 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/resolution must be an integer of at least k = 2/),
    });
    await expect(combine({ resolution: 2000 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/resolution must be at most 1024/),
    });
    await expect(combine({ selectionId: 999 })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/selection 999 does not exist in this project/),
    });
    // Project q has no selections: an id from project p means nothing there.
    await expect(api.call('sets.combine', { project: 'q', selectionId, k: 2 })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(new RegExp(`selection ${selectionId} does not exist in this project`)),
    });
    const preview = (params: Record<string, unknown>) =>
      api.call('sets.previewMosaics', { project: 'p', selectionId, k: 2, classIndex: 0, ...params } as never);
    await expect(preview({ classIndex: 5 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/selection \d+ keeps no images of class 5; it keeps classes 0, 1/),
    });
    await expect(preview({ count: 9 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/count must be from 1 to 8/),
    });
    expect(stored('p')).toEqual(before);
    expect(stored('q')).toEqual({ sets: 0, files: [] });
    await backend.close();
  });

  it('an export of a mosaic set whose pixel file is gone names the set and the fix, and writes nothing', async () => {
    const { backend, api, workspace, selectionId, cacheDir } = await setUp();
    const set = await api.call('sets.combine', { project: 'p', selectionId, k: 2 });
    expect(set).toMatchObject({ storedImages: 2, keptImages: 8, height: 8, width: 8 });
    for (const f of readdirSync(cacheDir('p')).filter((n) => n.startsWith('set-')))
      rmSync(join(cacheDir('p'), f));
    const out = join(workspace, 'out');
    await expect(api.call('exports.create', { project: 'p', setId: set.id, dir: out })).rejects.toMatchObject(
      {
        code: 'not_found',
        message: expect.stringMatching(
          new RegExp(`pixels of compressed set ${set.id} .* are missing; combine its selection again`),
        ),
      },
    );
    expect(readdirSync(workspace).sort()).toEqual(['p', 'q']);
    await backend.close();
  });
});
