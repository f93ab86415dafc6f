import { describe, expect, it } from 'vitest';
import { methods } from '../../../src/shared/api/contract';
import type { AugmentPreviewDto } from '../../../src/shared/api/dto';
import {
  checkAugmentForm,
  defaultAugmentForm,
  describeCell,
  describePreview,
  followNew,
  VIEW_COUNT,
  viewLabel,
} from '../../../src/renderer/lib/augment-form';
import {
  checkPolicy,
  defaultPolicy,
  parseRatio,
  POLICY_CHOICES,
  usesCrop,
} from '../../../src/renderer/lib/augment-policy';

describe('augmentation policy', () => {
  it('explains each policy; constrained in PCA’s words', () => {
    expect(POLICY_CHOICES.map((c) => c.value)).toEqual(['constrained', 'whole', 'shuffle', 'none']);
    expect(POLICY_CHOICES[0]!.hint).toBe(
      'constrained: each view is a crop inside one cell of the mosaic, so it never mixes two images — PCA’s augmentation.',
    );
  });

  it('reads aspect ratios as numbers or fractions', () => {
    expect(parseRatio('4/3')).toBe(4 / 3);
    expect(parseRatio(' 3 / 4 ')).toBe(0.75);
    expect(parseRatio('1.5')).toBe(1.5);
    expect(parseRatio('.5')).toBe(0.5);
    for (const bad of ['0', '-1', 'abc', '1/0', '', '2/']) expect(parseRatio(bad), bad).toBeNull();
  });

  it('gives the API’s defaults: scale 0.08–1, aspect 3/4–4/3, flip', () => {
    expect(checkPolicy(defaultPolicy())).toEqual({
      ok: true,
      policy: { augment: 'constrained', cropScale: [0.08, 1], cropRatio: [0.75, 4 / 3], flip: true },
    });
  });

  it('says what is wrong with the ranges, and ignores them when nothing is cropped', () => {
    const bad = { ...defaultPolicy(), scaleLow: 0.5, scaleHigh: 0.2, ratioLow: 'x', ratioHigh: '1' };
    expect(checkPolicy(bad)).toEqual({
      ok: false,
      errors: {
        scale: 'The crop scale must be above 0 and at most 1, the low end first',
        ratio: 'Give both ends of the aspect ratio as positive numbers or fractions such as 3/4',
      },
    });
    expect(checkPolicy({ ...defaultPolicy(), scaleLow: null })).toMatchObject({
      errors: { scale: 'Give both ends of the crop scale' },
    });
    expect(checkPolicy({ ...defaultPolicy(), scaleHigh: 1.5 }).ok).toBe(false);
    expect(checkPolicy({ ...defaultPolicy(), ratioLow: '2', ratioHigh: '1/2' })).toMatchObject({
      errors: { ratio: 'The aspect ratio’s low end must not be above its high end' },
    });
    expect(checkPolicy({ ...bad, augment: 'none', flip: false })).toEqual({
      ok: true,
      policy: { augment: 'none', flip: false },
    });
    expect([usesCrop('none'), usesCrop('shuffle')]).toEqual([false, true]);
  });
});

describe('augment preview form', () => {
  const set = { id: 3, images: 20 };

  it('asks for 8 views of a stored image, in params the contract accepts', () => {
    const check = checkAugmentForm({ ...defaultAugmentForm(3), position: 19, seed: 4 }, set);
    expect(check).toEqual({
      ok: true,
      params: {
        setId: 3,
        position: 19,
        seed: 4,
        count: VIEW_COUNT,
        augment: 'constrained',
        cropScale: [0.08, 1],
        cropRatio: [0.75, 4 / 3],
        flip: true,
      },
    });
    if (check.ok)
      expect(methods['sets.previewViews'].params.safeParse({ project: 'p', ...check.params }).success).toBe(
        true,
      );
    expect(VIEW_COUNT).toBe(8);
  });

  it('keeps the position inside the set', () => {
    expect(checkAugmentForm({ ...defaultAugmentForm(3), position: 20 }, set)).toEqual({
      ok: false,
      errors: { position: 'The position must be a whole number from 0 to 19' },
    });
    expect(checkAugmentForm({ ...defaultAugmentForm(3), position: null, seed: -1 }, set)).toEqual({
      ok: false,
      errors: {
        position: 'The position must be a whole number from 0 to 19',
        seed: 'The seed must be a whole number from 0 to 2,147,483,647',
      },
    });
    expect(checkAugmentForm(defaultAugmentForm(), null)).toMatchObject({
      ok: false,
      errors: { setId: 'Choose a stored set (make one in Combine)' },
    });
  });

  it('numbers cells row by row', () => {
    expect(describeCell(0, 2)).toBe('cell 1 (row 1, column 1)');
    expect(describeCell(1, 2)).toBe('cell 2 (row 1, column 2)');
    expect(describeCell(3, 2)).toBe('cell 4 (row 2, column 2)');
    expect(describeCell(5, 3)).toBe('cell 6 (row 2, column 3)');
  });

  it('labels each view with where it came from and whether it was flipped', () => {
    const view = (cell: number | null, flipped: boolean) => ({ dataUrl: '', cell, flipped });
    expect(viewLabel(view(2, true), 'constrained', 2)).toBe('From cell 3 (row 2, column 1), flipped');
    expect(viewLabel(view(0, false), 'constrained', 1)).toBe('From the whole image, not flipped');
    expect(viewLabel(view(null, false), 'whole', 2)).toBe('Crop of the whole image, not flipped');
    expect(viewLabel(view(null, true), 'shuffle', 2)).toBe('Cells shuffled, then cropped, flipped');
    expect(viewLabel(view(null, true), 'none', 2)).toBe('The stored image, flipped');
  });

  it('summarises a preview', () => {
    const preview: AugmentPreviewDto = {
      setId: 3,
      position: 2,
      classIndex: 1,
      grid: 2,
      original: '',
      views: [
        { dataUrl: '', cell: 0, flipped: true },
        { dataUrl: '', cell: 1, flipped: false },
        { dataUrl: '', cell: 3, flipped: true },
      ],
    };
    expect(describePreview(preview, 20, 'Trouser')).toBe(
      'Image 3 of 20 (Trouser), a 2×2 mosaic: 3 views, 2 flipped.',
    );
    expect(describePreview({ ...preview, grid: 1 }, 20, 'Trouser')).toContain('one kept image');
  });

  it('picks a new item when one appears, else keeps the choice, else the newest', () => {
    const sets = [{ id: 2 }, { id: 5 }, { id: 3 }];
    expect(followNew(null, [], sets)).toBe(5);
    expect(followNew(2, [2, 3, 5], sets)).toBe(2);
    expect(followNew(2, [2, 5], sets)).toBe(3);
    expect(followNew(9, [2, 3, 5], sets)).toBe(5);
    expect(followNew(null, [], [])).toBeNull();
  });
});
