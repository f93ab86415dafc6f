import { describe, expect, it } from 'vitest';
import type { JobDto, RunDto, TrainJobResultDto } from '../../../src/shared/api/dto';
import {
  asTrainResult,
  describeAccuracy,
  describeTraining,
  formatMeanStd,
  perClassRows,
  runRow,
  seedRows,
  trainJobFor,
} from '../../../src/renderer/lib/train-result';

const seedRun = (seed: number, accuracy: number, resumedAfterEpoch = 0) => ({
  seed,
  runId: 10 + seed,
  accuracy,
  perClassAccuracy: [],
  epochs: 3,
  seconds: 2.5,
  imagesPerSecond: 100,
  resumedAfterEpoch,
});

const result: TrainJobResultDto = {
  datasetId: 1,
  setId: 4,
  selectionId: 2,
  model: 'convnet',
  width: 8,
  labels: 'hard',
  augment: 'constrained',
  grid: 2,
  trainImages: 20,
  testImages: 200,
  epochs: 3,
  batchSize: 128,
  runs: [seedRun(0, 0.3), seedRun(1, 0.4, 2), seedRun(2, 0.35, 3)],
  meanAccuracy: 0.35,
  stdAccuracy: 0.05,
  perClassMean: [0.5, 0.2, 0.35],
  confusion: [],
  classNames: ['a', 'b', 'c'],
  teacher: null,
  backend: 'wasm',
  seconds: 12,
};

const job = (id: number, kind: string): JobDto => ({
  id,
  kind,
  status: 'succeeded',
  params: {},
  progress: null,
  result: null,
  error: null,
  createdAt: '',
  startedAt: null,
  finishedAt: null,
});

describe('training results', () => {
  it('recognises a training result', () => {
    expect(asTrainResult(result)).toBe(result);
    expect(asTrainResult({ runs: [] })).toBeNull();
    expect(asTrainResult(null)).toBeNull();
  });

  it('gives mean ± standard deviation over seeds, the mean alone for one', () => {
    expect(formatMeanStd(0.35, 0.05, 3)).toBe('35.0% ± 5.0%');
    expect(formatMeanStd(0.35, 0, 1)).toBe('35.0%');
    expect(describeAccuracy(result)).toBe(
      'Test accuracy 35.0% ± 5.0% (mean ± standard deviation over 3 seeds).',
    );
    expect(describeAccuracy({ ...result, runs: [seedRun(0, 0.3)], meanAccuracy: 0.3, stdAccuracy: 0 })).toBe(
      'Test accuracy 30.0% (one seed).',
    );
  });

  it('describes what was trained', () => {
    expect(describeTraining(result)).toBe(
      'ConvNet width 8 on set #4 (20 images, 2×2 mosaics), hard labels, constrained views, 3 epochs; 200 test images · wasm · 12 s.',
    );
    expect(
      describeTraining({ ...result, setId: null, grid: 1, augment: 'none', epochs: 1, model: 'resnet18' }),
    ).toBe(
      'ResNet-18 width 8 on the full training split (20 images), hard labels, no crops, 1 epoch; 200 test images · wasm · 12 s.',
    );
  });

  it('lists seeds with what a resume did', () => {
    expect(seedRows(result)).toEqual([
      { seed: 0, runId: 10, accuracy: '30.0%', time: '2.5 s', note: '' },
      { seed: 1, runId: 11, accuracy: '40.0%', time: '2.5 s', note: 'continued after epoch 2' },
      { seed: 2, runId: 12, accuracy: '35.0%', time: '2.5 s', note: 'finished before; reused' },
    ]);
  });

  it('lists classes worst first', () => {
    expect(perClassRows(['a', 'b'], [0.5, 0.2, 0.2]).map((r) => [r.key, r.name, ...r.cells])).toEqual([
      [1, 'b', '20.0%'],
      [2, 'class 2', '20.0%'],
      [0, 'a', '50.0%'],
    ]);
  });

  it('follows the job started here, else the newest training job', () => {
    const jobs = [job(1, 'train'), job(2, 'score'), job(3, 'train'), job(4, 'import')];
    expect(trainJobFor(jobs, null)?.id).toBe(3);
    expect(trainJobFor(jobs, 1)?.id).toBe(1);
    expect(trainJobFor([job(2, 'score')], null)).toBeNull();
  });

  it('describes a stored run for the past-runs table', () => {
    const run = {
      id: 9,
      jobId: 3,
      datasetId: 1,
      model: 'convnet-w8-d2',
      params: { setId: 4, labels: 'hard', augment: 'constrained' },
      seed: 0,
      trainImages: 20,
      epochs: 3,
      accuracy: 0.305,
      createdAt: '',
    } as unknown as RunDto;
    expect(runRow(run, [{ id: 1, name: 'sample' }])).toEqual({
      id: 9,
      when: '—',
      model: 'convnet-w8-d2',
      data: 'set #4 (20 images)',
      labels: 'hard',
      augment: 'constrained',
      epochs: '3',
      seed: 0,
      accuracy: '30.5%',
    });
    expect(runRow({ ...run, params: { setId: null }, accuracy: null }, []).data).toBe(
      'full split of dataset #1',
    );
    expect(runRow({ ...run, params: {}, accuracy: null }, [])).toMatchObject({ labels: '—', accuracy: '—' });
  });
});
