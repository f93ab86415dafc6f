import { describe, expect, it } from 'vitest';
import type { DatasetDto, JobDto, ScoreEstimateDto, ScoreResultDto } from '../../../src/shared/api/dto';
import { scoreParamsSchema } from '../../../src/shared/api/score-params';
import {
  asScoreResult,
  canResume,
  checkScoreForm,
  defaultScoreForm,
  describeEstimate,
  describeScoreResult,
  newestDataset,
  SCORE_LIMITS,
  scoreJobFor,
  type ScoreField,
} from '../../../src/renderer/lib/score-form';

function job(
  id: number,
  kind: string,
  status: JobDto['status'],
  params: unknown,
  result: unknown = null,
): JobDto {
  return {
    id,
    kind,
    status,
    params,
    progress: null,
    result,
    error: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
  };
}

describe('score form', () => {
  it('starts from the schema defaults: width 32, 10 epochs, 1 run', () => {
    expect(defaultScoreForm()).toEqual({ width: 32, epochs: 10, seeds: 1 });
  });

  it('turns valid values into params the schema accepts', () => {
    const check = checkScoreForm({ width: 8, epochs: 2, seeds: 1 }, 3);
    expect(check).toEqual({ ok: true, params: { datasetId: 3, width: 8, epochs: 2, seeds: 1 } });
    if (check.ok) expect(scoreParamsSchema.safeParse(check.params).success).toBe(true);
  });

  it('says what is wrong with each field, in words', () => {
    const check = checkScoreForm({ width: 3, epochs: null, seeds: 2.5 }, 3);
    expect(check).toEqual({
      ok: false,
      errors: {
        width: 'The width must be a whole number from 4 to 512',
        epochs: 'Required',
        seeds: 'Runs must be a whole number from 1 to 20',
      },
    });
    expect(checkScoreForm({ width: 8, epochs: 201, seeds: 1 }, 3)).toEqual({
      ok: false,
      errors: { epochs: 'Epochs must be a whole number from 1 to 200' },
    });
  });

  it('is not ready without a dataset, but names no field', () => {
    expect(checkScoreForm({ width: 8, epochs: 2, seeds: 1 }, null)).toEqual({ ok: false, errors: {} });
  });

  it('uses the same bounds as the schema', () => {
    const base = { datasetId: 1, width: 32, epochs: 10, seeds: 1 };
    for (const field of Object.keys(SCORE_LIMITS) as ScoreField[]) {
      const { min, max } = SCORE_LIMITS[field];
      const ok = (value: number) => scoreParamsSchema.safeParse({ ...base, [field]: value }).success;
      expect([ok(min - 1), ok(min), ok(max), ok(max + 1)], field).toEqual([false, true, true, false]);
    }
  });
});

describe('scoring estimate and job', () => {
  const estimate: ScoreEstimateDto = {
    trainImages: 3000,
    imagePasses: 6000,
    imagesPerSecond: 2092.3,
    seconds: 4.3,
    basis: 'measured',
  };

  it('describes the estimate: time, images × epochs × runs, passes and rate', () => {
    expect(describeEstimate(estimate, 2, 1)).toBe(
      'About 4 s: 3,000 images × 2 epochs × 1 run (6,000 image passes at 2,092 images/s).',
    );
    // 60,000 × 10 × 2 = 1,200,000 passes; 125 s is 2 min 05 s.
    expect(
      describeEstimate(
        { ...estimate, trainImages: 60000, imagePasses: 1_200_000, imagesPerSecond: 9600, seconds: 125 },
        10,
        2,
      ),
    ).toBe(
      'About 2 min 05 s: 60,000 images × 10 epochs × 2 runs (1,200,000 image passes at 9,600 images/s).',
    );
    // Under a second still reads as a second, not "0 s".
    expect(describeEstimate({ ...estimate, seconds: 0.2 }, 1, 1)).toMatch(/^About 1 s: .* × 1 epoch × 1 run/);
  });

  it('follows the job started here, else the dataset’s newest scoring job', () => {
    const jobs = [
      job(1, 'score', 'succeeded', { datasetId: 1 }),
      job(2, 'import', 'succeeded', { path: '/x' }),
      job(3, 'score', 'failed', { datasetId: 2 }),
      job(4, 'score', 'cancelled', { datasetId: 1 }),
    ];
    expect(scoreJobFor(jobs, 1, null)?.id).toBe(4);
    expect(scoreJobFor(jobs, 1, 1)?.id).toBe(1);
    // A job started for another dataset does not show under this one.
    expect(scoreJobFor(jobs, 2, 1)?.id).toBe(3);
    expect(scoreJobFor(jobs, 9, null)).toBeNull();
  });

  it('offers Resume for failed, cancelled and interrupted jobs only', () => {
    const statuses: JobDto['status'][] = [
      'queued',
      'running',
      'succeeded',
      'failed',
      'cancelled',
      'interrupted',
    ];
    expect(statuses.filter((s) => canResume(job(1, 'score', s, {})))).toEqual([
      'failed',
      'cancelled',
      'interrupted',
    ]);
  });

  it('reads and describes a finished job’s result', () => {
    const fresh = { scoreSet: { id: 7 }, reused: false, resumedAfterEpoch: [0] } as unknown as ScoreResultDto;
    expect(asScoreResult(fresh)).toBe(fresh);
    expect(asScoreResult({ scoreSet: {} })).toBeNull();
    expect(asScoreResult(null)).toBeNull();
    expect(describeScoreResult(fresh)).toBe('Stored score set #7.');
    expect(describeScoreResult({ ...fresh, resumedAfterEpoch: [0, 2] })).toBe(
      'Stored score set #7; training continued after epoch 2 instead of starting again.',
    );
    expect(describeScoreResult({ ...fresh, reused: true, resumedAfterEpoch: [] })).toBe(
      'These settings were scored before: score set #7 was reused without training.',
    );
  });

  it('picks the newest dataset', () => {
    const ds = [{ id: 2 }, { id: 5 }, { id: 3 }] as DatasetDto[];
    expect(newestDataset(ds)?.id).toBe(5);
    expect(newestDataset([])).toBeNull();
  });
});
