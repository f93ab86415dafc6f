import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainJobResultDto } from '../../src/shared/api/dto';
import type { RdedResultDto } from '../../src/shared/api/rded-params';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { readSetPixels } from '../../src/main/compress/set-pixels';
import { readPixelCache } from '../../src/main/datasets/pixel-cache';
import { getCompressedSet } from '../../src/main/store/compressed-sets-repo';
import { getDatasetRow, samplesOf } from '../../src/main/store/datasets-repo';
import { openProject } from '../../src/main/store/project-store';
import { compressedImages, getSelection, selectionPerClass } from '../../src/main/store/selections-repo';
import { connect } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** The tiny teacher of the brief: width 8, depth 2, one epoch. */
const TINY = { width: 8, depth: 2, teacherEpochs: 1 };

describe('RDED-style sets through the API (real jobs)', () => {
  it('tiles the teacher’s best exact crops per class, reuses teacher and set, and trains on it', async () => {
    const c = connect(tempDir());
    const project = 'r';
    await c.api.call('projects.create', { project });
    const { datasetId } = (await c.run(
      await c.api.call('datasets.import', {
        project,
        params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 20 },
      }),
    )) as { datasetId: number };
    const params = { datasetId, ipc: 1, k: 2, cropsPerImage: 3, ...TINY };
    const r = (await c.run(await c.api.call('sets.rded', { project, params }))) as RdedResultDto;
    expect(r).toMatchObject({
      ipc: 1,
      k: 2,
      crop: { height: 14, width: 14 },
      storedImages: 10,
      reusedSet: false,
    });
    expect(r.teacher.reused).toBe(false);
    expect(r.perClass).toHaveLength(10);
    for (const cls of r.perClass)
      expect(cls).toMatchObject({ storedImages: 1, sourceImages: 4, candidates: 20 });
    expect([...c.phases]).toEqual(
      expect.arrayContaining(['teacher', 'scoring crops: T-shirt/top', 'scoring crops: Ankle boot', 'store']),
    );

    const { db, paths } = openProject(join(c.backend.registry.workspace, project));
    const set = getCompressedSet(db, r.setId);
    expect(set).toMatchObject({ kind: 'rded', grid: 2, resolution: 28 });
    const classOf = new Map(samplesOf(db, datasetId, 'train').map((s) => [s.id, s]));
    const stored = compressedImages(db, r.setId);
    expect(stored).toHaveLength(10);
    for (const img of stored) {
      expect(new Set(img.tileSampleIds).size).toBe(4);
      for (const id of img.tileSampleIds) expect(classOf.get(id)?.classIndex).toBe(img.classIndex);
    }
    // The selection lists each class's source images in tile order.
    const selection = getSelection(db, r.selectionId);
    expect(selection).toMatchObject({ method: 'rded', rule: 'none', ipc: 1 });
    const perClass = selectionPerClass(db, r.selectionId);
    for (const img of stored) expect(perClass.get(img.classIndex)).toEqual(img.tileSampleIds);

    // Every mosaic's top-left cell is its first tile's recorded box, byte for byte.
    const dataset = getDatasetRow(db, datasetId);
    const cache = readPixelCache(join(paths.cacheDir, dataset.cacheFile), 28, 28, 1, dataset.sampleCount);
    const pixels = readSetPixels(db, paths, r.setId);
    expect(pixels.shape).toEqual([28, 28, 1]);
    const boxes = set.params['boxes'] as [number, number, number, number][][];
    for (const img of stored) {
      const [top, left, h, w] = boxes[img.position]?.[0] as [number, number, number, number];
      expect([h, w]).toEqual([14, 14]);
      const source = classOf.get(img.tileSampleIds[0] as number)?.cacheIndex as number;
      for (let y = 0; y < h; y++) {
        const from = (source * 28 + top + y) * 28 + left;
        const to = (img.position * 28 + y) * 28;
        expect([...pixels.images.subarray(to, to + w)]).toEqual([...cache.data.subarray(from, from + w)]);
      }
    }

    // The same request returns the same set; another grid reuses the teacher only.
    const again = (await c.run(await c.api.call('sets.rded', { project, params }))) as RdedResultDto;
    expect(again).toMatchObject({ setId: r.setId, selectionId: r.selectionId, reusedSet: true });
    const k1 = (await c.run(
      await c.api.call('sets.rded', { project, params: { ...params, k: 1 } }),
    )) as RdedResultDto;
    expect(k1).toMatchObject({ reusedSet: false, storedImages: 10, crop: { height: 28, width: 28 } });
    expect(k1.teacher).toMatchObject({ reused: true, key: r.teacher.key });

    const trained = (await c.run(
      await c.api.call('training.start', {
        project,
        params: { setId: r.setId, width: 8, depth: 2, epochs: 2, seeds: 1 },
      }),
    )) as TrainJobResultDto;
    expect(trained).toMatchObject({ setId: r.setId, trainImages: 10, grid: 2, epochs: 2 });
    const exported = await c.api.call('exports.create', {
      project,
      setId: r.setId,
      dir: join(tempDir(), 'out'),
    });
    expect(exported.images).toBe(10);
    db.close();
    await c.backend.close();
  }, 180_000);

  it('refuses bad requests before a job starts, and cancels a running job', async () => {
    const c = connect(tempDir());
    const project = 'b';
    await c.api.call('projects.create', { project });
    const call = (params: Record<string, unknown>) =>
      c.api.call('sets.rded', { project, params: { datasetId: 1, ipc: 1, ...params } as never });
    await expect(call({ k: 5 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/k must be from 1 to 4/),
    });
    await expect(call({ ipc: 0 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/ipc must be at least 1/),
    });
    await expect(call({ datasetId: 99 })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/dataset 99/),
    });
    expect(await c.api.call('jobs.list', { project })).toEqual([]);

    const { datasetId } = (await c.run(
      await c.api.call('datasets.import', {
        project,
        params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 20 },
      }),
    )) as { datasetId: number };
    const job = await c.api.call('sets.rded', {
      project,
      params: { datasetId, ipc: 1, width: 8, depth: 2, teacherEpochs: 200 },
    });
    const end = c.finished(job.id);
    await new Promise<void>((resolve) => {
      const off = c.api.on('jobs.onProgress', (p) => {
        if (p.jobId === job.id && p.phase === 'teacher') {
          off();
          resolve();
        }
      });
    });
    await c.api.call('jobs.cancel', { project, jobId: job.id });
    expect((await end).status).toBe('cancelled');
    await c.backend.close();
  }, 120_000);
});
