import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchJobResultDto } from '../../src/shared/api/bench-dto';
import type { BenchDefinitionInput } from '../../src/shared/api/bench-params';
import { ApiError } from '../../src/shared/rpc/errors';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { connect, type ApiSession } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Small enough for CI: 20 images per class and split, tiny models, a few steps. */
const definition = (datasetId: number): BenchDefinitionInput => ({
  datasetId,
  name: 'api test',
  methods: ['random', 'el2n-easy', 'dm', 'rded', 'pca'],
  ipcs: [1, 2],
  labels: ['hard', 'soft'],
  seeds: 2,
  protocol: { width: 8, depth: 2, steps: 10, teacherEpochs: 1, batchSize: 32 },
  scoring: { width: 8, epochs: 2 },
  dm: { iterations: 3, realBatch: 8 },
  parallel: 2,
});

async function sample(c: ApiSession, project: string): Promise<number> {
  await c.api.call('projects.create', { project });
  const job = await c.api.call('datasets.import', {
    project,
    params: { path: join(RESOURCES_DIR, 'fashion-mnist-sample'), limitPerClass: 20 },
  });
  const done = await c.finished(job.id);
  return (done.result as { datasetId: number }).datasetId;
}

describe('benchmark through the API', () => {
  it('runs every cell, survives a cancel (finished runs are never rerun) and writes the report', async () => {
    const c = connect(tempDir());
    const datasetId = await sample(c, 'p');
    const def = definition(datasetId);
    const estimate = await c.api.call('bench.estimate', { project: 'p', definition: def });
    // 5 methods × 2 IPC sets; × 2 label modes = 20 cells; × 2 seeds = 40 runs.
    expect(estimate).toMatchObject({ sets: 10, cells: 20, trainingRuns: 40 });
    expect(estimate.seconds).toBeGreaterThan(0);
    expect(estimate.parts.map((p) => p.name)).toEqual(
      expect.arrayContaining(['scores', 'teacher', 'DM IPC 1', 'RDED IPC 2']),
    );

    const first = await c.api.call('bench.start', { project: 'p', definition: def });
    // Cancel once a few runs have finished.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const last = c.progress.at(-1);
        if ((last?.metrics?.runsDone ?? 0) >= 4) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    await c.api.call('jobs.cancel', { project: 'p', jobId: first.id });
    expect((await c.finished(first.id)).status).toBe('cancelled');
    const [stopped] = await c.api.call('bench.list', { project: 'p' });
    expect(stopped).toMatchObject({ status: 'cancelled', cells: 40 });
    const doneBefore = stopped?.cellsDone ?? 0;
    expect(doneBefore).toBeGreaterThanOrEqual(4);
    expect(doneBefore).toBeLessThan(40);

    const resumed = await c.api.call('jobs.resume', { project: 'p', jobId: first.id });
    const end = await c.finished(resumed.id);
    expect(end.status, end.error?.message).toBe('succeeded');
    const result = end.result as BenchJobResultDto;
    const b = result.benchmark;
    expect(b.status).toBe('done');
    expect(b.cells).toHaveLength(20);
    for (const cell of b.cells) {
      expect(cell.runs.map((r) => r.seed)).toEqual([0, 1]);
      expect(cell.mean).toBeGreaterThan(0);
    }
    // Every run trained exactly once: one runs row per planned run, none twice.
    const runs = await c.api.call('runs.list', { project: 'p' });
    expect(runs).toHaveLength(40);
    // The baseline's own difference is 0; others are their mean minus the baseline's.
    const random = b.cells.find((x) => x.method === 'random' && x.ipc === 2 && x.labels === 'soft');
    const pca = b.cells.find((x) => x.method === 'pca' && x.ipc === 2 && x.labels === 'soft');
    expect(random?.vsRandom).toBe(0);
    expect(pca?.vsRandom).toBeCloseTo((pca?.mean ?? 0) - (random?.mean ?? 0), 12);
    // Storage: soft cells add epochs × stored images × classes × 2 bytes of labels.
    const pcaSet = b.sets.find((s) => s.method === 'pca' && s.ipc === 2);
    expect(pcaSet).toMatchObject({ images: 20, sourceImages: 80, epochs: 10 });
    expect(pcaSet?.softLabelBytes).toBe(10 * 20 * 10 * 2);
    expect(pca?.storageBytes).toBe((pcaSet?.pngBytes ?? 0) + 4000);
    expect(b.teacherAccuracy).toBeGreaterThan(0.1);
    expect(b.fullPngBytes).toBeGreaterThan(pcaSet?.pngBytes ?? 0);
    expect(b.timing?.parallel).toBe(2);

    for (const file of ['report.html', 'results.csv', 'seeds.csv', 'results.json'])
      expect(existsSync(join(result.reportDir, file)), file).toBe(true);
    const html = readFileSync(result.reportHtml, 'utf8');
    expect(html).toContain('api test');
    expect(html).not.toMatch(/<script|https?:\/\//i);
    const csv = readFileSync(join(result.reportDir, 'seeds.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(41); // header + 40 runs

    // The same definition again: nothing to train, the same results.
    const again = await c.api.call('bench.start', { project: 'p', definition: def });
    const againEnd = await c.finished(again.id);
    expect((againEnd.result as BenchJobResultDto).benchmark.cells).toEqual(b.cells);
    expect(await c.api.call('runs.list', { project: 'p' })).toHaveLength(40);
    const report = await c.api.call('bench.report', { project: 'p', benchId: b.id });
    expect(report.dir).toBe(result.reportDir);
    expect(report.html).toContain('<svg');
    await c.backend.close();
  }, 240_000);

  it('refuses a bad definition before any job starts and stores nothing', async () => {
    const c = connect(tempDir());
    const datasetId = await sample(c, 'p');
    const bad = async (definition: Record<string, unknown>) => {
      const error = await c.api
        .call('bench.start', { project: 'p', definition: definition as BenchDefinitionInput })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ApiError);
      return error as ApiError;
    };
    expect((await bad({ ...definition(datasetId), methods: ['random', 'grow'] })).message).toContain(
      'unknown method "grow"',
    );
    expect((await bad({ ...definition(datasetId), ipcs: [1, 1] })).message).toContain(
      'an IPC is listed twice',
    );
    expect((await bad({ ...definition(datasetId), seeds: 11 })).message).toContain(
      'seeds must be from 1 to 10',
    );
    expect((await bad({ ...definition(datasetId), datasetId: 999 })).code).toBe('not_found');
    expect(await c.api.call('bench.list', { project: 'p' })).toEqual([]);
    expect((await c.api.call('jobs.list', { project: 'p' })).filter((j) => j.kind === 'bench')).toEqual([]);
    await c.backend.close();
  }, 120_000);
});
