import { describe, expect, it } from 'vitest';
import type { ScoreSetDto } from '../../../src/shared/api/dto';
import { selectionParamsSchema } from '../../../src/shared/api/selection-params';
import {
  checkSelectionForm,
  defaultSelectionForm,
  describeBudget,
  isScoreMethod,
  METHOD_CHOICES,
  previewBudget,
  type SelectionFormValues,
} from '../../../src/renderer/lib/selection-form';

/** The bundled sample: 10 classes of 300 training images, 28×28×1 (784 bytes an image). */
const sample = {
  height: 28,
  width: 28,
  channels: 1,
  classes: Array.from({ length: 10 }, (_, index) => ({ index, name: `c${index}`, train: 300, test: 100 })),
};
const sets = [{ id: 4 }, { id: 7 }, { id: 5 }] as ScoreSetDto[];
const form = (over: Partial<SelectionFormValues> = {}): SelectionFormValues => ({
  ...defaultSelectionForm(sets),
  ...over,
});

describe('selection form', () => {
  it('starts with the recommendation: EL2N, keep the easiest, the newest scores', () => {
    expect(defaultSelectionForm(sets)).toEqual({
      goal: 'ipc',
      ipc: 10,
      percent: 10,
      megabytes: 1,
      method: 'el2n',
      rule: 'easy',
      seed: 0,
      scoreSetId: 7,
    });
    expect(defaultSelectionForm([]).scoreSetId).toBeNull();
  });

  it('sends a score method with its rule and score set, in a shape the schema accepts', () => {
    const check = checkSelectionForm(form({ ipc: 5 }), 1);
    expect(check).toEqual({
      ok: true,
      params: {
        datasetId: 1,
        method: 'el2n',
        budget: { kind: 'ipc', ipc: 5 },
        seed: 0,
        rule: 'easy',
        scoreSetId: 7,
      },
    });
    if (check.ok) expect(selectionParamsSchema.safeParse(check.params).success).toBe(true);
  });

  it('sends no rule for random, herding and k-center, and no score set for random', () => {
    const random = checkSelectionForm(form({ method: 'random', scoreSetId: null, rule: 'hard' }), 1);
    expect(random).toEqual({
      ok: true,
      params: { datasetId: 1, method: 'random', budget: { kind: 'ipc', ipc: 10 }, seed: 0 },
    });
    const herding = checkSelectionForm(form({ method: 'herding' }), 1);
    expect(herding.ok && herding.params).toEqual({
      datasetId: 1,
      method: 'herding',
      budget: { kind: 'ipc', ipc: 10 },
      seed: 0,
      scoreSetId: 7,
    });
    for (const check of [random, herding])
      if (check.ok) expect(selectionParamsSchema.safeParse(check.params).success).toBe(true);
  });

  it('refuses images per class that are not a whole number of at least 1', () => {
    const message = 'Images per class must be a whole number of at least 1';
    for (const ipc of [0, -1, 2.5, null, Number.NaN])
      expect(checkSelectionForm(form({ ipc }), 1)).toEqual({ ok: false, errors: { ipc: message } });
  });

  it('turns a percentage in (0, 100] into a fraction', () => {
    const ok = (percent: number) => {
      const check = checkSelectionForm(form({ goal: 'percent', percent }), 1);
      return check.ok ? check.params.budget : check.errors;
    };
    expect(ok(5)).toEqual({ kind: 'fraction', fraction: 0.05 });
    expect(ok(100)).toEqual({ kind: 'fraction', fraction: 1 });
    expect(ok(0)).toEqual({ percent: 'The percentage must be above 0 and at most 100' });
    expect(ok(100.5)).toEqual({ percent: 'The percentage must be above 0 and at most 100' });
  });

  it('turns megabytes into whole bytes (1 MB = 1,048,576 bytes)', () => {
    const budget = (megabytes: number) => {
      const check = checkSelectionForm(form({ goal: 'megabytes', megabytes }), 1);
      return check.ok ? check.params.budget : check.errors;
    };
    expect(budget(0.5)).toEqual({ kind: 'bytes', bytes: 524288 });
    expect(budget(0)).toEqual({ megabytes: 'The size must be more than 0 megabytes' });
    // 1e-7 MB is 0.105 bytes: nothing left once rounded down.
    expect(budget(1e-7)).toEqual({ megabytes: 'The size must be more than 0 megabytes' });
  });

  it('asks for scores before a method that needs them, and for a valid seed', () => {
    expect(checkSelectionForm(form({ scoreSetId: null, seed: -1 }), 1)).toEqual({
      ok: false,
      errors: {
        scoreSetId: 'This method needs scores: score the dataset first (step 1), or choose Random.',
        seed: 'The seed must be a whole number from 0 to 2,147,483,647',
      },
    });
  });

  it('explains every method and knows which take a rule', () => {
    expect(METHOD_CHOICES.map((m) => m.value).sort()).toEqual(
      ['aum', 'el2n', 'entropy', 'forgetting', 'herding', 'kcenter', 'margin', 'random'].sort(),
    );
    expect(METHOD_CHOICES.filter((m) => isScoreMethod(m.value)).map((m) => m.value)).toEqual([
      'el2n',
      'forgetting',
      'aum',
      'entropy',
      'margin',
    ]);
  });
});

describe('budget preview', () => {
  it('resolves each kind of budget to images per class as the Node side does', () => {
    // 5 per class × 10 classes × 784 bytes.
    expect(previewBudget({ kind: 'ipc', ipc: 5 }, sample)).toEqual({ ipc: 5, images: 50, bytes: 39200 });
    // 5 % of 3,000 is 150, so 15 per class.
    expect(previewBudget({ kind: 'fraction', fraction: 0.05 }, sample)).toEqual({
      ipc: 15,
      images: 150,
      bytes: 117600,
    });
    // 0.1 % of 3,000 is 3 images, 0.3 per class: rounded up to the minimum of 1.
    expect(previewBudget({ kind: 'fraction', fraction: 0.001 }, sample)?.ipc).toBe(1);
    // 100 KiB = 102,400 bytes; one image in every class costs 7,840, so 13 per class fit.
    expect(previewBudget({ kind: 'bytes', bytes: 102400 }, sample)).toEqual({
      ipc: 13,
      images: 130,
      bytes: 101920,
    });
    expect(previewBudget({ kind: 'bytes', bytes: 7839 }, sample)).toBeNull();
  });

  it('counts small classes at what they have', () => {
    const uneven = { ...sample, classes: [sample.classes[0]!, { ...sample.classes[1]!, train: 3 }] };
    expect(previewBudget({ kind: 'ipc', ipc: 5 }, uneven)).toEqual({ ipc: 5, images: 8, bytes: 8 * 784 });
  });

  it('says it in words', () => {
    expect(describeBudget(form({ ipc: 5 }), sample)).toBe(
      'Keeps 5 images per class: 50 images, 38.3 KiB of pixels.',
    );
    expect(describeBudget(form({ ipc: 1 }), sample)).toBe(
      'Keeps 1 image per class: 10 images, 7.7 KiB of pixels.',
    );
    // 0.001 MB = 1,048 bytes: less than the 7,840 bytes of one image per class.
    expect(describeBudget(form({ goal: 'megabytes', megabytes: 0.001 }), sample)).toBe(
      'Too small: one image per class needs 7.7 KiB.',
    );
    expect(describeBudget(form({ ipc: 0 }), sample)).toBe('');
  });
});
