import { describe, expect, it } from 'vitest';
import { defaultImportForm } from '../../../src/renderer/lib/import-form';
import {
  describeFormat,
  describeFound,
  describeProbeSplit,
  describeSizes,
  describeTarget,
  startSummary,
} from '../../../src/renderer/lib/import-review';
import { probeDto } from './probe-fixture';

describe('import review in words', () => {
  it('names the format and what was found', () => {
    expect(describeFormat('idx')).toBe('IDX files (MNIST style)');
    expect(describeFound(probeDto())).toBe('12 images in 2 classes.');
    expect(describeFound({ total: 1, classes: [{ name: 'a', train: 1, test: 0, unsplit: 0 }] })).toBe(
      '1 image in 1 class.',
    );
  });

  it('says where the split comes from, with the hold-out share', () => {
    expect(describeProbeSplit(probeDto(), 20)).toBe(
      'The source has no train/test split: 20% of each class will be held out at random for testing (change it in Settings).',
    );
    expect(describeProbeSplit(probeDto({ splitSource: 'folders' }), 20)).toBe(
      'The source has train/ and test/ folders: they are used as they are.',
    );
    expect(describeProbeSplit(probeDto({ splitSource: 'partial' }), 10)).toBe(
      'The manifest gives a split for some rows only: 10% of the other 12 images will be held out per class.',
    );
  });

  it('describes the sizes seen: all alike, mostly alike, or none readable', () => {
    const dto = probeDto();
    expect(describeSizes(dto.sizes, 'folder', 12)).toBe('All 12 examined are 24 × 24 px.');
    expect(
      describeSizes(
        {
          ...dto.sizes,
          examined: 256,
          common: { height: 32, width: 32, count: 250 },
          differing: 6,
          allGrey: true,
        },
        'folder',
        60000,
      ),
    ).toBe(
      'Most common: 32 × 32 px, in 250 of 256 examined (spread over all 60,000); 6 have another size. All greyscale.',
    );
    expect(
      describeSizes({ ...dto.sizes, common: { height: 28, width: 28, count: 70000 } }, 'idx', 70000),
    ).toBe('Every image is 28 × 28 px.');
    expect(describeSizes({ ...dto.sizes, examined: 3, common: null }, 'folder', 3)).toBe(
      'None of the 3 files examined could be read as an image.',
    );
  });

  it('sums up the import before it starts', () => {
    const values = { ...defaultImportForm(), path: '/data/pets', resize: 'pad' as const, limitPerClass: 3 };
    const target = { ...probeDto().target!, resize: 'pad' as const };
    expect(describeTarget(target)).toBe('24 × 24 px (automatic), 3 channels (colour), padded to fit');
    expect(startSummary(values, probeDto(), target)).toEqual([
      ['Source', '/data/pets'],
      ['Found', 'Image folders (one sub-folder per class): 12 images in 2 classes.'],
      [
        'Split',
        'The source has no train/test split: 20% of each class will be held out at random for testing (change it in Settings).',
      ],
      ['Images become', '24 × 24 px (automatic), 3 channels (colour), padded to fit'],
      ['Identical images', 'Keep every copy'],
      ['Limit', 'At most 3 images per class and split'],
      ['Name', 'the folder’s or file’s name'],
    ]);
    // Without a preview of these exact settings, the choices are said as chosen.
    expect(startSummary({ ...values, size: '32', channels: '1' }, null, null)[2]).toEqual([
      'Images become',
      '32 px, 1 channel (greyscale), padded to fit',
    ]);
  });
});
