import { describe, expect, it } from 'vitest';
import { benchDefinitionSchema } from '../../../src/shared/api/bench-params';
import {
  benchKey,
  epochsFor,
  planBenchmark,
  runId,
  runTrainParams,
  softLabelBytes,
  teacherSetting,
} from '../../../src/main/bench/bench-plan';
import { teacherFiles } from '../../../src/main/training/teacher-files';
import { trainParamsSchema } from '../../../src/shared/api/train-params';
import { rdedParamsSchema, teacherTrainParams } from '../../../src/shared/api/rded-params';
import { meanStd } from '../../../src/main/bench/bench-results';

const def = (extra: Record<string, unknown> = {}) =>
  benchDefinitionSchema.parse({ datasetId: 1, methods: ['pca', 'random', 'dm'], ...extra });

describe('benchmark definition', () => {
  it('fills the protocol defaults: IPC 1, 10, 50, hard and soft, 3 seeds, 300 steps', () => {
    const d = def();
    expect(d.ipcs).toEqual([1, 10, 50]);
    expect(d.labels).toEqual(['hard', 'soft']);
    expect(d.seeds).toBe(3);
    expect(d.protocol.width).toBe(128);
    expect(d.protocol.steps).toBeUndefined();
    expect(d.scoring).toEqual({ width: 32, epochs: 10 });
    expect(d.pca).toEqual({ k: 2, grouping: 'consecutive' });
  });

  it.each([
    [{ methods: ['random', 'magic'] }, 'unknown method "magic"'],
    [{ methods: [] }, 'pick at least one method'],
    [{ methods: ['random', 'random'] }, 'a method is listed twice'],
    [{ ipcs: [10, 10] }, 'an IPC is listed twice'],
    [{ ipcs: [0] }, 'IPC must be from 1 to 10000'],
    [{ labels: [] }, 'pick at least one label mode'],
    [{ seeds: 0 }, 'seeds must be from 1 to 10'],
    [{ protocol: { steps: 10, epochs: 5 } }, 'give the protocol steps or epochs, not both'],
  ])('refuses %j with a message naming the problem', (extra, message) => {
    const r = benchDefinitionSchema.safeParse({ datasetId: 1, methods: ['random'], ...extra });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });
});

describe('benchmark plan', () => {
  it('lists every (method, IPC) set and every run in canonical order', () => {
    const plan = planBenchmark(def({ ipcs: [10, 1], labels: ['soft', 'hard'], seeds: 2, seed: 5 }));
    // Methods in BENCH_METHODS order (random, dm, pca), IPC ascending.
    expect(plan.sets.map((s) => `${s.method}/${s.ipc}`)).toEqual([
      'random/1',
      'dm/1',
      'pca/1',
      'random/10',
      'dm/10',
      'pca/10',
    ]);
    // 3 methods × 2 IPC × 2 label modes × 2 seeds.
    expect(plan.runs).toHaveLength(24);
    expect(plan.runs.slice(0, 4).map(runId)).toEqual([
      'random/1/hard/5',
      'random/1/hard/6',
      'random/1/soft/5',
      'random/1/soft/6',
    ]);
    expect(plan.needsScores).toBe(true);
    expect(plan.needsTeacher).toBe(true);
  });

  it('needs scores only for score-based methods and a teacher only for soft labels or RDED', () => {
    expect(planBenchmark(def({ methods: ['random', 'dm'], labels: ['hard'] }))).toMatchObject({
      needsScores: false,
      needsTeacher: false,
    });
    expect(planBenchmark(def({ methods: ['rded'], labels: ['hard'] })).needsTeacher).toBe(true);
    expect(planBenchmark(def({ methods: ['herding'], labels: ['hard'] })).needsScores).toBe(true);
  });

  it('gives every set the same number of optimizer steps', () => {
    const p = def({ protocol: { steps: 300, batchSize: 128 } }).protocol;
    expect(epochsFor(p, 10)).toBe(300); // one batch of 10 per epoch
    expect(epochsFor(p, 100)).toBe(300);
    expect(epochsFor(p, 500)).toBe(75); // ⌈500/128⌉ = 4 batches per epoch
    expect(epochsFor(p, 1000)).toBe(38); // 8 batches, ⌈300/8⌉
    expect(epochsFor(def({ protocol: { epochs: 7 } }).protocol, 500)).toBe(7);
    expect(epochsFor(def().protocol, 10)).toBe(300); // default 300 steps
  });

  it('counts soft labels as float16 vectors per stored image and epoch', () => {
    // 75 epochs × 500 images × 10 classes × 2 bytes.
    expect(softLabelBytes(75, 500, 10)).toBe(750_000);
  });

  it('trains every run with the one protocol, one seed, one thread', () => {
    const d = def({ protocol: { width: 32, steps: 300, teacherEpochs: 4 } });
    const params = runTrainParams(
      d,
      { method: 'pca', ipc: 50, labels: 'soft', seed: 2 },
      { setId: 9, images: 500 },
    );
    expect(params).toMatchObject({
      setId: 9,
      width: 32,
      epochs: 75,
      labels: 'soft',
      teacherEpochs: 4,
      seeds: 1,
      seed: 2,
      threads: 1,
      augment: 'constrained',
    });
  });

  it('asks the teacher job, soft-label runs and RDED sets for one and the same teacher', () => {
    const d = def({ protocol: { width: 16, teacherEpochs: 3, batchSize: 64, lr: 0.002 } });
    const dataset = { id: 1, sha: 'abc' };
    const dirOf = (params: unknown) => teacherFiles('/m', dataset, trainParamsSchema.parse(params)).dir;
    const teacherJob = dirOf({ datasetId: 1, ...teacherSetting(d.protocol) });
    const softRun = dirOf(
      runTrainParams(d, { method: 'random', ipc: 1, labels: 'soft', seed: 0 }, { setId: 3, images: 10 }),
    );
    const rded = teacherFiles(
      '/m',
      dataset,
      teacherTrainParams(rdedParamsSchema.parse({ datasetId: 1, ipc: 1, ...teacherSetting(d.protocol) })),
    ).dir;
    expect(softRun).toBe(teacherJob);
    expect(rded).toBe(teacherJob);
    expect(dirOf({ datasetId: 1, ...teacherSetting({ ...d.protocol, width: 32 }) })).not.toBe(teacherJob);
  });

  it('keys a benchmark by its definition and dataset, not by how many runs go at once', () => {
    expect(benchKey(def({ parallel: 1 }), 'abc')).toBe(benchKey(def({ parallel: 2 }), 'abc'));
    expect(benchKey(def(), 'abc')).not.toBe(benchKey(def({ seeds: 2 }), 'abc'));
    expect(benchKey(def(), 'abc')).not.toBe(benchKey(def(), 'abd'));
  });
});

describe('mean and standard deviation over seeds', () => {
  it('uses the sample standard deviation', () => {
    expect(meanStd([])).toEqual({ mean: null, std: null });
    expect(meanStd([0.5])).toEqual({ mean: 0.5, std: 0 });
    const r = meanStd([0.5, 0.7, 0.9]);
    expect(r.mean).toBeCloseTo(0.7, 12);
    expect(r.std).toBeCloseTo(0.2, 12); // √((0.04 + 0 + 0.04) / 2)
  });
});
