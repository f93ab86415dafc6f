import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoreResultDto } from '../../src/shared/api/dto';
import { RESOURCES_DIR } from '../../src/main/cli/workspace';
import { openProject } from '../../src/main/store/project-store';
import { loadScoreColumn } from '../../src/main/store/score-sets-repo';
import { connect, type ApiSession } from '../helpers/api-session';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const SAMPLE = join(RESOURCES_DIR, 'fashion-mnist-sample');

async function importSample(
  api: ApiSession['api'],
  run: ApiSession['run'],
  project: string,
  limitPerClass?: number,
) {
  await api.call('projects.create', { project });
  const job = await api.call('datasets.import', {
    project,
    params: { path: SAMPLE, ...(limitPerClass ? { limitPerClass } : {}) },
  });
  return ((await run(job)) as { datasetId: number }).datasetId;
}

describe('pruning through the API (real scoring jobs)', () => {
  it('scores a dataset, reuses the scores, and selects by every method within the budget', async () => {
    const { backend, api, run } = connect(tempDir());
    const datasetId = await importSample(api, run, 'p', 20);
    const estimate = await api.call('scores.estimate', {
      project: 'p',
      params: { datasetId, width: 8, epochs: 2 },
    });
    expect(estimate.trainImages).toBe(200);
    expect(estimate.imagePasses).toBe(400);
    expect(estimate.seconds).toBeGreaterThan(0);

    const params = { datasetId, width: 8, epochs: 2, featureDims: 16 };
    const first = (await run(await api.call('scores.start', { project: 'p', params }))) as ScoreResultDto;
    expect(first.reused).toBe(false);
    expect(first.resumedAfterEpoch).toEqual([0]);
    const set = first.scoreSet;
    expect(set).toMatchObject({
      samples: 200,
      classes: 10,
      epochs: 2,
      seeds: [0],
      width: 8,
      featureDims: 16,
      backend: 'wasm',
    });
    const again = (await run(await api.call('scores.start', { project: 'p', params }))) as ScoreResultDto;
    expect(again).toMatchObject({ reused: true, scoreSet: { id: set.id } });

    // Trajectory: 2 epochs × 200 images × 10 classes × 2 bytes; features 200 × 16 float32.
    const projectDir = join(backend.registry.workspace, 'p');
    const dir = join(projectDir, 'scores', readdirSync(join(projectDir, 'scores'))[0] as string);
    expect(statSync(join(dir, 'trajectory-seed0.u16')).size).toBe(2 * 200 * 10 * 2);
    expect(statSync(join(dir, 'features.f32')).size).toBe(200 * 16 * 4);
    expect(existsSync(join(dir, 'checkpoint-seed0.bin'))).toBe(false);

    const { db } = openProject(projectDir);
    const el2n = loadScoreColumn(db, set.id, 'el2n');
    const forgetting = loadScoreColumn(db, set.id, 'forgetting');
    db.close();
    expect(el2n.scores).toHaveLength(200);
    // EL2N sums 2 epochs of distances in [0, √2]; forgetting is 0, 1 or 2 (never learned) over 2 epochs.
    expect(el2n.scores.every((v) => v >= 0 && v <= 2 * Math.SQRT2 + 1e-9)).toBe(true);
    expect(forgetting.scores.every((v) => [0, 1, 2].includes(v))).toBe(true);

    for (const [method, rule] of [
      ['el2n', 'easy'],
      ['el2n', 'hard'],
      ['el2n', 'ccs'],
      ['forgetting', 'easy'],
      ['aum', 'easy'],
      ['entropy', 'easy'],
      ['margin', 'hard'],
      ['herding', undefined],
      ['kcenter', undefined],
      ['random', undefined],
    ] as const) {
      const s = await api.call('selections.create', {
        project: 'p',
        params: { datasetId, method, ...(rule ? { rule } : {}), budget: { kind: 'ipc', ipc: 3 } },
      });
      expect(s.perClass.map((c) => c.kept)).toEqual(Array(10).fill(3));
      expect(s.warnings).toEqual([]);
      expect(s.scoreSetId).toBe(method === 'random' ? null : set.id);
    }
    // Easy-first EL2N keeps exactly the 3 lowest EL2N scores of a class.
    const easy = await api.call('selections.create', {
      project: 'p',
      params: { datasetId, method: 'el2n', budget: { kind: 'ipc', ipc: 3 } },
    });
    const view = await api.call('scores.classView', {
      project: 'p',
      scoreSetId: set.id,
      classIndex: 4,
      selectionId: easy.id,
      grid: 3,
      bins: 5,
    });
    expect(view.available).toBe(20);
    expect(view.kept).toBe(3);
    expect(view.easiest.map((t) => t.kept)).toEqual([true, true, true]);
    expect(view.easiest.map((t) => t.easyRank)).toEqual([0, 1, 2]);
    expect(view.hardest[0]?.score).toBeGreaterThanOrEqual(view.easiest[2]?.score as number);
    expect(view.histogram.counts.reduce((a, b) => a + b, 0)).toBe(20);
    expect(view.histogram.keptCounts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(view.keptPage.map((t) => t.sampleId)).toEqual(view.easiest.map((t) => t.sampleId));
    expect(view.easiest[0]?.dataUrl).toMatch(/^data:image\/png;base64,/);

    // Budgets: 10 % of 200 = 20 images = 2 per class; 16 KiB of 784-byte images = 20 = 2 per class.
    const byFraction = await api.call('selections.create', {
      project: 'p',
      params: { datasetId, method: 'random', budget: { kind: 'fraction', fraction: 0.1 } },
    });
    expect(byFraction.ipc).toBe(2);
    const byBytes = await api.call('selections.create', {
      project: 'p',
      params: { datasetId, method: 'random', budget: { kind: 'bytes', bytes: 16 * 1024 } },
    });
    expect(byBytes.ipc).toBe(2);
    expect(byBytes.storedBytes).toBe(20 * 784);
    const compared = await api.call('selections.compare', { project: 'p', a: byFraction.id, b: byBytes.id });
    // Same method, seed and IPC: the same images.
    expect(compared.overlap).toBe(20);
    expect(compared.jaccard).toBe(1);
    await backend.close();
  }, 120_000);

  it('resumes a scoring job killed mid-epoch and ends with the scores of an uninterrupted run', async () => {
    const params = (datasetId: number) => ({ datasetId, width: 8, epochs: 4, featureDims: 8 });
    // Uninterrupted reference in its own project (same import → same sample ids).
    const ref = connect(tempDir());
    const refDataset = await importSample(ref.api, ref.run, 'r', 100);
    const reference = (await ref.run(
      await ref.api.call('scores.start', { project: 'r', params: params(refDataset) }),
    )) as ScoreResultDto;

    const { backend, api, finished, run, progress } = connect(tempDir());
    const progressDone = () => progress.at(-1)?.done ?? 0;
    const datasetId = await importSample(api, run, 'k', 100);
    const job = await api.call('scores.start', { project: 'k', params: params(datasetId) });
    const end = finished(job.id);
    const dir = join(backend.registry.workspace, 'k', 'scores');
    // Wait until epoch 1 is checkpointed and epoch 2 is under way, then kill the job's process.
    const deadline = Date.now() + 60_000;
    const checkpointed = () =>
      existsSync(dir) && readdirSync(dir).some((d) => existsSync(join(dir, d, 'checkpoint-seed0.bin')));
    while (!(checkpointed() && progressDone() > 1000 + 100) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(progressDone()).toBeLessThan(4000);
    const pid = backend.runnerFor(backend.registry.get('k')).processId(job.id);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');
    const killed = await end;
    expect(killed.status).toBe('failed');
    expect(killed.error?.message).toMatch(/SIGKILL/);
    expect(await api.call('scores.list', { project: 'k' })).toEqual([]);

    const resumed = (await run(
      await api.call('jobs.resume', { project: 'k', jobId: job.id }),
    )) as ScoreResultDto;
    const after = resumed.resumedAfterEpoch[0] as number;
    expect(after).toBeGreaterThanOrEqual(1);
    expect(after).toBeLessThan(4);
    const a = openProject(join(ref.backend.registry.workspace, 'r')).db;
    const b = openProject(join(backend.registry.workspace, 'k')).db;
    for (const score of ['el2n', 'forgetting', 'aum', 'entropy', 'margin'] as const) {
      const x = loadScoreColumn(a, reference.scoreSet.id, score);
      const y = loadScoreColumn(b, resumed.scoreSet.id, score);
      expect(Array.from(y.sampleIds)).toEqual(Array.from(x.sampleIds));
      expect(Array.from(y.scores)).toEqual(Array.from(x.scores));
    }
    a.close();
    b.close();
    await ref.backend.close();
    await backend.close();
  }, 180_000);
});
