import { describe, expect, it } from 'vitest';
import { rdedParamsSchema, teacherTrainParams } from '../../../../src/shared/api/rded-params';
import { trainParamsSchema } from '../../../../src/shared/api/train-params';

describe('RDED parameters', () => {
  it("default to the brief's values and to the training schema's teacher setting", () => {
    const p = rdedParamsSchema.parse({ datasetId: 1, ipc: 10 });
    expect(p).toMatchObject({ k: 2, candidatesPerClass: 300, cropsPerImage: 5, seed: 0, model: 'convnet' });
    const t = teacherTrainParams(p);
    const soft = trainParamsSchema.parse({ datasetId: 1, labels: 'soft' });
    // The fields ensureTeacher keys on: the same teacher as a soft-label run with defaults.
    for (const f of [
      'model',
      'width',
      'depth',
      'norm',
      'teacherEpochs',
      'batchSize',
      'lr',
      'weightDecay',
    ] as const)
      expect(t[f]).toEqual(soft[f]);
  });

  it('refuse k outside 1–4, ipc 0 and unknown candidate counts with readable messages', () => {
    const issue = (raw: unknown) => rdedParamsSchema.safeParse(raw).error?.issues[0]?.message;
    expect(issue({ datasetId: 1, ipc: 1, k: 5 })).toBe('k must be from 1 to 4');
    expect(issue({ datasetId: 1, ipc: 0 })).toBe('ipc must be at least 1');
    expect(rdedParamsSchema.safeParse({ datasetId: 1, ipc: 1, candidatesPerClass: 'some' }).success).toBe(
      false,
    );
    expect(
      rdedParamsSchema.parse({ datasetId: 1, ipc: 1, candidatesPerClass: 'all' }).candidatesPerClass,
    ).toBe('all');
  });
});
