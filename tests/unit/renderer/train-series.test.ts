import { describe, expect, it } from 'vitest';
import type { JobProgress, RunDto } from '../../../src/shared/api/dto';
import {
  chartSeries,
  chartSummary,
  formatLoss,
  recordEpoch,
  seedOfPhase,
  seriesFromRuns,
  type SeriesMap,
} from '../../../src/renderer/lib/train-series';

const progress = (over: Partial<JobProgress>): JobProgress => ({
  jobId: 7,
  phase: 'seed 0',
  done: 0,
  total: 60,
  rate: 0,
  etaSeconds: null,
  fraction: 0,
  ...over,
});

describe('training curves', () => {
  it('reads the seed from the phase', () => {
    expect(seedOfPhase('seed 0')).toBe(0);
    expect(seedOfPhase('seed 12')).toBe(12);
    expect(seedOfPhase('teacher')).toBeNull();
  });

  it('collects one point per finished epoch and works out the planned epochs', () => {
    let map: SeriesMap = {};
    // 20 images × 3 epochs = 60; epoch 1 ends at 20.
    map = recordEpoch(map, progress({ done: 20, metrics: { epoch: 1, loss: 2.3, trainAccuracy: 0.1 } }));
    // Mid-epoch progress and the teacher carry no point: the same map comes back.
    const same = recordEpoch(map, progress({ done: 30 }));
    expect(same).toBe(map);
    expect(recordEpoch(map, progress({ phase: 'teacher', done: 5, metrics: { epoch: 1, loss: 1 } }))).toBe(
      map,
    );
    map = recordEpoch(map, progress({ done: 40, metrics: { epoch: 2, loss: 1.9, trainAccuracy: 0.3 } }));
    expect(map[7]).toEqual([
      {
        seed: 0,
        plannedEpochs: 3,
        points: [
          { epoch: 1, loss: 2.3, trainAccuracy: 0.1 },
          { epoch: 2, loss: 1.9, trainAccuracy: 0.3 },
        ],
      },
    ]);
    // A repeated epoch replaces its point; another seed gets its own series.
    map = recordEpoch(map, progress({ done: 40, metrics: { epoch: 2, loss: 1.8, trainAccuracy: 0.35 } }));
    map = recordEpoch(map, progress({ phase: 'seed 1', done: 20, metrics: { epoch: 1, loss: 2.2 } }));
    expect(map[7]![0]!.points.map((p) => p.loss)).toEqual([2.3, 1.8]);
    expect(map[7]![1]).toEqual({
      seed: 1,
      plannedEpochs: 3,
      points: [{ epoch: 1, loss: 2.2, trainAccuracy: null }],
    });
  });

  it('rebuilds the loss curves of a finished job from its runs', () => {
    const run = (id: number, jobId: number, seed: number, losses: number[]) =>
      ({ id, jobId, seed, epochs: losses.length, losses }) as unknown as RunDto;
    const series = seriesFromRuns([run(1, 4, 1, [2, 1.5]), run(2, 4, 0, [2.1]), run(3, 5, 0, [9])], 4);
    expect(series).toEqual([
      { seed: 0, plannedEpochs: 1, points: [{ epoch: 1, loss: 2.1, trainAccuracy: null }] },
      {
        seed: 1,
        plannedEpochs: 2,
        points: [
          { epoch: 1, loss: 2, trainAccuracy: null },
          { epoch: 2, loss: 1.5, trainAccuracy: null },
        ],
      },
    ]);
  });

  it('turns points into a loss line and, when recorded, an accuracy line', () => {
    const points = [
      { epoch: 1, loss: 2.3, trainAccuracy: 0.1 },
      { epoch: 2, loss: 1.9, trainAccuracy: 0.3 },
    ];
    expect(chartSeries(points)).toEqual([
      {
        id: 'loss',
        label: 'Loss',
        axis: 'left',
        points: [
          { x: 1, y: 2.3 },
          { x: 2, y: 1.9 },
        ],
      },
      {
        id: 'accuracy',
        label: 'Training accuracy',
        axis: 'right',
        points: [
          { x: 1, y: 0.1 },
          { x: 2, y: 0.3 },
        ],
      },
    ]);
    expect(chartSeries([{ epoch: 1, loss: 2, trainAccuracy: null }]).map((s) => s.id)).toEqual(['loss']);
  });

  it('summarises a curve in a sentence', () => {
    expect(
      chartSummary({
        seed: 0,
        plannedEpochs: 3,
        points: [
          { epoch: 1, loss: 2.302585, trainAccuracy: 0.12 },
          { epoch: 2, loss: 2, trainAccuracy: 0.2 },
          { epoch: 3, loss: 1.8512, trainAccuracy: 0.4 },
        ],
      }),
    ).toBe('Seed 0, 3 of 3 epochs: loss from 2.30 to 1.85; training accuracy from 12.0% to 40.0%.');
    expect(
      chartSummary({ seed: 2, plannedEpochs: null, points: [{ epoch: 1, loss: 2, trainAccuracy: null }] }),
    ).toBe('Seed 2, 1 epoch: loss 2.00.');
    expect(chartSummary({ seed: 0, plannedEpochs: 3, points: [] })).toBe(
      'Seed 0: no epoch has finished yet.',
    );
    expect(formatLoss(0.012345)).toBe('0.0123');
  });
});
