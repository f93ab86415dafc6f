import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/shared/api/api-client';
import type { JobDto, TrainJobResultDto } from '../../src/shared/api/dto';
import { createMemoryTransportPair } from '../../src/shared/rpc/memory-transport';
import { createBackend } from '../../src/main/api/backend';
import { createNodeLauncher } from '../../src/main/jobs/node-launcher';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { initTensorBackend } from '../../src/main/ml/backend';
import { evaluate } from '../../src/main/ml/evaluate';
import { loadClassifier } from '../../src/main/ml/model-files';
import { openDatasetCache, splitImages } from '../../src/main/jobs/kinds/training-data';
import { openProject } from '../../src/main/store/project-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('exporting a compressed set with a trained model', () => {
  it('writes model/ beside the images, hashed in the manifest, and the model reproduces its test accuracy', async () => {
    const backend = createBackend({
      workspace: tempDir(),
      resourcesDir: RESOURCES_DIR,
      launcher: createNodeLauncher(),
    });
    const [a, b] = createMemoryTransportPair();
    backend.connect(b);
    const api = createApiClient(a);
    const run = (job: JobDto) =>
      new Promise<unknown>((resolve, reject) => {
        const off = api.on('jobs.onChange', ({ job: j }) => {
          if (j.id !== job.id || ['running', 'queued'].includes(j.status)) return;
          off();
          if (j.status === 'succeeded') resolve(j.result);
          else reject(new Error(j.error?.message));
        });
      });
    await api.call('projects.create', { project: 'm' });
    const { datasetId } = (await run(
      await api.call('datasets.import', {
        project: 'm',
        params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 8 },
      }),
    )) as { datasetId: number };
    const selection = await api.call('selections.create', {
      project: 'm',
      params: { datasetId, method: 'random', budget: { kind: 'ipc', ipc: 4 } },
    });
    const set = await api.call('sets.combine', { project: 'm', selectionId: selection.id, k: 1 });
    const trained = (await run(
      await api.call('training.start', {
        project: 'm',
        params: { setId: set.id, width: 4, depth: 2, epochs: 3, seeds: 1 },
      }),
    )) as TrainJobResultDto;
    const runId = trained.runs[0]?.runId as number;
    const dir = join(tempDir(), 'out');
    const exported = await api.call('exports.create', {
      project: 'm',
      setId: set.id,
      dir,
      modelRunId: runId,
    });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      model: { runId: number; testAccuracy: number };
      files: { path: string; sha256: string }[];
    };
    expect(manifest.model).toMatchObject({ runId, testAccuracy: trained.runs[0]?.accuracy });
    for (const name of ['model/model.json', 'model/weights.bin']) {
      const entry = manifest.files.find((f) => f.path === name);
      expect(entry?.sha256).toBe(
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      );
    }
    expect(exported.images).toBe(40);

    await initTensorBackend({ prefer: 'wasm' });
    const model = loadClassifier(join(dir, 'model'));
    const { db, paths } = openProject(join(backend.registry.workspace, 'm'));
    const test = splitImages(db, openDatasetCache(db, paths, datasetId), datasetId, 'test');
    db.close();
    const again = evaluate(model, test.images, test.labels, [28, 28, 1], 10);
    expect(again.accuracy).toBe(trained.runs[0]?.accuracy);
    model.dispose();
    await expect(
      api.call('exports.create', { project: 'm', setId: set.id, dir: join(tempDir(), 'x'), modelRunId: 99 }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await backend.close();
  }, 120_000);
});
