/**
 * The DM job in-process on a real project (the embedded Fashion-MNIST sample, 20 images per
 * class), a tiny embedder and a few iterations: the stored set, training's and export's readers,
 * reuse, cancel and crash then resume (bit-identical to an uninterrupted run), bad requests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DmResultDto } from '../../../../src/shared/api/dm-params';
import type { ImportReportDto } from '../../../../src/shared/api/dto';
import { ApiError } from '../../../../src/shared/rpc/errors';
import { createApiClient } from '../../../../src/shared/api/api-client';
import { createMemoryTransportPair } from '../../../../src/shared/rpc/memory-transport';
import { createBackend } from '../../../../src/main/api/backend';
import { RESOURCES_DIR } from '../../../../src/main/cli/workspace';
import { runDmJob, dmWorkDir } from '../../../../src/main/compress/dm/dm-job';
import { dmKey, parseDmParams } from '../../../../src/main/compress/dm/dm-plan';
import { readSetPixels } from '../../../../src/main/compress/set-pixels';
import { exportStoredSet } from '../../../../src/main/datasets/export-set';
import { runImportJob } from '../../../../src/main/datasets/import/import-job';
import { gatherPixels } from '../../../../src/main/datasets/pixel-cache';
import type { JobContext } from '../../../../src/main/jobs/job-context';
import { openDatasetCache } from '../../../../src/main/jobs/kinds/training-data';
import { createNodeLauncher } from '../../../../src/main/jobs/node-launcher';
import { getCompressedSet, listCompressedSets } from '../../../../src/main/store/compressed-sets-repo';
import { getDatasetRow, samplesOf } from '../../../../src/main/store/datasets-repo';
import { openProject } from '../../../../src/main/store/project-store';
import {
  compressedImages,
  getSelection,
  selectionPerClass,
} from '../../../../src/main/store/selections-repo';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

type Project = ReturnType<typeof openProject>;

function context(
  p: Project,
  params: unknown,
  hooks: Partial<Pick<JobContext, 'progress'>> & { stopAt?: number } = {},
): JobContext {
  let done = 0;
  const stopped = () => hooks.stopAt !== undefined && done >= hooks.stopAt;
  return {
    // No jobs row: the import's report references its job only when there is one.
    jobId: null as unknown as number,
    params,
    db: p.db,
    paths: p.paths,
    resourcesDir: RESOURCES_DIR,
    progress: (phase, d, total, fraction, metrics) => {
      if (phase === 'optimising') done = d;
      hooks.progress?.(phase, d, total, fraction, metrics);
    },
    shouldStop: stopped,
    checkCancelled: () => {
      if (stopped()) throw new ApiError('cancelled', 'stopped by the test');
    },
    log: () => {},
  };
}

async function sampleProject(): Promise<Project & { datasetId: number }> {
  const p = openProject(join(tempDir(), 'p'), { create: true });
  const report = (await runImportJob(
    context(p, { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 20 }),
  )) as ImportReportDto;
  return { ...p, datasetId: report.datasetId };
}

/** A tiny embedder and a few iterations: seconds, not minutes. */
const TINY = { ipc: 2, iterations: 6, width: 8, depth: 2, realBatch: 16, checkpointEvery: 2 };

describe('DM job (in-process, real project)', () => {
  it('stores a dm set of IPC×classes synthetic images that training and export read, and reuses it', async () => {
    const p = await sampleProject();
    const params = { datasetId: p.datasetId, ...TINY };
    const phases = new Set<string>();
    const r = (await runDmJob(context(p, params, { progress: (ph) => phases.add(ph) }))) as DmResultDto;
    expect(r).toMatchObject({
      datasetId: p.datasetId,
      ipc: 2,
      images: 20,
      height: 28,
      width: 28,
      channels: 1,
      bytes: 20 * 784,
      iterations: 6,
      reused: false,
      resumedAfterIteration: null,
      warnings: [],
    });
    expect(r.losses).toHaveLength(3);
    expect(r.finalLoss).toBeGreaterThan(0);
    expect([...phases]).toEqual(['loading', 'optimising', 'store']);

    const set = getCompressedSet(p.db, r.setId);
    expect(set).toMatchObject({ kind: 'dm', grid: 1, resolution: 28 });
    expect(set.cacheFile).not.toBeNull();
    const selection = getSelection(p.db, r.selectionId);
    expect(selection).toMatchObject({ method: 'dm', rule: 'none', ipc: 2, seed: 0 });
    // Each stored image names the real image it started from; the selection lists them per class.
    const stored = compressedImages(p.db, r.setId);
    expect(stored).toHaveLength(20);
    const train = new Map(samplesOf(p.db, p.datasetId, 'train').map((s) => [s.id, s]));
    const perClass = selectionPerClass(p.db, r.selectionId);
    for (let c = 0; c < 10; c++) {
      const ofClass = stored.filter((s) => s.classIndex === c);
      expect(ofClass.map((s) => s.position)).toEqual([2 * c, 2 * c + 1]);
      expect(ofClass.map((s) => s.tileSampleIds[0])).toEqual(perClass.get(c));
      for (const s of ofClass) expect(train.get(s.tileSampleIds[0] as number)?.classIndex).toBe(c);
    }

    // Training's reader: IPC×classes images with their labels; they moved away from their start.
    const pixels = readSetPixels(p.db, p.paths, r.setId);
    expect(pixels).toMatchObject({ count: 20, grid: 1, shape: [28, 28, 1] });
    expect([...pixels.labels]).toEqual(stored.map((s) => s.classIndex));
    const cache = openDatasetCache(p.db, p.paths, p.datasetId);
    const start = gatherPixels(
      cache,
      stored.map((s) => train.get(s.tileSampleIds[0] as number)?.cacheIndex as number),
    );
    expect(Buffer.from(pixels.images).equals(Buffer.from(start))).toBe(false);

    // Export reads it unchanged.
    const exported = await exportStoredSet(p.db, p.paths, { setId: r.setId, dir: join(tempDir(), 'out') });
    expect(exported.images).toBe(20);

    // The checkpoint folder is gone; the same request returns the stored set without work.
    const key = dmKey(
      p.datasetId,
      getDatasetRow(p.db, p.datasetId).sourceSha256,
      [...train.values()],
      parseDmParams(params),
    );
    expect(existsSync(dmWorkDir(p.paths.dir, key))).toBe(false);
    let iterated = false;
    const again = (await runDmJob(
      context(p, params, { progress: (ph) => (iterated ||= ph === 'optimising') }),
    )) as DmResultDto;
    expect(again).toMatchObject({ setId: r.setId, selectionId: r.selectionId, reused: true, images: 20 });
    expect(again.losses).toEqual(r.losses);
    expect(iterated).toBe(false);

    // With lr 0 the stored images are exactly the real images they started from.
    const still = (await runDmJob(context(p, { ...params, lr: 0 }))) as DmResultDto;
    expect(Buffer.from(readSetPixels(p.db, p.paths, still.setId).images).equals(Buffer.from(start))).toBe(
      true,
    );
    p.db.close();
  }, 60_000);

  it('resumes after a cancel and after a crash with the pixels of an uninterrupted run', async () => {
    const params = { datasetId: 1, ...TINY, iterations: 7, checkpointEvery: 2 };
    const whole = await sampleProject();
    expect(whole.datasetId).toBe(1);
    const expected = (await runDmJob(context(whole, params))) as DmResultDto;
    const expectedPixels = readSetPixels(whole.db, whole.paths, expected.setId).images;

    const p = await sampleProject();
    await expect(runDmJob(context(p, params, { stopAt: 3 }))).rejects.toMatchObject({ code: 'cancelled' });
    expect(listCompressedSets(p.db)).toEqual([]);
    // Then a crash (not a cancel) at iteration 6: it started after the cancel's checkpoint (3),
    // and the checkpoint of iteration 4 stays.
    const reported: number[] = [];
    const crash = context(p, params, {
      progress: (phase, done) => {
        if (phase !== 'optimising') return;
        reported.push(done);
        if (done === 6) throw new Error('power cut');
      },
    });
    await expect(runDmJob(crash)).rejects.toThrow('power cut');
    expect(reported).toEqual([3, 4, 5, 6]);
    expect(listCompressedSets(p.db)).toEqual([]);
    const resumed = (await runDmJob(context(p, params))) as DmResultDto;
    expect(resumed).toMatchObject({ resumedAfterIteration: 4, reused: false, images: 20 });
    expect(resumed.losses).toEqual(expected.losses);
    expect(resumed.losses).toHaveLength(4);
    expect(resumed.finalLoss).toBe(expected.finalLoss);
    const pixels = readSetPixels(p.db, p.paths, resumed.setId).images;
    expect(Buffer.from(pixels).equals(Buffer.from(expectedPixels))).toBe(true);
    whole.db.close();
    p.db.close();
  }, 60_000);

  it('refuses bad parameters and unknown datasets clearly, storing nothing; warns for a class smaller than IPC', async () => {
    const p = await sampleProject();
    await expect(runDmJob(context(p, { datasetId: p.datasetId, ipc: 0 }))).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/ipc must be at least 1/),
    });
    await expect(runDmJob(context(p, { datasetId: p.datasetId, ipc: 1, momentum: 1 }))).rejects.toMatchObject(
      { code: 'bad_request', message: expect.stringMatching(/momentum must be/) },
    );
    await expect(runDmJob(context(p, { datasetId: 99, ipc: 1 }))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/dataset 99/),
    });
    await expect(
      runDmJob(context(p, { datasetId: p.datasetId, ipc: 1, depth: 5, iterations: 1 })),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/too small for an embedder of depth 5/),
    });
    expect(listCompressedSets(p.db)).toEqual([]);

    // A class with fewer training images than IPC keeps all it has, with a warning.
    const train = samplesOf(p.db, p.datasetId, 'train');
    const small = (await runDmJob(
      context(p, { datasetId: p.datasetId, ipc: 1000, iterations: 1, width: 8, depth: 2, realBatch: 8 }),
    )) as DmResultDto;
    expect(small.images).toBe(train.length);
    expect(small.warnings).toHaveLength(10);
    expect(small.warnings[0]).toMatch(
      /^T-shirt\/top: \d+ training image\(s\) for IPC 1000; the set keeps \d+/,
    );
    expect(compressedImages(p.db, small.setId)).toHaveLength(train.length);
    p.db.close();
  });

  it('refuses bad requests in the API before a job starts, and runs sets.dm as a job', async () => {
    const backend = createBackend({
      workspace: tempDir(),
      resourcesDir: RESOURCES_DIR,
      launcher: createNodeLauncher(),
    });
    const [a, b] = createMemoryTransportPair();
    backend.connect(b);
    const api = createApiClient(a);
    const project = 'd';
    await api.call('projects.create', { project });
    const call = (params: Record<string, unknown>) =>
      api.call('sets.dm', { project, params: { datasetId: 1, ipc: 1, ...params } as never });
    await expect(call({ ipc: 0 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/ipc must be at least 1/),
    });
    await expect(call({ ipc: 100_001 })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/ipc must be at most 100000/),
    });
    await expect(call({})).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/dataset 1/),
    });
    expect(await api.call('jobs.list', { project })).toEqual([]);
    expect(await api.call('sets.list', { project })).toEqual([]);

    // One real job through the registry (its own process): import, then a 2-iteration DM set.
    const finished = (id: number) =>
      new Promise<{ status: string; result: unknown; error?: { message: string } | null }>((resolve) => {
        const off = api.on('jobs.onChange', ({ job }) => {
          if (job.id === id && !['running', 'queued'].includes(job.status)) {
            off();
            resolve(job);
          }
        });
      });
    const run = async (job: { id: number }) => {
      const done = await finished(job.id);
      if (done.status !== 'succeeded')
        throw new Error(`job ${job.id} ${done.status}: ${done.error?.message}`);
      return done.result;
    };
    const { datasetId } = (await run(
      await api.call('datasets.import', {
        project,
        params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 5 },
      }),
    )) as { datasetId: number };
    const r = (await run(
      await api.call('sets.dm', {
        project,
        params: { datasetId, ipc: 1, iterations: 2, width: 8, depth: 2 },
      }),
    )) as DmResultDto;
    expect(r).toMatchObject({ images: 10, iterations: 2, reused: false });
    expect((await api.call('sets.list', { project })).map((s) => s.kind)).toEqual(['dm']);
    await backend.close();
  }, 60_000);
});
