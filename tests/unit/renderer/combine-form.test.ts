import { describe, expect, it } from 'vitest';
import type { CombineResultDto, SelectionDto } from '../../../src/shared/api/dto';
import { methods } from '../../../src/shared/api/contract';
import {
  checkCombineForm,
  combineClassRows,
  defaultCombineForm,
  describeCombineResult,
  describeStorage,
  GROUPING_CHOICES,
  K_CHOICES,
  mosaicAlt,
  planStorage,
  previewClasses,
} from '../../../src/renderer/lib/combine-form';

/** 8 cats, 5 dogs and no eels kept; 28×28 greyscale (784 bytes an image). */
const selection: Pick<SelectionDto, 'perClass'> = {
  perClass: [
    { classIndex: 0, name: 'cat', kept: 8, available: 20 },
    { classIndex: 1, name: 'dog', kept: 5, available: 20 },
    { classIndex: 2, name: 'eel', kept: 0, available: 20 },
  ],
};
const grey = { height: 28, width: 28, channels: 1 };

describe('combine form', () => {
  it('explains every grid size and grouping in one line', () => {
    expect(K_CHOICES.map((c) => c.label)).toEqual(['1×1', '2×2', '3×3', '4×4']);
    expect(K_CHOICES[1]!.hint).toBe(
      '2×2: each stored image holds 4 whole kept images of one class; storage stays that of one image.',
    );
    expect(K_CHOICES[3]!.hint).toContain('holds 16 whole kept images');
    expect(K_CHOICES[0]!.hint).toContain('nothing is combined');
    expect(GROUPING_CHOICES.map((g) => g.value)).toEqual(['consecutive', 'interleaved']);
  });

  it('starts at 2×2, consecutive, the dataset’s own size', () => {
    expect(defaultCombineForm(4)).toEqual({
      selectionId: 4,
      k: 2,
      grouping: 'consecutive',
      resolution: null,
    });
  });

  it('turns valid values into params the contract accepts', () => {
    const check = checkCombineForm(defaultCombineForm(4));
    expect(check).toEqual({ ok: true, params: { selectionId: 4, k: 2, grouping: 'consecutive' } });
    const sized = checkCombineForm({ selectionId: 4, k: 3, grouping: 'interleaved', resolution: 64 });
    expect(sized).toEqual({
      ok: true,
      params: { selectionId: 4, k: 3, grouping: 'interleaved', resolution: 64 },
    });
    for (const c of [check, sized])
      if (c.ok)
        expect(methods['sets.combine'].params.safeParse({ project: 'p', ...c.params }).success).toBe(true);
  });

  it('says what is wrong, in words', () => {
    expect(checkCombineForm({ selectionId: null, k: 5, grouping: 'consecutive', resolution: 1 })).toEqual({
      ok: false,
      errors: {
        selectionId: 'Choose a selection to combine (make one in Prune)',
        k: 'The grid size must be a whole number from 1 to 4',
        resolution: 'The height must be a whole number of pixels from 5 (k) to 1024, or blank',
      },
    });
    // A height below k leaves a cell without a pixel; above 1024 is the contract's limit.
    expect(checkCombineForm({ selectionId: 1, k: 2, grouping: 'consecutive', resolution: 1 })).toMatchObject({
      errors: { resolution: 'The height must be a whole number of pixels from 2 (k) to 1024, or blank' },
    });
    expect(checkCombineForm({ selectionId: 1, k: 2, grouping: 'consecutive', resolution: 1025 }).ok).toBe(
      false,
    );
    expect(checkCombineForm({ selectionId: 1, k: 2, grouping: 'consecutive', resolution: 20.5 }).ok).toBe(
      false,
    );
  });
});

describe('combine storage', () => {
  it('stores ⌈kept / k²⌉ images per class, each the size of one image', () => {
    // 2×2: cats ⌈8/4⌉ = 2, dogs ⌈5/4⌉ = 2, eels none: 4 × 784 = 3,136 bytes; the 13 kept take 10,192.
    const plan = planStorage(selection, grey, 2);
    expect(plan).toEqual({
      height: 28,
      width: 28,
      channels: 1,
      perClass: [
        { classIndex: 0, name: 'cat', kept: 8, stored: 2 },
        { classIndex: 1, name: 'dog', kept: 5, stored: 2 },
      ],
      kept: 13,
      stored: 4,
      bytes: 3136,
      keptBytes: 10192,
    });
    // 3×3: one mosaic per class; 4×4 the same.
    expect(planStorage(selection, grey, 3).stored).toBe(2);
    expect(planStorage(selection, grey, 4).bytes).toBe(2 * 784);
    // 1×1 stores the kept images themselves.
    expect(planStorage(selection, grey, 1)).toMatchObject({ stored: 13, bytes: 10192 });
  });

  it('keeps the dataset’s aspect at another height', () => {
    // 32 high, 48 wide, RGB; 20 high → 20 × 48/32 = 30 wide: 20 × 30 × 3 = 1,800 bytes a mosaic.
    const plan = planStorage(selection, { height: 32, width: 48, channels: 3 }, 2, 20);
    expect(plan).toMatchObject({ height: 20, width: 30, channels: 3, stored: 4, bytes: 7200 });
    // 25 high → 37.5, rounded to 38 as the Node side does.
    expect(planStorage(selection, { height: 32, width: 48, channels: 3 }, 2, 25).width).toBe(38);
  });

  it('describes the storage in a sentence', () => {
    // 3,136 / 1,024 = 3.06 KiB; 10,192 / 1,024 = 9.95 KiB; 3,136 / 10,192 = 31%.
    expect(describeStorage(planStorage(selection, grey, 2))).toBe(
      '4 stored images (28×28 px, 1 channel) holding 13 kept images: 3.1 KiB on disk (3,136 bytes of raw pixels, 31% of the 10.0 KiB the kept images take one by one).',
    );
    expect(describeStorage(planStorage(selection, grey, 1))).toBe(
      '13 stored images (28×28 px, 1 channel) holding 13 kept images: 10.0 KiB on disk (10,192 bytes of raw pixels, the same as the kept images one by one).',
    );
  });

  it('offers only classes with kept images for the preview', () => {
    expect(previewClasses(selection)).toEqual([
      { index: 0, name: 'cat' },
      { index: 1, name: 'dog' },
    ]);
  });

  it('describes a stored combine and names a mosaic’s tiles', () => {
    const result = { id: 6, grid: 2, grouping: 'interleaved', storedImages: 4, keptImages: 13, bytes: 3136 };
    expect(describeCombineResult(result as CombineResultDto)).toBe(
      'Stored set #6: 4 images (2×2, interleaved) made of 13 kept images, 3.1 KiB of pixels.',
    );
    expect(mosaicAlt('Coat', 1, [12, 40, 7, 3])).toBe('Mosaic 2 of Coat: samples #12, #40, #7, #3');
    expect(mosaicAlt('Coat', 0, [9])).toBe('Mosaic 1 of Coat: sample #9');
  });

  it('gives a row per class: kept images, stored images and repeated tiles', () => {
    const perClass = [
      { index: 0, name: 'cat', keptImages: 8, storedImages: 2, repeatedTiles: 0 },
      { index: 1, name: 'dog', keptImages: 5, storedImages: 2, repeatedTiles: 3 },
      { index: 2, name: 'elk', keptImages: 1200, storedImages: 300, repeatedTiles: 0 },
    ];
    expect(combineClassRows({ perClass })).toEqual([
      { key: 0, name: 'cat', cells: ['8', '2', '0'] },
      { key: 1, name: 'dog', cells: ['5', '2', '3'] },
      { key: 2, name: 'elk', cells: ['1,200', '300', '0'] },
    ]);
  });
});
