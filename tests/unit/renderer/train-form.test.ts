import { describe, expect, it } from 'vitest';
import type { CompressedSetDto, DatasetDto } from '../../../src/shared/api/dto';
import { trainParamsSchema } from '../../../src/shared/api/train-params';
import {
  checkTrainForm,
  defaultTrainForm,
  LABEL_CHOICES,
  parseTarget,
  targetChoices,
  TRAIN_LIMITS,
  type TrainFormValues,
} from '../../../src/renderer/lib/train-form';

const small = (): TrainFormValues => ({
  ...defaultTrainForm('set:4'),
  width: 8,
  depth: 2,
  epochs: 3,
  seeds: 1,
});

describe('train form', () => {
  it('starts from the schema’s defaults with automatic epochs', () => {
    const v = defaultTrainForm();
    expect(v).toMatchObject({
      target: null,
      model: 'convnet',
      width: 128,
      depth: 3,
      epochs: null,
      labels: 'hard',
      seeds: 3,
      seed: 0,
      batchSize: 128,
      optimizer: 'adamw',
      lr: 0.001,
      weightDecay: 0.01,
      teacherEpochs: 10,
      temperature: 20,
    });
    expect(v.policy.augment).toBe('constrained');
  });

  it('turns valid values into params the schema accepts', () => {
    const check = checkTrainForm(small());
    expect(check).toEqual({
      ok: true,
      params: {
        setId: 4,
        model: 'convnet',
        width: 8,
        depth: 2,
        epochs: 3,
        labels: 'hard',
        seeds: 1,
        seed: 0,
        batchSize: 128,
        optimizer: 'adamw',
        lr: 0.001,
        weightDecay: 0.01,
        augment: 'constrained',
        cropScale: [0.08, 1],
        cropRatio: [0.75, 4 / 3],
        flip: true,
      },
    });
    if (check.ok) expect(trainParamsSchema.safeParse(check.params).success).toBe(true);
  });

  it('leaves epochs out when blank, sends depth for the ConvNet only, teacher settings for soft labels only', () => {
    const auto = checkTrainForm({
      ...small(),
      epochs: null,
      target: 'full:2',
      model: 'resnet18',
      depth: null,
    });
    expect(auto.ok && auto.params).toMatchObject({ datasetId: 2, model: 'resnet18' });
    expect(auto.ok && 'epochs' in auto.params).toBe(false);
    expect(auto.ok && 'depth' in auto.params).toBe(false);
    expect(auto.ok && 'setId' in auto.params).toBe(false);
    const soft = checkTrainForm({ ...small(), labels: 'soft' });
    expect(soft.ok && soft.params).toMatchObject({ labels: 'soft', teacherEpochs: 10, temperature: 20 });
    expect(checkTrainForm({ ...small(), teacherEpochs: null }).ok).toBe(true);
    const none = checkTrainForm({
      ...small(),
      policy: { ...small().policy, augment: 'none', scaleLow: null },
    });
    expect(none.ok && none.params).toMatchObject({ augment: 'none', flip: true });
    expect(none.ok && 'cropScale' in none.params).toBe(false);
  });

  it('says what is wrong with each field, in words', () => {
    expect(
      checkTrainForm({
        ...small(),
        target: null,
        width: 3,
        depth: 2.5,
        epochs: 0,
        seeds: null,
        lr: 0,
        weightDecay: 2,
      }),
    ).toEqual({
      ok: false,
      errors: {
        target: 'Choose a compressed set or a full training split to train on',
        width: 'The width must be a whole number from 4 to 512',
        depth: 'The depth must be a whole number from 1 to 5',
        epochs: 'Epochs must be a whole number from 1 to 2,000, or blank for automatic',
        seeds: 'Required',
        lr: 'The learning rate must be above 0 and at most 10',
        weightDecay: 'The weight decay must be at least 0 and at most 1',
      },
    });
    expect(checkTrainForm({ ...small(), labels: 'soft', temperature: 0 })).toMatchObject({
      errors: { temperature: 'The temperature must be above 0 and at most 100' },
    });
    expect(checkTrainForm({ ...small(), policy: { ...small().policy, scaleHigh: 2 } })).toMatchObject({
      errors: { scale: 'The crop scale must be above 0 and at most 1, the low end first' },
    });
  });

  it('uses the same bounds as the schema', () => {
    const base = { datasetId: 1 };
    for (const [field, { min, max, whole, above }] of Object.entries(TRAIN_LIMITS)) {
      const ok = (value: number) => trainParamsSchema.safeParse({ ...base, [field]: value }).success;
      const below = whole ? min - 1 : min - 0.001;
      expect([ok(below), ok(above ? min : min), ok(max), ok(max + 1)], field).toEqual([
        false,
        !above,
        true,
        false,
      ]);
    }
  });

  it('explains soft labels in plain words', () => {
    expect(LABEL_CHOICES.find((c) => c.value === 'soft')!.hint).toBe(
      'Soft labels: a teacher trained on all your data labels every view — accuracy goes up but it is the teacher’s knowledge, and storing such labels costs far more than the images.',
    );
  });

  it('offers every set, newest first, then each dataset’s full split', () => {
    const set = (id: number) =>
      ({ id, method: 'random', grid: 2, ipc: 8, images: 20 }) as unknown as CompressedSetDto;
    const dataset = {
      id: 1,
      name: 'sample',
      classes: [
        { index: 0, name: 'a', train: 100, test: 10 },
        { index: 1, name: 'b', train: 1100, test: 10 },
      ],
    } as DatasetDto;
    expect(targetChoices([set(3), set(5)], [dataset])).toEqual([
      { value: 'set:5', label: '#5 · random subset, 2×2 mosaics, 8 per class · 20 images' },
      { value: 'set:3', label: '#3 · random subset, 2×2 mosaics, 8 per class · 20 images' },
      { value: 'full:1', label: 'Full training split of sample (1,200 images)' },
    ]);
    expect(parseTarget('set:5')).toEqual({ setId: 5 });
    expect(parseTarget('full:1')).toEqual({ datasetId: 1 });
    for (const bad of [null, '', 'set:0', 'set:x', 'other:1']) expect(parseTarget(bad)).toBeNull();
  });
});
