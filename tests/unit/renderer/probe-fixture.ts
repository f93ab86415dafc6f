import type { ProbeDto } from '../../../src/shared/api/probe-dto';

/** A looked-at ImageFolder without a split: 2 classes of 6 images, 24 × 24, nothing skipped. */
export function probeDto(extra: Partial<ProbeDto> = {}): ProbeDto {
  return {
    source: '/data/pets',
    format: 'folder',
    readerPath: '/data/pets',
    total: 12,
    classes: [
      { name: 'cat', train: 0, test: 0, unsplit: 6 },
      { name: 'dog', train: 0, test: 0, unsplit: 6 },
    ],
    splitSource: 'hold-out',
    sizes: {
      examined: 12,
      unreadable: 0,
      common: { height: 24, width: 24, count: 12 },
      differing: 0,
      top: [{ height: 24, width: 24, count: 12 }],
      allGrey: false,
    },
    skipped: { total: 0, byReason: {}, examples: [] },
    target: {
      height: 24,
      width: 24,
      channels: 3,
      resize: 'crop',
      background: { r: 255, g: 255, b: 255 },
      sizeFrom: 'source',
      channelsFrom: 'source',
    },
    previews: [],
    warnings: [],
    timing: { list: 0, examine: 0, previews: 0, reusedListing: false },
    ...extra,
  };
}
